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
    return open(universeOptions, fixtureOptions, Kept.NONE);
  }

  /**
   * Like {@link #open(List, List)}, taking over from {@code kept} (what the outputs of the
   * installation file before an apply handed over, decision 0364) every universe whose options
   * are equal, still sending, and every fixture whose options are equal on such a universe, at its
   * level, colour and strobe; only the other fixtures are patched in their safe looks. What is
   * taken is removed from {@code kept}.
   */
  public static DmxOutputs open(List<DmxUniverseOptions> universeOptions,
      List<FixtureOptions> fixtureOptions, Kept kept) throws IOException {
    Map<String, DmxUniverse> universes = new LinkedHashMap<>();
    List<DmxFixture> fixtures = new ArrayList<>();
    try {
      for (DmxUniverseOptions o : universeOptions) {
        DmxUniverse held = kept.takeUniverse(o);
        universes.put(o.id(), held != null ? held : DmxUniverse.open(o));
      }
      for (FixtureOptions f : fixtureOptions) {
        DmxUniverse u = universes.get(f.universe());
        if (u == null) {
          throw new IllegalArgumentException("fixture " + f.id() + ": no universe '" + f.universe() + "'");
        }
        DmxFixture held = kept.takeFixture(f, u);
        fixtures.add(held != null ? held : new DmxFixture(f, u));
      }
      universes.values().forEach(DmxUniverse::flush);
      if (!universes.isEmpty()) {
        LOG.info("dmx: {} universe(s), {} fixture(s), safe looks sent", universes.size(), fixtures.size());
      }
      return new DmxOutputs(universes, fixtures);
    } catch (IOException | RuntimeException e) {
      fixtures.forEach(DmxFixture::toSafeState);
      universes.values().forEach(DmxUniverse::close);
      kept.close();
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

  /**
   * Closes for an apply of a new installation file (decision 0364): the universes in
   * {@code keepUniverses} keep sending, and the fixtures in {@code keepFixtures} on them keep
   * their looks; every other fixture shows its safe look, every other universe stops cleanly.
   * The kept ones are returned for {@link #open(List, List, Kept)}. Never throws.
   */
  public Kept closeKeeping(java.util.Set<String> keepUniverses, java.util.Set<String> keepFixtures) {
    Map<String, DmxUniverse> heldUniverses = new LinkedHashMap<>();
    Map<String, DmxFixture> heldFixtures = new LinkedHashMap<>();
    for (DmxFixture f : fixtures) {
      if (keepFixtures.contains(f.id()) && keepUniverses.contains(f.options().universe())) {
        heldFixtures.put(f.id(), f);
      } else {
        f.toSafeState();
      }
    }
    for (Map.Entry<String, DmxUniverse> u : universes.entrySet()) {
      if (keepUniverses.contains(u.getKey())) {
        heldUniverses.put(u.getKey(), u.getValue());
      } else {
        u.getValue().close();
      }
    }
    return new Kept(heldUniverses, heldFixtures);
  }

  /**
   * Universes and fixtures handed from one installation file's outputs to the next one's
   * (decision 0364). Whoever holds it owns what is in it: {@link #close()} ends what was not
   * taken (safe looks, clean stop). Used by one thread at a time.
   */
  public static final class Kept implements AutoCloseable {

    /** Nothing handed over. */
    public static final Kept NONE = new Kept(Map.of(), Map.of());

    private final Map<String, DmxUniverse> universes;
    private final Map<String, DmxFixture> fixtures;

    private Kept(Map<String, DmxUniverse> universes, Map<String, DmxFixture> fixtures) {
      this.universes = new LinkedHashMap<>(universes);
      this.fixtures = new LinkedHashMap<>(fixtures);
    }

    /** The kept universe declared exactly as {@code o}, removed from this; null if none. */
    DmxUniverse takeUniverse(DmxUniverseOptions o) {
      DmxUniverse u = universes.get(o.id());
      if (u == null || !u.options().equals(o)) {
        return null;
      }
      return universes.remove(o.id());
    }

    /** The kept fixture declared exactly as {@code f} on {@code universe}, removed; null if none. */
    DmxFixture takeFixture(FixtureOptions f, DmxUniverse universe) {
      DmxFixture held = fixtures.get(f.id());
      if (held == null || !held.options().equals(f) || held.universe() != universe) {
        return null;
      }
      return fixtures.remove(f.id());
    }

    /** Ids of the actuators of the fixtures held (dimmers and strobes). */
    public java.util.Set<String> actuatorIds() {
      java.util.Set<String> ids = new java.util.LinkedHashSet<>();
      fixtures.values().forEach(f -> f.actuators().forEach(a -> ids.add(a.id())));
      return ids;
    }

    /** Safe looks for the fixtures not taken, a clean stop of the universes not taken. */
    @Override
    public void close() {
      if (universes.isEmpty() && fixtures.isEmpty()) {
        return;
      }
      fixtures.values().forEach(DmxFixture::toSafeState);
      fixtures.clear();
      universes.values().forEach(DmxUniverse::close);
      universes.clear();
    }
  }
}
