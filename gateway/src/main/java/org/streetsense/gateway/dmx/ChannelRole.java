package org.streetsense.gateway.dmx;

import java.util.Locale;
import java.util.Optional;

/** What one DMX channel of a fixture does. File names are lower case, {@code _} as {@code -}. */
public enum ChannelRole {
  /** Master intensity: the fixture actuator's level 0..1 as 0..255. */
  DIMMER,
  RED,
  GREEN,
  BLUE,
  WHITE,
  AMBER,
  /** Flash rate; 0 (and the profile's open range) means no strobe. */
  STROBE,
  /** Pan position: the {@code <id>/pan} actuator's level 0..1 over the channel's range. */
  PAN,
  /** The low byte of a 16-bit pan position; only with {@link #PAN}. */
  PAN_FINE,
  /** Tilt position: the {@code <id>/tilt} actuator's level 0..1 over the channel's range. */
  TILT,
  /** The low byte of a 16-bit tilt position; only with {@link #TILT}. */
  TILT_FINE,
  /**
   * A constant value declared in the file (a mode, macro, gobo or speed channel that must sit at
   * a fixed value); sent in every frame, the safe look and a blackout included. The only role a
   * fixture may have more than once.
   */
  RAW;

  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether it is one of the colour channels a {@code color} value fills. */
  public boolean colour() {
    return this == RED || this == GREEN || this == BLUE || this == WHITE || this == AMBER;
  }

  /**
   * Whether it gives light (dimmer, colour, strobe): what a blackout sets to 0. Positions and raw
   * channels keep their values in a blackout, so a moving head does not swing to a corner.
   */
  public boolean light() {
    return this == DIMMER || this == STROBE || colour();
  }

  /** The coarse channel a fine channel refines ({@code pan} of {@code pan-fine}); else itself. */
  public ChannelRole coarse() {
    return this == PAN_FINE ? PAN : this == TILT_FINE ? TILT : this;
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
