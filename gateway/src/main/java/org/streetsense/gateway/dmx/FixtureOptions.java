package org.streetsense.gateway.dmx;

import java.util.Arrays;
import java.util.Objects;

/**
 * One fixture patched into a universe (the installation file's {@code dmx.fixtures} entry).
 *
 * @param id actuator id of its dimmer; its strobe, when it has one, is {@code <id>/strobe}
 * @param universe the id of its universe
 * @param address start address 1..512; the fixture uses {@code address .. address + channels - 1}
 * @param profile its channel layout
 * @param colour the colour it shows, 0..255 per colour channel of the profile in address order
 * @param safeLevel the dimmer level of its safe look (0: blackout)
 * @param safeColour the colour of its safe look
 * @param maxStrobeHz the highest strobe rate it may flash at (default 3, photosensitivity
 *     guidance); raised only by the file
 * @param safePan the pan position 0..1 of its safe look (its home; default the centre, 0.5);
 *     only used when the profile has a pan channel
 * @param safeTilt the tilt position 0..1 of its safe look, like {@code safePan}
 */
public record FixtureOptions(String id, String universe, int address, FixtureProfile profile,
    int[] colour, double safeLevel, int[] safeColour, double maxStrobeHz, double safePan,
    double safeTilt) {

  /** Default strobe limit: at most 3 flashes per second (photosensitive epilepsy guidance). */
  public static final double DEFAULT_MAX_STROBE_HZ = 3;
  /** Default home of pan and tilt: the centre of the channel's range. */
  public static final double DEFAULT_HOME = 0.5;

  public FixtureOptions {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(universe, "universe");
    Objects.requireNonNull(profile, "profile");
    colour = colour.clone();
    safeColour = safeColour.clone();
    int size = profile.channels().size();
    if (address < 1 || address + size - 1 > 512) {
      throw new IllegalArgumentException(id + ": a " + size + "-channel fixture starts at 1.."
          + (513 - size) + ", was " + address);
    }
    int colours = profile.colours().size();
    if (colour.length != colours || safeColour.length != colours) {
      throw new IllegalArgumentException(id + ": a colour has " + colours + " values ("
          + profile.colours() + ")");
    }
    for (int v : colour) {
      byteValue(id, v);
    }
    for (int v : safeColour) {
      byteValue(id, v);
    }
    if (!(safeLevel >= 0 && safeLevel <= 1)) {
      throw new IllegalArgumentException(id + ": safe level must be 0..1, was " + safeLevel);
    }
    if (!(maxStrobeHz >= 0 && maxStrobeHz <= 25)) {
      throw new IllegalArgumentException(id + ": maxStrobeHz must be 0..25, was " + maxStrobeHz);
    }
    if (!(safePan >= 0 && safePan <= 1) || !(safeTilt >= 0 && safeTilt <= 1)) {
      throw new IllegalArgumentException(id + ": safePan and safeTilt must be 0..1, were " + safePan
          + ", " + safeTilt);
    }
  }

  /** A fixture whose pan and tilt, if it has them, rest at the centre. */
  public FixtureOptions(String id, String universe, int address, FixtureProfile profile,
      int[] colour, double safeLevel, int[] safeColour, double maxStrobeHz) {
    this(id, universe, address, profile, colour, safeLevel, safeColour, maxStrobeHz, DEFAULT_HOME,
        DEFAULT_HOME);
  }

  /** The colour, as a copy. */
  @Override
  public int[] colour() {
    return colour.clone();
  }

  /** The safe look's colour, as a copy. */
  @Override
  public int[] safeColour() {
    return safeColour.clone();
  }

  /**
   * Whether the fixture has a level of its own (then {@code <id>} is an actuator): a dimmer
   * channel, or colour channels the level scales. A fixture of pan, tilt, strobe or raw channels
   * only has none, so no {@code <id>} actuator (decision 0374).
   */
  public boolean hasDimmer() {
    return profile.has(ChannelRole.DIMMER) || !profile.colours().isEmpty();
  }

  /** Whether the profile has a strobe channel (then {@code <id>/strobe} is an actuator). */
  public boolean hasStrobe() {
    return profile.strobe().isPresent();
  }

  /** The strobe actuator's id. */
  public String strobeId() {
    return id + "/strobe";
  }

  /** Whether the profile has a pan channel (then {@code <id>/pan} is an actuator). */
  public boolean hasPan() {
    return profile.has(ChannelRole.PAN);
  }

  /** Whether the profile has a tilt channel (then {@code <id>/tilt} is an actuator). */
  public boolean hasTilt() {
    return profile.has(ChannelRole.TILT);
  }

  /** The pan actuator's id. */
  public String panId() {
    return id + "/pan";
  }

  /** The tilt actuator's id. */
  public String tiltId() {
    return id + "/tilt";
  }

  /**
   * Every actuator id of the fixture: its dimmer (where it {@link #hasDimmer}), then strobe, pan
   * and tilt where it has them.
   */
  public java.util.List<String> actuatorIds() {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (hasDimmer()) {
      out.add(id);
    }
    if (hasStrobe()) {
      out.add(strobeId());
    }
    if (hasPan()) {
      out.add(panId());
    }
    if (hasTilt()) {
      out.add(tiltId());
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixtureOptions f && id.equals(f.id) && universe.equals(f.universe)
        && address == f.address && profile.equals(f.profile) && Arrays.equals(colour, f.colour)
        && safeLevel == f.safeLevel && Arrays.equals(safeColour, f.safeColour)
        && maxStrobeHz == f.maxStrobeHz && safePan == f.safePan && safeTilt == f.safeTilt;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, universe, address, profile, Arrays.hashCode(colour), safeLevel,
        Arrays.hashCode(safeColour), maxStrobeHz, safePan, safeTilt);
  }

  @Override
  public String toString() {
    return "FixtureOptions[" + id + " " + universe + "@" + address + " " + profile.name() + "]";
  }

  private static void byteValue(String id, int v) {
    if (v < 0 || v > 255) {
      throw new IllegalArgumentException(id + ": colour values are 0..255, was " + v);
    }
  }
}
