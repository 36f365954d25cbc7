package org.streetsense.bridge.sim;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.streetsense.bridge.firmata.Firmata;
import org.streetsense.bridge.firmata.FirmataCodec;
import org.streetsense.bridge.firmata.FirmataMessage;
import org.streetsense.bridge.firmata.FirmataParser;
import org.streetsense.bridge.firmata.PinMode;

/**
 * StandardFirmata 2.5 behaviour of an Uno, for the simulated board: capability and analog-mapping
 * queries, pin modes (INPUT, OUTPUT, PULLUP, ANALOG, PWM on D3/5/6/9/10/11, SERVO on D2..D13),
 * digital and analog reporting, digital writes, PWM and servo writes, sampling interval.
 */
final class FirmataBehaviour implements Behaviour {

  private static final int DEFAULT_SAMPLING_MS = 19;

  private final SimulatedBoard board;
  private final Map<Integer, PinMode> modes = new HashMap<>();
  private final Set<Integer> analogReports = new HashSet<>();
  private final Set<Integer> digitalReports = new HashSet<>();
  private FirmataParser parser;
  private int samplingMs = DEFAULT_SAMPLING_MS;
  private ScheduledFuture<?> sampler;

  FirmataBehaviour(SimulatedBoard board) {
    this.board = board;
  }

  @Override
  public void powerOn() {
    powerOff();
    modes.clear();
    analogReports.clear();
    digitalReports.clear();
    samplingMs = DEFAULT_SAMPLING_MS;
    parser = new FirmataParser(this::handle);
    send(new FirmataMessage.ProtocolVersion(2, 5));
    send(firmware());
    schedule();
  }

  @Override
  public void powerOff() {
    if (sampler != null) {
      sampler.cancel(false);
    }
  }

  @Override
  public void onBytes(byte[] bytes) {
    if (parser != null) {
      parser.feed(bytes);
    }
  }

  @Override
  public void inputChanged(int pin, boolean high) {
    int port = pin / 8;
    PinMode mode = modes.get(pin);
    if (digitalReports.contains(port) && (mode == PinMode.INPUT || mode == PinMode.PULLUP)) {
      sendPort(port);
    }
  }

  private FirmataMessage firmware() {
    return FirmataCodec.firmwareReport(2, 5, board.options().boardId());
  }

  private void handle(FirmataMessage m) {
    if (m instanceof FirmataMessage.Sysex s) {
      sysex(s);
    } else if (m instanceof FirmataMessage.SetPinMode p && UnoLayout.isPin(p.pin())) {
      PinMode.fromCode(p.mode()).ifPresent(mode -> setMode(p.pin(), mode));
    } else if (m instanceof FirmataMessage.SetDigitalPin d && modes.get(d.pin()) == PinMode.OUTPUT) {
      board.pins().setOutput(d.pin(), d.high());
    } else if (m instanceof FirmataMessage.DigitalPort d) {
      for (int bit = 0; bit < 8; bit++) {
        int pin = d.port() * 8 + bit;
        if (modes.get(pin) == PinMode.OUTPUT) {
          board.pins().setOutput(pin, (d.mask() & (1 << bit)) != 0);
        }
      }
    } else if (m instanceof FirmataMessage.Analog a) {
      pwm(a.channel(), a.value());
    } else if (m instanceof FirmataMessage.ReportAnalog r) {
      if (r.enable()) {
        analogReports.add(r.channel());
      } else {
        analogReports.remove(r.channel());
      }
    } else if (m instanceof FirmataMessage.ReportDigital r) {
      if (r.enable()) {
        digitalReports.add(r.port());
        sendPort(r.port());
      } else {
        digitalReports.remove(r.port());
      }
    } else if (m instanceof FirmataMessage.SystemReset) {
      modes.clear();
      analogReports.clear();
      digitalReports.clear();
      board.pins().resetOutputs();
    }
  }

  private void sysex(FirmataMessage.Sysex s) {
    byte[] d = s.data();
    switch (s.command()) {
      case Firmata.REPORT_FIRMWARE -> send(firmware());
      case Firmata.CAPABILITY_QUERY -> send(capabilities());
      case Firmata.ANALOG_MAPPING_QUERY -> send(analogMapping());
      case Firmata.SAMPLING_INTERVAL -> {
        if (d.length >= 2) {
          samplingMs = Math.max(1, (d[0] & 0x7F) | (d[1] & 0x7F) << 7);
          schedule();
        }
      }
      case Firmata.EXTENDED_ANALOG -> {
        if (d.length >= 2) {
          int value = 0;
          for (int i = d.length - 1; i >= 1; i--) {
            value = value << 7 | (d[i] & 0x7F);
          }
          pwm(d[0], value);
        }
      }
      default -> { }
    }
  }

