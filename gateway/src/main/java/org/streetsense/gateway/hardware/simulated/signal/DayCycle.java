package org.streetsense.gateway.hardware.simulated.signal;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A sinusoid over 24 hours between {@code min} and {@code max}, peaking at a time of day: daylight
 * (peak at 13:00), air temperature (peak mid-afternoon), traffic noise. A pure function of time.
 *
 * <p>Time is read as nanoseconds since the Unix epoch (feed it
 * {@code TimeSource.wallMillis() * 1_000_000}); the time of day is taken in {@code zone}.
 */
public final class DayCycle implements SignalModel {

  private static final long DAY_SECONDS = 86_400L;

  private final double min;
  private final double max;
  private final long peakSecondOfDay;
  private final long zoneOffsetSeconds;

  private DayCycle(Builder b) {
    this.min = b.min;
    this.max = b.max;
    this.peakSecondOfDay = b.peakAt.toSecondOfDay();
    this.zoneOffsetSeconds = b.zone.getTotalSeconds();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public double valueAt(long epochNanos) {
    double secondOfDay =
        Math.floorMod(Math.floorDiv(epochNanos, 1_000_000L) + zoneOffsetSeconds * 1000, DAY_SECONDS * 1000)
            / 1000.0;
    double angle = 2 * Math.PI * (secondOfDay - peakSecondOfDay) / DAY_SECONDS;
    double mid = (min + max) / 2;
    double amplitude = (max - min) / 2;
    return mid + amplitude * Math.cos(angle);
  }

  /** Builds a {@link DayCycle}. Required: range. Defaults: peak at 13:00, zone UTC. */
  public static final class Builder {
    private double min = Double.NaN;
    private double max = Double.NaN;
    private LocalTime peakAt = LocalTime.of(13, 0);
    private ZoneOffset zone = ZoneOffset.UTC;

    private Builder() {}

    /** The lowest (at night, 12 h from the peak) and highest (at the peak) values. */
    public Builder range(double min, double max) {
      this.min = min;
      this.max = max;
      return this;
    }

    /** The time of day of the maximum (the phase). */
    public Builder peakAt(LocalTime peakAt) {
      this.peakAt = Objects.requireNonNull(peakAt, "peakAt");
      return this;
    }

    /** The zone the peak time is given in. */
    public Builder zone(ZoneOffset zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    public DayCycle build() {
      if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
        throw new IllegalArgumentException(
            "range must be finite with min <= max, was " + min + ".." + max);
      }
      return new DayCycle(this);
    }
  }
}
