package org.streetsense.bridge.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.protocol.BoardCommand;
import org.streetsense.bridge.protocol.BoardMessage;
import org.streetsense.bridge.protocol.ChannelMode;
import org.streetsense.bridge.protocol.FrameDecoder;
import org.streetsense.bridge.protocol.MessageCodec;
import org.streetsense.bridge.protocol.NackReason;

/**
 * A minimal protocol peer for BoardSession unit tests: answers HELLO_REQUEST and
 * CAPABILITIES_REQUEST, and answers commands as the test's rule says. The full simulated board
 * lives in test-rigs.
 */
final class ScriptedBoard {

  static final BoardMessage.Hello HELLO = new BoardMessage.Hello(1, 1, 2, 3, "uno-1");
  static final BoardMessage.Capabilities CAPABILITIES = new BoardMessage.Capabilities(List.of(
      new BoardMessage.Channel(13, "D13",
          java.util.Set.of(ChannelMode.DIGITAL_INPUT, ChannelMode.DIGITAL_OUTPUT)),
      new BoardMessage.Channel(14, "A0", java.util.Set.of(ChannelMode.ANALOG_INPUT))));

  private final SerialLink link;
  private final AtomicInteger seq = new AtomicInteger();
  final List<BoardCommand> commands = new CopyOnWriteArrayList<>();
  volatile boolean answerHelloRequests = true;
  volatile boolean answerCapabilities = true;
  volatile int dropCommands;
  volatile Function<BoardCommand, NackReason> rule = c -> null;

  ScriptedBoard(SerialLink link) throws java.io.IOException {
    this.link = link;
    FrameDecoder decoder = new FrameDecoder((packet, message) -> handle(packet.seq(), message));
    link.onData(decoder::feed);
    link.open();
  }

  void send(BoardMessage message) {
    link.write(MessageCodec.toPacket(message, seq.getAndIncrement() & 0xFFFF).toFrame());
  }

  private final java.util.concurrent.ScheduledExecutorService beats =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
  private final long bootNanos = System.nanoTime();

  /** Sends a HEARTBEAT with the uptime every {@code interval}. */
  void startHeartbeats(java.time.Duration interval) {
    beats.scheduleAtFixedRate(
        () -> send(new BoardMessage.Heartbeat((System.nanoTime() - bootNanos) / 1_000_000)),
        0, interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  void close() {
    beats.shutdownNow();
  }

  /** Reboots: the sequence restarts, and the boot HELLO has seq 0. */
  void reboot() {
    seq.set(0);
    send(HELLO);
  }

  void sendRaw(byte[] bytes) {
    link.write(bytes);
  }

  private void handle(int packetSeq, BoardMessage message) {
    if (message instanceof BoardMessage.HelloRequest && answerHelloRequests) {
      send(HELLO);
    } else if (message instanceof BoardMessage.CapabilitiesRequest && answerCapabilities) {
      send(CAPABILITIES);
    } else if (message instanceof BoardMessage.Command c) {
      commands.add(c.command());
      if (dropCommands > 0) {
        dropCommands--;
        return;
      }
      NackReason reason = rule.apply(c.command());
      send(reason == null ? new BoardMessage.Ack(packetSeq)
          : new BoardMessage.Nack(packetSeq, reason));
    }
  }
}
