package org.streetsense.gateway.channel;

import java.util.Objects;
import java.util.Optional;

/**
 * How one channel of a device is processed, from the installation file. Build with
 * {@link #builder(String)}; everything but the name is optional.
 *
 * <p>Order of processing: calibration, range check, stuck check, smoothing; then, side by side,
 * the reading reporter (deadband), windowed aggregates and interaction detectors.
 *
 * @param name channel name as the driver names it
 * @param unit unit after calibration; empty to keep the driver's unit
 * @param calibration scale and offset
 * @param range plausible range after calibration
 * @param stuckSamples identical consecutive samples that flag the channel SUSPECT
 * @param smoothing smoothing of GOOD samples
 * @param report report-by-exception of readings
 * @param aggregate windowed count/min/max/mean
 * @param presence presence enter/leave events
 * @param touch touch start/end events
 * @param passersBy passers-by counts per window
 */
public record ChannelOptions(
    String name,
    Optional<String> unit,
    Calibration calibration,
    Optional<ValueRange> range,
    Optional<Integer> stuckSamples,
    Optional<SmoothingOptions> smoothing,
    ReportOptions report,
    Optional<AggregateOptions> aggregate,
    Optional<HysteresisOptions> presence,
    Optional<HysteresisOptions> touch,
    Optional<PassersByOptions> passersBy) {

  public ChannelOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(stuckSamples, "stuckSamples");
    Objects.requireNonNull(smoothing, "smoothing");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(aggregate, "aggregate");
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(touch, "touch");
    Objects.requireNonNull(passersBy, "passersBy");
    if (name.isBlank()) {
      throw new IllegalArgumentException("channel name must not be blank");
    }
  }

  /** Plain channel: driver unit, no calibration, every sample published. */
  public static ChannelOptions defaults(String name) {
    return builder(name).build();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builder; each setter validates through the option record it builds. */
  public static final class Builder {
    private final String name;
    private String unit;
    private Calibration calibration = Calibration.IDENTITY;
    private ValueRange range;
    private Integer stuckSamples;
    private SmoothingOptions smoothing;
    private ReportOptions report = ReportOptions.EVERY_SAMPLE;
    private AggregateOptions aggregate;
    private HysteresisOptions presence;
    private HysteresisOptions touch;
    private PassersByOptions passersBy;

    private Builder(String name) {
      this.name = name;
    }

    public Builder unit(String v) {
      this.unit = v;
      return this;
    }

    public Builder calibration(double scale, double offset) {
      this.calibration = new Calibration(scale, offset);
      return this;
    }

    public Builder range(double min, double max) {
      this.range = new ValueRange(min, max);
      return this;
    }

    public Builder stuckAfter(int samples) {
      new StuckCheck(samples);
      this.stuckSamples = samples;
      return this;
    }

    public Builder smoothing(SmoothingOptions v) {
      this.smoothing = v;
      return this;
    }

    public Builder report(ReportOptions v) {
      this.report = Objects.requireNonNull(v, "report");
      return this;
    }

    public Builder aggregate(AggregateOptions v) {
      this.aggregate = v;
      return this;
    }

    public Builder presence(HysteresisOptions v) {
      this.presence = v;
      return this;
    }

    public Builder touch(HysteresisOptions v) {
      this.touch = v;
      return this;
    }

    public Builder passersBy(PassersByOptions v) {
      this.passersBy = v;
      return this;
    }

    public ChannelOptions build() {
      return new ChannelOptions(
          name,
          Optional.ofNullable(unit),
          calibration,
          Optional.ofNullable(range),
          Optional.ofNullable(stuckSamples),
          Optional.ofNullable(smoothing),
          report,
          Optional.ofNullable(aggregate),
          Optional.ofNullable(presence),
          Optional.ofNullable(touch),
          Optional.ofNullable(passersBy));
    }
  }
}
