package org.streetsense.gateway.board;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.protocol.BoardCommand;
import org.streetsense.bridge.protocol.BoardMessage;
import org.streetsense.bridge.protocol.ChannelMode;
import org.streetsense.bridge.protocol.FrameDecoder;
import org.streetsense.bridge.protocol.MessageCodec;
import org.streetsense.bridge.protocol.NackReason;

/**
 * The board end of an in-memory link, answering as minimal Streetsense firmware: HELLO on boot and
 * on request, CAPABILITIES with A0 (id 14), D2 (id 2) and an HC-SR04 (id 100), and ACK to every
 * command on a known channel (NACK otherwise), and a HEARTBEAT every 50 ms. Readings are sent
 * only when the test says so.
 */
final class ScriptedStreetsensePeer implements AutoCloseable {

  static final int A0 = 14;
  static final int D2 = 2;
  static final int HCSR04 = 100;

  private final SerialLink link;
  private final List<BoardCommand> commands = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
  private FrameDecoder decoder;
  private int seq;
  private long bootNanos;

  ScriptedStreetsensePeer(SerialLink link) {
    this.link = link;
    heartbeats.scheduleAtFixedRate(this::heartbeat, 50, 50, TimeUnit.MILLISECONDS);
  }

  private synchronized void heartbeat() {
    if (decoder != null && link.isOpen()) {
      send(new BoardMessage.Heartbeat((System.nanoTime() - bootNanos) / 1_000_000));
    }
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
  }

  /** Opens the link and boots: a HELLO with seq 0, as after a reset. */
  synchronized void boot() throws IOException {
    link.open();
    seq = 0;
    bootNanos = System.nanoTime();
    decoder = new FrameDecoder((packet, message) -> handle(packet.seq(), message));
    link.onData(bytes -> decoder.feed(bytes));
    send(hello());
  }

  List<BoardCommand> commands() {
    return commands;
  }

  synchronized void send(BoardMessage message) {
    link.write(MessageCodec.toPacket(message, seq).toFrame());
    seq = (seq + 1) & 0xFFFF;
  }

  private synchronized void handle(int packetSeq, BoardMessage message) {
    if (message instanceof BoardMessage.HelloRequest) {
      send(hello());
    } else if (message instanceof BoardMessage.CapabilitiesRequest) {
      send(new BoardMessage.Capabilities(List.of(
          new BoardMessage.Channel(D2, "D2", Set.of(ChannelMode.DIGITAL_INPUT)),
          new BoardMessage.Channel(A0, "A0", Set.of(ChannelMode.ANALOG_INPUT,
              ChannelMode.DIGITAL_INPUT)),
          new BoardMessage.Channel(HCSR04, "hcsr04", Set.of(ChannelMode.DISTANCE)))));
    } else if (message instanceof BoardMessage.Command c) {
      commands.add(c.command());
      int ch = c.command().channel();
      send(ch == A0 || ch == D2 || ch == HCSR04
          ? new BoardMessage.Ack(packetSeq)
          : new BoardMessage.Nack(packetSeq, NackReason.UNKNOWN_CHANNEL));
    }
  }

  private static BoardMessage.Hello hello() {
    return new BoardMessage.Hello(1, 1, 0, 0, "uno-1");
  }
}
