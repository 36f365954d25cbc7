package org.streetsense.bridge.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.streetsense.bridge.protocol.BoardCommand;
import org.streetsense.bridge.protocol.BoardMessage;
import org.streetsense.bridge.protocol.ChannelMode;
import org.streetsense.bridge.protocol.FrameDecoder;
import org.streetsense.bridge.protocol.MessageCodec;
import org.streetsense.bridge.protocol.NackReason;
import org.streetsense.bridge.protocol.Unit;

/** The reference firmware's logic (firmware/sketch) in Java, for the simulated board. */
final class StreetsenseBehaviour implements Behaviour {

  static final int FIRMWARE_MAJOR = 1;
  static final int FIRMWARE_MINOR = 1;
  static final int FIRMWARE_PATCH = 0;

  private final SimulatedBoard board;
  private final Map<Integer, ChannelMode> modes = new HashMap<>();
  private final Map<Integer, ScheduledFuture<?>> sampling = new HashMap<>();
  private FrameDecoder decoder;
  private ScheduledFuture<?> heartbeat;
  private int seq;

  StreetsenseBehaviour(SimulatedBoard board) {
    this.board = board;
  }

  static BoardMessage.Capabilities capabilities() {
    List<BoardMessage.Channel> channels = new ArrayList<>();
    for (int pin = UnoLayout.FIRST_PIN; pin < UnoLayout.PIN_COUNT; pin++) {
      if (pin == UnoLayout.HCSR04_TRIG || pin == UnoLayout.HCSR04_ECHO) {
        continue;
      }
      Set<ChannelMode> m = EnumSet.of(ChannelMode.DIGITAL_INPUT, ChannelMode.DIGITAL_OUTPUT,
          ChannelMode.INPUT_PULLUP);
      if (UnoLayout.PWM_PINS.contains(pin)) {
        m.add(ChannelMode.PWM);
      }
      if (UnoLayout.isAnalogPin(pin)) {
        m.add(ChannelMode.ANALOG_INPUT);
      }
      channels.add(new BoardMessage.Channel(pin, UnoLayout.name(pin), m));
    }
    channels.add(new BoardMessage.Channel(UnoLayout.HCSR04, "hcsr04",
        EnumSet.of(ChannelMode.DISTANCE)));
    return new BoardMessage.Capabilities(channels);
  }

  @Override
  public void powerOn() {
    powerOff();
    modes.clear();
    seq = 0;
    decoder = new FrameDecoder((packet, message) -> handle(packet.seq(), message));
    board.send(new byte[] {0});
    send(hello());
    long beat = board.options().heartbeatInterval().toMillis();
    heartbeat = board.thread().scheduleAtFixedRate(
        () -> send(new BoardMessage.Heartbeat(board.millis())), beat, beat, TimeUnit.MILLISECONDS);
  }

  @Override
  public void powerOff() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    sampling.values().forEach(f -> f.cancel(false));
    sampling.clear();
  }

  @Override
  public void onBytes(byte[] bytes) {
    if (decoder != null) {
      decoder.feed(bytes);
    }
  }

  @Override
  public void inputChanged(int pin, boolean high) {
    ChannelMode mode = modes.get(pin);
    if (mode == ChannelMode.DIGITAL_INPUT || mode == ChannelMode.INPUT_PULLUP) {
      send(new BoardMessage.Event(pin, high, board.millis()));
    }
  }

  private BoardMessage.Hello hello() {
    return new BoardMessage.Hello(1, FIRMWARE_MAJOR, FIRMWARE_MINOR, FIRMWARE_PATCH,
        board.options().boardId());
  }

  private void handle(int packetSeq, BoardMessage message) {
    if (message instanceof BoardMessage.HelloRequest) {
      send(hello());
    } else if (message instanceof BoardMessage.CapabilitiesRequest) {
      send(capabilities());
    } else if (message instanceof BoardMessage.Command c) {
      NackReason refused = apply(c.command());
      send(refused == null ? new BoardMessage.Ack(packetSeq)
          : new BoardMessage.Nack(packetSeq, refused));
      if (refused == null && c.command() instanceof BoardCommand.Configure conf
          && isInput(conf.mode())) {
        send(reading(conf.channel(), conf.mode())); // every input reports its value at once
      }
    }
  }

  private NackReason apply(BoardCommand command) {
    int ch = command.channel();
    var channel = capabilities().channels().stream().filter(c -> c.id() == ch).findFirst();
    if (channel.isEmpty()) {
      return NackReason.UNKNOWN_CHANNEL;
    }
    if (command instanceof BoardCommand.SetDigital d) {
      if (modes.get(ch) != ChannelMode.DIGITAL_OUTPUT) {
        return NackReason.WRONG_MODE;
      }
      board.pins().setOutput(ch, d.high());
    } else if (command instanceof BoardCommand.SetPwm p) {
      if (modes.get(ch) != ChannelMode.PWM) {
        return NackReason.WRONG_MODE;
      }
      board.pins().setPwm(ch, p.duty());
    } else if (command instanceof BoardCommand.Configure c) {
      if (c.mode() != null && !channel.get().modes().contains(c.mode())) {
        return NackReason.UNSUPPORTED_MODE;
      }
      configure(ch, c.mode(), c.samplingInterval());
    }
    return null;
  }

  private void configure(int ch, ChannelMode mode, Duration interval) {
    ScheduledFuture<?> old = sampling.remove(ch);
    if (old != null) {
      old.cancel(false);
    }
    if (mode == null) {
      modes.remove(ch);
      return;
    }
    ChannelMode before = modes.put(ch, mode);
    // the sketch's pinMode(ch, OUTPUT): the pin drives its latch, low after a reset
    if (mode == ChannelMode.DIGITAL_OUTPUT && before != mode) {
      board.pins().setOutput(ch, false);
    } else if (mode == ChannelMode.PWM && before != mode) {
      board.pins().setPwm(ch, 0);
    }
    boolean input = mode != ChannelMode.DIGITAL_OUTPUT && mode != ChannelMode.PWM;
    if (input && !interval.isZero()) {
      long ms = interval.toMillis();
      sampling.put(ch, board.thread().scheduleAtFixedRate(() -> send(reading(ch, mode)), ms, ms,
          TimeUnit.MILLISECONDS));
    }
  }

  private static boolean isInput(ChannelMode mode) {
    return mode != null && mode != ChannelMode.DIGITAL_OUTPUT && mode != ChannelMode.PWM;
  }

  private BoardMessage reading(int ch, ChannelMode mode) {
    return switch (mode) {
      case ANALOG_INPUT -> BoardMessage.Reading.ofInt(ch, Unit.COUNTS,
          board.pins().analog(ch - UnoLayout.FIRST_ANALOG_PIN));
      case DISTANCE -> BoardMessage.Reading.ofFloat(ch, Unit.MILLIMETRE,
          (float) board.pins().distanceMm());
      default -> BoardMessage.Reading.ofInt(ch, Unit.LEVEL, board.pins().input(ch) ? 1 : 0);
    };
  }

  private void send(BoardMessage message) {
    board.send(MessageCodec.toPacket(message, seq).toFrame());
    seq = (seq + 1) & 0xFFFF;
  }
}
