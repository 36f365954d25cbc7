package org.streetsense.gateway.hardware.simulated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An immutable script of level changes for a {@link SimulatedPin}, with optional contact bounce:
 * for example a button pressed at 100 ms and released 120 ms later, each transition chattering
 * three times at about 1 ms intervals. Offsets are relative to the moment the script is played.
 *
 * <p>Bounce is generated from a seed ({@link #expand(long)}), so a given seed always yields the
 * same edges: each scripted transition to level L becomes L, then {@code count} pairs of
 * (not L, L), the gaps drawn uniformly from 0.5..1.5 times the bounce interval.
 */
public final class EdgeScript {

  /** One level change at an offset from the start of the playback, in nanoseconds. */
  public record ScriptedEdge(long offsetNanos, boolean high) {}

  /** Contact bounce: {@code count} extra toggle pairs per transition, about {@code interval} apart. */
  public record Bounce(int count, Duration interval) {
    public Bounce {
      if (count < 0) {
        throw new IllegalArgumentException("bounce count must be >= 0, was " + count);
      }
      Objects.requireNonNull(interval, "interval");
      if (count > 0 && (interval.isZero() || interval.isNegative())) {
        throw new IllegalArgumentException("bounce interval must be > 0, was " + interval);
      }
    }

    /** No bounce. */
    public static final Bounce NONE = new Bounce(0, Duration.ZERO);
  }

  private final List<ScriptedEdge> steps;
  private final Bounce bounce;

  private EdgeScript(List<ScriptedEdge> steps, Bounce bounce) {
    this.steps = steps;
    this.bounce = bounce;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The scripted transitions, without bounce, in time order. */
  public List<ScriptedEdge> steps() {
    return steps;
  }

  public Bounce bounce() {
    return bounce;
  }

  /**
   * The edges to play, bounce included, in time order (ties keep script order).
   *
   * @param seed seeds the bounce gaps; the same seed always gives the same list
   */
  public List<ScriptedEdge> expand(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ScriptedEdge> out = new ArrayList<>();
    long intervalNanos = bounce.interval().toNanos();
    for (ScriptedEdge step : steps) {
      out.add(step);
      long t = step.offsetNanos();
      for (int i = 0; i < bounce.count(); i++) {
        t += gap(random, intervalNanos);
        out.add(new ScriptedEdge(t, !step.high()));
        t += gap(random, intervalNanos);
        out.add(new ScriptedEdge(t, step.high()));
      }
    }
    out.sort(Comparator.comparingLong(ScriptedEdge::offsetNanos));
    return List.copyOf(out);
  }

  private static long gap(SplittableRandom random, long intervalNanos) {
    return Math.max(1, (long) (intervalNanos * (0.5 + random.nextDouble())));
  }

  /** Builds an {@link EdgeScript}; offsets must not be negative. */
  public static final class Builder {
    private final List<ScriptedEdge> steps = new ArrayList<>();
    private Bounce bounce = Bounce.NONE;

    private Builder() {}

    /** The pin goes to {@code high} at {@code at} after the start. */
    public Builder level(Duration at, boolean high) {
      steps.add(new ScriptedEdge(offset(at, "at"), high));
      return this;
    }

    public Builder high(Duration at) {
      return level(at, true);
    }

    public Builder low(Duration at) {
      return level(at, false);
    }

    /**
     * The pin goes to {@code activeLevel} at {@code at} and back after {@code width}: a button
     * press (active low with a pull-up), a PIR pulse (active high).
     */
    public Builder pulse(Duration at, Duration width, boolean activeLevel) {
      long start = offset(at, "at");
      long w = offset(width, "width");
      if (w == 0) {
        throw new IllegalArgumentException("width must be > 0");
      }
      steps.add(new ScriptedEdge(start, activeLevel));
      steps.add(new ScriptedEdge(start + w, !activeLevel));
      return this;
    }

    /** Adds contact bounce to every transition. */
    public Builder bounce(int count, Duration interval) {
      this.bounce = new Bounce(count, interval);
      return this;
    }

    public EdgeScript build() {
      List<ScriptedEdge> sorted = new ArrayList<>(steps);
      sorted.sort(Comparator.comparingLong(ScriptedEdge::offsetNanos));
      return new EdgeScript(List.copyOf(sorted), bounce);
    }

    private static long offset(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return d.toNanos();
    }
  }
}
