package org.streetsense.gateway.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.streetsense.gateway.channel.Calibration;
import org.streetsense.gateway.channel.ValueRange;

/**
 * One channel of a device: a named stream of values in one unit.
 *
 * @param name channel name, unique within the device ({@code [a-z][a-z0-9_]*})
 * @param unit unit symbol (for example {@code degC}); the driver's default when not given
 * @param isPublic whether the channel may appear on public surfaces and open data (default false)
 * @param index input/output number on chips with numbered inputs (ads1115, mcp3008, mpr121, pca9685)
 * @param calibration linear calibration of raw values
 * @param range plausible values
 * @param deadband smallest change worth publishing, in {@code unit}, >= 0
 * @param smoothing smoothing filter
 * @param aggregate windowed aggregation
 * @param presence presence hysteresis thresholds
 * @param touch touch thresholds (mpr121 only)
 * @param passersBy passer-by counting
 * @param label human label for the public page by language code; a label given without a
 *     language is under the empty key and stands for the first language
 */
public record ChannelSpec(
    String name,
    String unit,
    boolean isPublic,
    OptionalInt index,
    Calibration calibration,
    Optional<ValueRange> range,
    OptionalDouble deadband,
    Optional<Smoothing> smoothing,
    Optional<Aggregate> aggregate,
    Optional<Presence> presence,
    Optional<Touch> touch,
    Optional<PassersBy> passersBy,
    Map<String, String> label) {

  /** A channel without a label. */
  public ChannelSpec(String name, String unit, boolean isPublic, OptionalInt index,
      Calibration calibration, Optional<ValueRange> range, OptionalDouble deadband,
      Optional<Smoothing> smoothing, Optional<Aggregate> aggregate, Optional<Presence> presence,
      Optional<Touch> touch, Optional<PassersBy> passersBy) {
    this(name, unit, isPublic, index, calibration, range, deadband, smoothing, aggregate,
        presence, touch, passersBy, Map.of());
  }

  public ChannelSpec {
    label = Map.copyOf(label);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(deadband, "deadband");
    Objects.requireNonNull(smoothing, "smoothing");
    Objects.requireNonNull(aggregate, "aggregate");
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(touch, "touch");
    Objects.requireNonNull(passersBy, "passersBy");
  }

  /** A channel with only a name, unit and visibility; everything else default. */
  public static ChannelSpec simple(String name, String unit, boolean isPublic) {
    return new ChannelSpec(name, unit, isPublic, OptionalInt.empty(), Calibration.IDENTITY,
        Optional.empty(), OptionalDouble.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }
}
