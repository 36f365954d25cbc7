package org.streetsense.bridge.firmata;

import java.util.Objects;

/**
 * One Firmata message, in either direction. Values are 14-bit (0..16383) unless noted; pins and
 * channels are 0..127. Produced by {@link FirmataParser}, encoded by {@link FirmataCodec}.
 */
public sealed interface FirmataMessage {

  /** 0x90|port: the levels of 8 pins of a digital port (bit i is pin port*8+i). */
  record DigitalPort(int port, int mask) implements FirmataMessage {}

  /** 0xE0|channel: an analog input value (board to host) or PWM write to pin (host to board). */
  record Analog(int channel, int value) implements FirmataMessage {}

  /** 0xF9: protocol version. */
  record ProtocolVersion(int major, int minor) implements FirmataMessage {}

  /** 0xC0|channel: enable or disable reporting of an analog channel. */
  record ReportAnalog(int channel, boolean enable) implements FirmataMessage {}

  /** 0xD0|port: enable or disable reporting of a digital port. */
  record ReportDigital(int port, boolean enable) implements FirmataMessage {}

  /** 0xF4: set a pin's mode. */
  record SetPinMode(int pin, int mode) implements FirmataMessage {}

  /** 0xF5: set one digital output pin. */
  record SetDigitalPin(int pin, boolean high) implements FirmataMessage {}

  /** 0xFF: system reset. */
  record SystemReset() implements FirmataMessage {}

  /** 0xF0 command data... 0xF7; {@code data} holds the 7-bit bytes between command and end. */
  record Sysex(int command, byte[] data) implements FirmataMessage {
    public Sysex {
      Objects.requireNonNull(data, "data");
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sysex s && s.command == command && java.util.Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
      return command * 31 + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Sysex[0x" + Integer.toHexString(command) + ", " + data.length + " bytes]";
    }
  }
}
