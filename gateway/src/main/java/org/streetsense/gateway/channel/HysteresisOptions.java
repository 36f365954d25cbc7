package org.streetsense.gateway.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * Turns a raw signal into start/end interaction events with hysteresis. With {@code leaveAt <=
 * enterAt} (presence above: light, a touch strength) the state becomes active when the value
 * reaches {@code enterAt} and inactive when it falls to {@code leaveAt} or below; with {@code
 * leaveAt > enterAt} (presence below: a distance) it becomes active when the value falls to {@code
 * enterAt} or below and inactive when it rises to {@code leaveAt} or above. Only after staying so
 * for {@code minDuration} is a change confirmed (ZERO confirms at once). The end event carries the
 * active duration in milliseconds.
 *
 * <p>Use {@link #presence} for presence ({@code presence_enter}/{@code presence_leave}) and
 * {@link #touch} for touch ({@code touch_start}/{@code touch_end}).
 */
public record HysteresisOptions(
    double enterAt, double leaveAt, Duration minDuration, String startType, String endType) {

  public HysteresisOptions {
    if (Double.isNaN(enterAt) || Double.isNaN(leaveAt)) {
      throw new IllegalArgumentException(
          "hysteresis levels must be numbers, were enterAt " + enterAt + ", leaveAt " + leaveAt);
    }
    Objects.requireNonNull(minDuration, "minDuration");
    if (minDuration.isNegative()) {
      throw new IllegalArgumentException("minDuration must not be negative, was " + minDuration);
    }
    Objects.requireNonNull(startType, "startType");
    Objects.requireNonNull(endType, "endType");
  }

  /** True when presence is a value at or below {@code enterAt} (a distance). */
  public boolean below() {
    return leaveAt > enterAt;
  }

  public static HysteresisOptions presence(double enterAt, double leaveAt, Duration minDuration) {
    return new HysteresisOptions(enterAt, leaveAt, minDuration, "presence_enter", "presence_leave");
  }

  /** Touch from a 0/1 touch bit or a touch strength. */
  public static HysteresisOptions touch(double enterAt, double leaveAt) {
    return new HysteresisOptions(enterAt, leaveAt, Duration.ZERO, "touch_start", "touch_end");
  }
}
