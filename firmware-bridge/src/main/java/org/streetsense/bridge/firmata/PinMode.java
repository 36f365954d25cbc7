package org.streetsense.bridge.firmata;

import java.util.Optional;

/** Firmata pin modes and their codes. */
public enum PinMode {
  INPUT(0x00),
  OUTPUT(0x01),
  ANALOG(0x02),
  PWM(0x03),
  SERVO(0x04),
  SHIFT(0x05),
  I2C(0x06),
  ONEWIRE(0x07),
  STEPPER(0x08),
  ENCODER(0x09),
  SERIAL(0x0A),
  PULLUP(0x0B);

  private final int code;

  PinMode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<PinMode> fromCode(int code) {
    for (PinMode m : values()) {
      if (m.code == code) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