  private void pwm(int pin, int value) {
    if (modes.get(pin) == PinMode.PWM) {
      board.pins().setPwm(pin, value);
    } else if (modes.get(pin) == PinMode.SERVO) {
      // StandardFirmata's servoWrite: values below 544 are degrees (clamped to 180 by Servo)
      board.pins().setServo(pin, Math.min(value, 180));
    }
  }

  /**
   * StandardFirmata's setPinModeCallback on an Uno: OUTPUT and PWM make the pin an output at its
   * port latch, which is low after a reset (so an active-low output is on for the moment between
   * this message and the first write); SERVO attaches the pin, which pulses once written.
   * Modes the pin does not have are ignored, as the firmware ignores them.
   */
  private void setMode(int pin, PinMode mode) {
    boolean supported = switch (mode) {
      case INPUT, OUTPUT, PULLUP -> true;
      case PWM -> UnoLayout.PWM_PINS.contains(pin);
      case SERVO -> !UnoLayout.isAnalogPin(pin);
      case ANALOG -> UnoLayout.isAnalogPin(pin);
      default -> false;
    };
    if (!supported) {
      return;
    }
    PinMode before = modes.put(pin, mode);
    if (mode == PinMode.OUTPUT && before != PinMode.OUTPUT) {
      board.pins().setOutput(pin, false);
    } else if (mode == PinMode.PWM && before != PinMode.PWM) {
      board.pins().setPwm(pin, 0);
    }
  }

  private FirmataMessage capabilities() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int pin = 0; pin < UnoLayout.PIN_COUNT; pin++) {
      if (UnoLayout.isPin(pin)) {
        mode(out, PinMode.INPUT, 1);
        mode(out, PinMode.OUTPUT, 1);
        mode(out, PinMode.PULLUP, 1);
        if (UnoLayout.PWM_PINS.contains(pin)) {
          mode(out, PinMode.PWM, 8);
        }
        if (!UnoLayout.isAnalogPin(pin)) {
          mode(out, PinMode.SERVO, 14);
        }
        if (UnoLayout.isAnalogPin(pin)) {
          mode(out, PinMode.ANALOG, 10);
        }
      }
      out.write(Firmata.NONE);
    }
    return new FirmataMessage.Sysex(Firmata.CAPABILITY_RESPONSE, out.toByteArray());
  }

  private static void mode(ByteArrayOutputStream out, PinMode mode, int resolution) {
    out.write(mode.code());
    out.write(resolution);
  }

  private FirmataMessage analogMapping() {
    byte[] mapping = new byte[UnoLayout.PIN_COUNT];
    for (int pin = 0; pin < mapping.length; pin++) {
      mapping[pin] = (byte) (UnoLayout.isAnalogPin(pin)
          ? pin - UnoLayout.FIRST_ANALOG_PIN : Firmata.NONE);
    }
    return new FirmataMessage.Sysex(Firmata.ANALOG_MAPPING_RESPONSE, mapping);
  }

  private void schedule() {
    if (sampler != null) {
      sampler.cancel(false);
    }
    sampler = board.thread().scheduleAtFixedRate(this::sample, samplingMs, samplingMs,
        TimeUnit.MILLISECONDS);
  }

  private void sample() {
    for (int channel : analogReports) {
      send(new FirmataMessage.Analog(channel, board.pins().analog(channel)));
    }
  }

  private void sendPort(int port) {
    int mask = 0;
    for (int bit = 0; bit < 8; bit++) {
      int pin = port * 8 + bit;
      PinMode mode = modes.get(pin);
      if ((mode == PinMode.INPUT || mode == PinMode.PULLUP) && board.pins().input(pin)) {
        mask |= 1 << bit;
      }
    }
    send(new FirmataMessage.DigitalPort(port, mask));
  }

  private void send(FirmataMessage message) {
    board.send(FirmataCodec.encode(message));
  }
}
