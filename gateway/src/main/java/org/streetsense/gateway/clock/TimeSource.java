package org.streetsense.gateway.clock;

/**
 * Wall-clock and monotonic time, injectable so that simulated rigs and tests control time.
 *
 * <p>The wall clock of a Raspberry Pi without a real-time clock is not trustworthy until it is
 * synchronised; the monotonic clock always is, and is what edge timestamps and durations use.
 * Implementations are thread-safe.
 */
public interface TimeSource {

  /** Milliseconds since the Unix epoch, as the system clock says (possibly wrong at boot). */
  long wallMillis();

  /** Nanoseconds from an arbitrary fixed origin; never goes backwards. */
  long monotonicNanos();

  /** The system clocks. */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }
}
