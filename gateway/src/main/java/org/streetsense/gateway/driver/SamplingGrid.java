package org.streetsense.gateway.driver;

/**
 * When sampled devices take their samples: on a grid of the monotonic clock shared by every
 * device of the process, so that devices with the same period sample together and the hardware
 * thread, the spool and the uplink wake once for all of them instead of once per device (decision
 * 0385). A period of at most one second is its own grid: every device with that period samples
 * at the same instants (100 ms: at every multiple of 100 ms). A longer period samples on the grid
 * of the greatest common divisor of the period and one second (whole seconds for 5 s or 1 h, 500
 * ms for 1.5 s), so that its first gap stays within one second of the period; devices with such a
 * period are in phase only if they opened in the same step of that grid.
 *
 * <p>A device's first cycle runs when it opens (or reopens after a fault, or when an interrupt
 * asks for a sample), not on the grid; the next one is due at the first grid point at least one
 * period later, and from then on every period exactly. No two due times are closer than the
 * period (the first gap may be up to one grid step longer). A cycle that ends after its successor
 * was due is followed by the first grid point after its end: late samples are skipped, never run
 * back to back to catch up. A sample that ran late is followed by one on time, so the time stamps
 * of two readings can be closer than the period by that lateness.
 *
 * <p>Pure functions on monotonic nanoseconds (which may be negative); no state, any thread.
 */
final class SamplingGrid {

  private static final long SECOND = 1_000_000_000L;

  private SamplingGrid() {}

  /**
   * @param slot when the cycle that just ended was due (monotonic ns)
   * @param period the device's sampling period, ns, {@code > 0}
   * @param now when that cycle ended (monotonic ns)
   * @return when the next cycle is due: a grid point, {@code >= slot + period} and {@code >= now}
   */
  static long nextSlot(long slot, long period, long now) {
    long spacing = spacing(period);
    long next = alignUp(slot + period, spacing);
    return next >= now ? next : alignUp(now, spacing);
  }

  /**
   * The grid spacing for {@code period} ns: the period itself up to one second, gcd(period, 1 s)
   * above; {@code period} must be {@code > 0}.
   */
  static long spacing(long period) {
    if (period <= 0) {
      throw new IllegalArgumentException("period must be > 0 ns, was " + period);
    }
    if (period <= SECOND) {
      return period;
    }
    long a = period;
    long b = SECOND;
    while (b != 0) {
      long r = a % b;
      a = b;
      b = r;
    }
    return a;
  }

  /** The first multiple of {@code spacing} at or after {@code t}. */
  static long alignUp(long t, long spacing) {
    return t + Math.floorMod(-t, spacing);
  }
}
