package org.streetsense.gateway.dmx;

import static org.streetsense.gateway.dmx.ChannelRole.BLUE;
import static org.streetsense.gateway.dmx.ChannelRole.DIMMER;
import static org.streetsense.gateway.dmx.ChannelRole.GREEN;
import static org.streetsense.gateway.dmx.ChannelRole.PAN;
import static org.streetsense.gateway.dmx.ChannelRole.PAN_FINE;
import static org.streetsense.gateway.dmx.ChannelRole.RAW;
import static org.streetsense.gateway.dmx.ChannelRole.RED;
import static org.streetsense.gateway.dmx.ChannelRole.STROBE;
import static org.streetsense.gateway.dmx.ChannelRole.TILT;
import static org.streetsense.gateway.dmx.ChannelRole.TILT_FINE;
import static org.streetsense.gateway.dmx.ChannelRole.WHITE;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in fixture profiles, one declaration each (name, what it fits, channel layout,
 * strobe range). A fixture whose layout is not here declares its own {@code channels:} list.
 */
public final class FixtureProfiles {

  public static final FixtureProfile DIMMER_ONLY = new FixtureProfile("dimmer",
      "one dimmer channel: a dimmer pack channel, a tungsten or single-colour LED fixture",
      List.of(DIMMER), Optional.empty());
  public static final FixtureProfile RGB = new FixtureProfile("rgb",
      "red, green, blue (LED strip decoders, pixel bars in 3-channel mode); the level scales the colour",
      List.of(RED, GREEN, BLUE), Optional.empty());
  public static final FixtureProfile RGBW = new FixtureProfile("rgbw",
      "red, green, blue, white; the level scales the colour",
      List.of(RED, GREEN, BLUE, WHITE), Optional.empty());
  public static final FixtureProfile DIMMER_RGB = new FixtureProfile("dimmer-rgb",
      "dimmer, red, green, blue (LED pars in 4-channel mode)",
      List.of(DIMMER, RED, GREEN, BLUE), Optional.empty());
  public static final FixtureProfile DIMMER_RGB_STROBE = new FixtureProfile("dimmer-rgb-strobe",
      "dimmer, red, green, blue, strobe (LED pars in 5-channel mode; strobe 0-9 open, 10-255 = 1-20 flashes/s)",
      List.of(DIMMER, RED, GREEN, BLUE, STROBE), Optional.of(StrobeRange.COMMON));
  public static final FixtureProfile MOVING_HEAD = new FixtureProfile("moving-head",
      "a small LED moving head in its 12-channel mode: pan, pan fine, tilt, tilt fine (16-bit), "
          + "pan/tilt speed (raw 0: fastest, the gateway renders the fades), dimmer, strobe (0-9 "
          + "open, 10-255 = 1-20 flashes/s), red, green, blue, white, programs (raw 0: off)",
      List.of(PAN, PAN_FINE, TILT, TILT_FINE, RAW, DIMMER, STROBE, RED, GREEN, BLUE, WHITE, RAW),
      Optional.of(StrobeRange.COMMON), Map.of(4, 0, 11, 0));

  /** Every built-in profile. */
  public static final List<FixtureProfile> ALL =
      List.of(DIMMER_ONLY, RGB, RGBW, DIMMER_RGB, DIMMER_RGB_STROBE, MOVING_HEAD);

  private FixtureProfiles() {}

  /** The built-in profile called {@code name}. */
  public static Optional<FixtureProfile> named(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
