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
 */
public record FixtureOptions(String id, String universe, int address, FixtureProfile profile,
    int[] colour, double safeLevel, int[] safeColour, double maxStrobeHz) {

  /** Default strobe limit: at most 3 flashes per second (photosensitive epilepsy guidance). */
  public static final double DEFAULT_MAX_STROBE_HZ = 3;

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

  /** Whether the profile has a strobe channel (then {@code <id>/strobe} is an actuator). */
  public boolean hasStrobe() {
    return profile.strobe().isPresent();
  }

  /** The strobe actuator's id. */
  public String strobeId() {
    return id + "/strobe";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixtureOptions f && id.equals(f.id) && universe.equals(f.universe)
        && address == f.address && profile.equals(f.profile) && Arrays.equals(colour, f.colour)
        && safeLevel == f.safeLevel && Arrays.equals(safeColour, f.safeColour)
        && maxStrobeHz == f.maxStrobeHz;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, universe, address, profile, Arrays.hashCode(colour), safeLevel,
        Arrays.hashCode(safeColour), maxStrobeHz);
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
