package org.streetsense.gateway.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * Turns a raw signal into start/end interaction events with hysteresis: the state becomes active
 * when the value reaches {@code enterAt} and inactive when it falls to {@code leaveAt} or below
 * ({@code leaveAt <= enterAt}), and only after staying so for {@code minDuration} is the change
 * confirmed (ZERO confirms at once). The end event carries the active duration in milliseconds.
 *
 * <p>Use {@link #presence} for presence ({@code presence_enter}/{@code presence_leave}) and
 * {@link #touch} for touch ({@code touch_start}/{@code touch_end}).
 */
public record HysteresisOptions(
    double enterAt, double leaveAt, Duration minDuration, String startType, String endType) {

  public HysteresisOptions {
    if (Double.isNaN(enterAt) || Double.isNaN(leaveAt) || leaveAt > enterAt) {
      throw new IllegalArgumentException(
          "hysteresis leaveAt " + leaveAt + " must be <= enterAt " + enterAt);
    }
    Objects.requireNonNull(minDuration, "minDuration");
    if (minDuration.isNegative()) {
      throw new IllegalArgumentException("minDuration must not be negative, was " + minDuration);
    }
    Objects.requireNonNull(startType, "startType");
    Objects.requireNonNull(endType, "endType");
  }

  public static HysteresisOptions presence(double enterAt, double leaveAt, Duration minDuration) {
    return new HysteresisOptions(enterAt, leaveAt, minDuration, "presence_enter", "presence_leave");
  }

  /** Touch from a 0/1 touch bit or a touch strength. */
  public static HysteresisOptions touch(double enterAt, double leaveAt) {
    return new HysteresisOptions(enterAt, leaveAt, Duration.ZERO, "touch_start", "touch_end");
  }
}
