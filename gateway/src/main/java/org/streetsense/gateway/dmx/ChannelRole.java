package org.streetsense.gateway.dmx;

import java.util.Locale;
import java.util.Optional;

/** What one DMX channel of a fixture does. File names are lower case. */
public enum ChannelRole {
  /** Master intensity: the fixture actuator's level 0..1 as 0..255. */
  DIMMER,
  RED,
  GREEN,
  BLUE,
  WHITE,
  AMBER,
  /** Flash rate; 0 (and the profile's open range) means no strobe. */
  STROBE;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether it is one of the colour channels a {@code color} value fills. */
  public boolean colour() {
    return this == RED || this == GREEN || this == BLUE || this == WHITE || this == AMBER;
  }

  public static Optional<ChannelRole> fromConfig(String name) {
    for (ChannelRole r : values()) {
      if (r.configName().equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
