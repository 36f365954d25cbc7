package org.streetsense.gateway.config;

import java.util.List;
import java.util.Optional;
import org.streetsense.gateway.dmx.DmxUniverseOptions;
import org.streetsense.gateway.dmx.FixtureOptions;

/**
 * The installation file's {@code dmx} section: universes sent over Art-Net or sACN and the
 * fixtures patched into them. The reader has checked that every fixture's universe exists, that
 * fixtures of one universe do not share a channel, and that ids do not clash with devices.
 *
 * @param universes in file order
 * @param fixtures in file order
 */
public record DmxSettings(List<DmxUniverseOptions> universes, List<FixtureOptions> fixtures) {

  /** No DMX output. */
  public static final DmxSettings NONE = new DmxSettings(List.of(), List.of());

  public DmxSettings {
    universes = List.copyOf(universes);
    fixtures = List.copyOf(fixtures);
  }

  /** The universe called {@code id}. */
  public Optional<DmxUniverseOptions> universe(String id) {
    return universes.stream().filter(u -> u.id().equals(id)).findFirst();
  }

  /** The number of colour channels of each fixture by its actuator id (0 for none). */
  public java.util.Map<String, Integer> colourChannels() {
    java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
    fixtures.forEach(f -> out.put(f.id(), f.profile().colours().size()));
    return out;
  }

  /**
   * The home of each fixture's pan and tilt (their safe level, {@code safePan}/{@code safeTilt},
   * a position 0..1) by actuator id ({@code <id>/pan}, {@code <id>/tilt}).
   */
  public java.util.Map<String, Double> homes() {
    java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (FixtureOptions f : fixtures) {
      if (f.hasPan()) {
        out.put(f.panId(), f.safePan());
      }
      if (f.hasTilt()) {
        out.put(f.tiltId(), f.safeTilt());
      }
    }
    return out;
  }

  /**
   * Every actuator id the fixtures offer: each fixture's dimmer, and {@code <id>/strobe},
   * {@code <id>/pan}, {@code <id>/tilt} where it has those channels.
   */
  public List<String> actuatorIds() {
    return fixtures.stream().flatMap(f -> f.actuatorIds().stream()).toList();
  }
}
