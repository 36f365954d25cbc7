package org.streetsense.bridge.firmata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes {@link FirmataMessage}s and common sysex bodies to bytes. Stateless. */
public final class FirmataCodec {

  private FirmataCodec() {}

  public static byte[] encode(FirmataMessage message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (message instanceof FirmataMessage.DigitalPort d) {
      out.write(Firmata.DIGITAL_MESSAGE | check(d.port(), 15, "port"));
      write14(out, d.mask() & 0xFF);
    } else if (message instanceof FirmataMessage.Analog a) {
      out.write(Firmata.ANALOG_MESSAGE | check(a.channel(), 15, "channel"));
      write14(out, check(a.value(), 16383, "value"));
    } else if (message instanceof FirmataMessage.ProtocolVersion v) {
      out.write(Firmata.PROTOCOL_VERSION);
      out.write(check(v.major(), 127, "major"));
      out.write(check(v.minor(), 127, "minor"));
    } else if (message instanceof FirmataMessage.ReportAnalog r) {
      out.write(Firmata.REPORT_ANALOG | check(r.channel(), 15, "channel"));
      out.write(r.enable() ? 1 : 0);
    } else if (message instanceof FirmataMessage.ReportDigital r) {
      out.write(Firmata.REPORT_DIGITAL | check(r.port(), 15, "port"));
      out.write(r.enable() ? 1 : 0);
    } else if (message instanceof FirmataMessage.SetPinMode m) {
      out.write(Firmata.SET_PIN_MODE);
      out.write(check(m.pin(), 127, "pin"));
      out.write(check(m.mode(), 127, "mode"));
    } else if (message instanceof FirmataMessage.SetDigitalPin p) {
      out.write(Firmata.SET_DIGITAL_PIN_VALUE);
      out.write(check(p.pin(), 127, "pin"));
      out.write(p.high() ? 1 : 0);
    } else if (message instanceof FirmataMessage.SystemReset) {
      out.write(Firmata.SYSTEM_RESET);
    } else if (message instanceof FirmataMessage.Sysex s) {
      out.write(Firmata.START_SYSEX);
      out.write(check(s.command(), 127, "sysex command"));
      for (byte b : s.data()) {
        out.write(check(b & 0xFF, 127, "sysex data byte"));
      }
      out.write(Firmata.END_SYSEX);
    }
    return out.toByteArray();
  }

  /** Sysex REPORT_FIRMWARE reply body: major, minor, name as 7-bit LSB/MSB pairs. */
  public static FirmataMessage.Sysex firmwareReport(int major, int minor, String name) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(major);
    body.write(minor);
    for (byte c : name.getBytes(StandardCharsets.UTF_8)) {
      write14(body, c & 0xFF);
    }
    return new FirmataMessage.Sysex(Firmata.REPORT_FIRMWARE, body.toByteArray());
  }

  /** Extended analog write (sysex 0x6F) for any pin and values wider than 14 bits. */
  public static FirmataMessage.Sysex extendedAnalog(int pin, int value) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(check(pin, 127, "pin"));
    int v = value;
    do {
      body.write(v & 0x7F);
      v >>>= 7;
    } while (v != 0);
    return new FirmataMessage.Sysex(Firmata.EXTENDED_ANALOG, body.toByteArray());
  }

  /** Sampling interval sysex (0x7A), 1..16383 ms. */
  public static FirmataMessage.Sysex samplingInterval(int millis) {
    check(millis, 16383, "sampling interval ms");
    return new FirmataMessage.Sysex(Firmata.SAMPLING_INTERVAL,
        new byte[] {(byte) (millis & 0x7F), (byte) (millis >>> 7)});
  }

  /** Decodes 7-bit LSB/MSB pairs starting at {@code from}. */
  static int read14(byte[] data, int from) {
    return (data[from] & 0x7F) | (data[from + 1] & 0x7F) << 7;
  }

  static void write14(ByteArrayOutputStream out, int v) {
    out.write(v & 0x7F);
    out.write((v >>> 7) & 0x7F);
  }

  private static int check(int v, int max, String what) {
    if (v < 0 || v > max) {
      throw new IllegalArgumentException(what + " must be 0.." + max + ", was " + v);
    }
    return v;
  }
}
