package org.streetsense.gateway.hardware.simulated.signal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Passers-by arriving as a Poisson process: exponentially distributed gaps with a mean of
 * {@code 60 / ratePerMinute} seconds, drawn from a seeded generator, starting at an origin on the
 * caller's time axis. Used for PIR and presence rigs.
 *
 * <p>Two ways to consume it (use one per instance): as an event source with {@link #next()} or
 * {@link #takeUntil(long)}; or as a {@link SignalModel} whose value is 1.0 while someone is present
 * (within {@code dwell} after an arrival) and 0.0 otherwise.
 */
public final class PoissonArrivals implements SignalModel {

  private final double meanGapNanos;
  private final long dwellNanos;
  private final Random random;
  private long nextArrival;
  private long lastArrival = Long.MIN_VALUE;

  /**
   * @param ratePerMinute mean arrivals per minute, > 0
   * @param dwell how long one passer-by is present (for {@link #valueAt}), >= 0
   * @param originNanos the start of the process on the caller's time axis
   * @param seed seeds the generator
   */
  public PoissonArrivals(double ratePerMinute, Duration dwell, long originNanos, long seed) {
    if (!(ratePerMinute > 0) || !Double.isFinite(ratePerMinute)) {
      throw new IllegalArgumentException("ratePerMinute must be finite and > 0, was " + ratePerMinute);
    }
    Objects.requireNonNull(dwell, "dwell");
    if (dwell.isNegative()) {
      throw new IllegalArgumentException("dwell must not be negative, was " + dwell);
    }
    this.meanGapNanos = 60e9 / ratePerMinute;
    this.dwellNanos = dwell.toNanos();
    this.random = new Random(seed);
    this.nextArrival = originNanos + gap();
  }

  /** The next arrival time; advances the process. */
  public synchronized long next() {
    long arrival = nextArrival;
    lastArrival = arrival;
    nextArrival = arrival + gap();
    return arrival;
  }

  /** The time of the next arrival, without consuming it. */
  public synchronized long peek() {
    return nextArrival;
  }

  /** Consumes and returns every arrival at or before {@code nanos}, in order. */
  public synchronized List<Long> takeUntil(long nanos) {
    List<Long> arrivals = new ArrayList<>();
    while (nextArrival <= nanos) {
      arrivals.add(next());
    }
    return arrivals;
  }

  /** 1.0 while a passer-by is present at {@code nanos}, else 0.0. Consumes arrivals up to then. */
  @Override
  public synchronized double valueAt(long nanos) {
    takeUntil(nanos);
    boolean present = lastArrival != Long.MIN_VALUE && nanos - lastArrival < dwellNanos;
    return present ? 1.0 : 0.0;
  }

  private long gap() {
    return Math.max(1, (long) (-Math.log(1.0 - random.nextDouble()) * meanGapNanos));
  }
}
