package org.streetsense.bridge.firmata;

import java.io.ByteArrayOutputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Splits a Firmata byte stream into {@link FirmataMessage}s. Works in both directions (the host
 * side parses board reports, a simulated board parses host commands).
 *
 * <p>Robust to garbage: a command byte in the middle of a message abandons the unfinished one;
 * data bytes without a command, unknown commands and sysex longer than {@link #MAX_SYSEX} bytes
 * are dropped and counted in {@link #stats()}. Never throws on any input.
 *
 * <p>Not thread-safe: feed from one thread; the consumer runs on it.
 */
public final class FirmataParser {

  public static final int MAX_SYSEX = 1024;

  private final Consumer<FirmataMessage> consumer;
  private final ByteArrayOutputStream sysex = new ByteArrayOutputStream();
  private int command = -1;
  private final int[] data = new int[2];
  private int dataCount;
  private int needed;
  private boolean inSysex;
  private boolean sysexOverflow;
  private long messages;
  private long stray;
  private long truncated;
  private long unknown;
  private long oversized;

  public FirmataParser(Consumer<FirmataMessage> consumer) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
  }

  public void feed(byte[] chunk) {
    for (byte b : chunk) {
      feed(b & 0xFF);
    }
  }

  public synchronized FirmataStats stats() {
    return new FirmataStats(messages, stray, truncated, unknown, oversized);
  }

  private void feed(int b) {
    if (inSysex) {
      sysexByte(b);
      return;
    }
    if (b >= 0x80) {
      startCommand(b);
      return;
    }
    if (command < 0) {
      synchronized (this) {
        stray++;
      }
      return;
    }
    data[dataCount++] = b;
    if (dataCount == needed) {
      deliver(command, data[0], data[1]);
      dataCount = 0;
      // running status: Firmata boards do not use it, so a complete message ends the command
      command = -1;
    }
  }

  private void startCommand(int b) {
    if (command >= 0 && dataCount > 0) {
      synchronized (this) {
        truncated++;
      }
    }
    command = -1;
    dataCount = 0;
    if (b == Firmata.START_SYSEX) {
      inSysex = true;
      sysexOverflow = false;
      sysex.reset();
      return;
    }
    if (b == Firmata.SYSTEM_RESET) {
      emit(new FirmataMessage.SystemReset());
      return;
    }
    int type = b < 0xF0 ? b & 0xF0 : b;
    needed = switch (type) {
      case Firmata.DIGITAL_MESSAGE, Firmata.ANALOG_MESSAGE, Firmata.PROTOCOL_VERSION,
          Firmata.SET_PIN_MODE, Firmata.SET_DIGITAL_PIN_VALUE -> 2;
      case Firmata.REPORT_ANALOG, Firmata.REPORT_DIGITAL -> 1;
      default -> 0;
    };
    if (needed == 0) {
      synchronized (this) {
        unknown++;
      }
      return;
    }
    command = b;
  }

  private void sysexByte(int b) {
    if (b == Firmata.END_SYSEX) {
      inSysex = false;
      byte[] body = sysex.toByteArray();
      if (sysexOverflow) {
        synchronized (this) {
          oversized++;
        }
      } else if (body.length == 0) {
        synchronized (this) {
          truncated++;
        }
      } else {
        emit(new FirmataMessage.Sysex(body[0] & 0xFF,
            java.util.Arrays.copyOfRange(body, 1, body.length)));
      }
      return;
    }
    if (b >= 0x80) {
      inSysex = false;
      synchronized (this) {
        truncated++;
      }
      startCommand(b);
      return;
    }
    if (sysex.size() >= MAX_SYSEX) {
      sysexOverflow = true;
      return;
    }
    sysex.write(b);
  }

  private void deliver(int cmd, int d0, int d1) {
    int type = cmd < 0xF0 ? cmd & 0xF0 : cmd;
    int low = cmd & 0x0F;
    FirmataMessage m = switch (type) {
      case Firmata.DIGITAL_MESSAGE -> new FirmataMessage.DigitalPort(low, d0 | d1 << 7);
      case Firmata.ANALOG_MESSAGE -> new FirmataMessage.Analog(low, d0 | d1 << 7);
      case Firmata.PROTOCOL_VERSION -> new FirmataMessage.ProtocolVersion(d0, d1);
      case Firmata.SET_PIN_MODE -> new FirmataMessage.SetPinMode(d0, d1);
      case Firmata.SET_DIGITAL_PIN_VALUE -> new FirmataMessage.SetDigitalPin(d0, d1 != 0);
      case Firmata.REPORT_ANALOG -> new FirmataMessage.ReportAnalog(low, d0 != 0);
      default -> new FirmataMessage.ReportDigital(low, d0 != 0);
    };
    emit(m);
  }

  private void emit(FirmataMessage m) {
    synchronized (this) {
      messages++;
    }
    consumer.accept(m);
  }
}
