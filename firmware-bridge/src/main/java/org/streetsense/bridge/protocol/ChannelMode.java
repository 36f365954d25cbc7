package org.streetsense.bridge.protocol;

import java.util.EnumSet;
import java.util.Set;

/** Modes a board channel (pin or sensor) supports; bits of the CAPABILITIES modes byte. */
public enum ChannelMode {
  DIGITAL_INPUT(0x01),
  DIGITAL_OUTPUT(0x02),
  ANALOG_INPUT(0x04),
  PWM(0x08),
  /** An HC-SR04 style ultrasonic ranger; readings in millimetres. */
  DISTANCE(0x10),
  INPUT_PULLUP(0x20);

  private final int bit;

  ChannelMode(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }

  public static Set<ChannelMode> fromBits(int bits) {
    Set<ChannelMode> modes = EnumSet.noneOf(ChannelMode.class);
    for (ChannelMode m : values()) {
      if ((bits & m.bit) != 0) {
        modes.add(m);
      }
    }
    return modes;
  }

  public static int toBits(Set<ChannelMode> modes) {
    int bits = 0;
    for (ChannelMode m : modes) {
      bits |= m.bit;
    }
    return bits;
  }

  /** The mode with exactly this bit, or null (0 means "disabled" in CONFIGURE). */
  static ChannelMode fromBit(int bit) {
    for (ChannelMode m : values()) {
      if (m.bit == bit) {
        return m;
      }
    }
    return null;
  }
}
