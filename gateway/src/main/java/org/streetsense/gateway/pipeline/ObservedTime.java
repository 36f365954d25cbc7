package org.streetsense.gateway.pipeline;

/**
 * When an observation was taken.
 *
 * @param epochMillis wall-clock time in milliseconds since the Unix epoch, as the system clock
 *     said when the observation was taken (see {@code clockTrusted})
 * @param monotonicNanos monotonic time of the observation, used to re-stamp it once the wall
 *     clock becomes trustworthy
 * @param clockTrusted whether the wall clock was trusted (synchronised, or past the configured
 *     sanity floor) when the observation was taken
 */
public record ObservedTime(long epochMillis, long monotonicNanos, boolean clockTrusted) {

  /** The same instant, stamped with a corrected wall-clock time and marked trusted. */
  public ObservedTime restamped(long correctedEpochMillis) {
    return new ObservedTime(correctedEpochMillis, monotonicNanos, true);
  }
}
