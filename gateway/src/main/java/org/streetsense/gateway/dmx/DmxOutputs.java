package org.streetsense.gateway.dmx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.actuator.Actuator;

/**
 * An installation's DMX output: its universes, and its fixtures in their safe looks. Opening
 * writes every fixture's safe look and puts it on the wire ({@link DmxUniverse#flush}) before it
 * returns, so the first frame a receiver sees from a (re)started gateway is the safe state.
 * Closing drives the safe looks once more and stops every universe cleanly (hold or blackout,
 * sACN stream-terminated). Not thread-safe for open and close; the actuators are.
 */
public final class DmxOutputs implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DmxOutputs.class);

  private final Map<String, DmxUniverse> universes;
  private final List<DmxFixture> fixtures;

  private DmxOutputs(Map<String, DmxUniverse> universes, List<DmxFixture> fixtures) {
    this.universes = universes;
    this.fixtures = fixtures;
  }

  /** No DMX output. */
  public static DmxOutputs none() {
    return new DmxOutputs(Map.of(), List.of());
  }

  /**
   * Opens the universes, patches the fixtures in their safe looks and sends them.
   *
   * @throws IOException when a universe's socket cannot be opened or its address resolved
   */
  public static DmxOutputs open(List<DmxUniverseOptions> universeOptions,
      List<FixtureOptions> fixtureOptions) throws IOException {
    Map<String, DmxUniverse> universes = new LinkedHashMap<>();
    try {
      for (DmxUniverseOptions o : universeOptions) {
        universes.put(o.id(), DmxUniverse.open(o));
      }
      List<DmxFixture> fixtures = new ArrayList<>();
      for (FixtureOptions f : fixtureOptions) {
        DmxUniverse u = universes.get(f.universe());
        if (u == null) {
          throw new IllegalArgumentException("fixture " + f.id() + ": no universe '" + f.universe() + "'");
        }
        fixtures.add(new DmxFixture(f, u));
      }
      universes.values().forEach(DmxUniverse::flush);
      if (!universes.isEmpty()) {
        LOG.info("dmx: {} universe(s), {} fixture(s), safe looks sent", universes.size(), fixtures.size());
      }
      return new DmxOutputs(universes, fixtures);
    } catch (IOException | RuntimeException e) {
      universes.values().forEach(DmxUniverse::close);
      throw e;
    }
  }

  /** Every fixture actuator (dimmers, strobes, pans and tilts), in file order. */
  public List<Actuator> actuators() {
    List<Actuator> out = new ArrayList<>();
    fixtures.forEach(f -> out.addAll(f.actuators()));
    return out;
  }

  public List<DmxFixture> fixtures() {
    return List.copyOf(fixtures);
  }

  /** Sends every universe's current frame now and waits until it left. */
  public void flush() {
    universes.values().forEach(DmxUniverse::flush);
  }

  /** Safe looks, then a clean stop of every universe. Never throws. */
  @Override
  public void close() {
    for (DmxFixture f : fixtures) {
      f.actuators().forEach(Actuator::toSafeState);
    }
    for (DmxUniverse u : universes.values()) {
      u.close();
    }
  }
}
