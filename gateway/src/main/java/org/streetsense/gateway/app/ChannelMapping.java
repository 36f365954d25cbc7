package org.streetsense.gateway.app;

import java.time.Duration;
import org.streetsense.gateway.channel.AggregateOptions;
import org.streetsense.gateway.channel.ChannelOptions;
import org.streetsense.gateway.channel.HysteresisOptions;
import org.streetsense.gateway.channel.PassersByOptions;
import org.streetsense.gateway.channel.ReportOptions;
import org.streetsense.gateway.channel.SmoothingOptions;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.config.SmoothingMethod;

/**
 * Maps a channel of the installation file to the channel processing options of the driver layer.
 * Interaction semantics that follow from the driver are switched on by default: touch start/end on
 * every MPR121 electrode. A PIR reports presence enter/leave itself, on channel {@code motion}.
 * Channels of devices in event mode publish changes only.
 */
final class ChannelMapping {

  /** Readings unchanged beyond the deadband are still published this often, so silence means loss. */
  static final Duration MAX_SILENCE = Duration.ofMinutes(5);

  /** Any change at all counts for event-mode channels (levels, touch bits). */
  private static final double CHANGE = 1e-9;

  private ChannelMapping() {}

  /**
   * @param driverChannel the name the driver gives the channel (for indexed chips,
   *     {@code electrode3}, not the installation's name)
   */
  static ChannelOptions options(DriverDescriptor driver, ChannelSpec spec, String driverChannel, boolean eventMode) {
    ChannelOptions.Builder b = ChannelOptions.builder(driverChannel)
        .unit(spec.unit())
        .calibration(spec.calibration().scale(), spec.calibration().offset());
    spec.range().ifPresent(r -> b.range(r.min(), r.max()));
    if (spec.deadband().isPresent()) {
      b.report(ReportOptions.deadband(spec.deadband().getAsDouble(), MAX_SILENCE));
    } else if (eventMode) {
      // Polled in event mode: publish changes only, plus a heartbeat so silence means loss.
      b.report(ReportOptions.deadband(CHANGE, MAX_SILENCE));
    }
    spec.smoothing().ifPresent(s -> b.smoothing(s.method() == SmoothingMethod.EMA
        ? SmoothingOptions.ema(s.alpha())
        : s.method() == SmoothingMethod.MEDIAN
            ? SmoothingOptions.movingMedian(Math.max(1, s.window()))
            : SmoothingOptions.movingMean(Math.max(1, s.window()))));
    spec.aggregate().ifPresent(a -> b.aggregate(new AggregateOptions(a.window(),
        a.functions().stream().map(f -> AggregateOptions.Function.valueOf(f.name()))
            .collect(java.util.stream.Collectors.toCollection(
                () -> java.util.EnumSet.noneOf(AggregateOptions.Function.class))))));
    // A PIR's presence_enter/presence_leave come from its driver (on channel motion, with warm-up
    // and hold): no second pair from its motion level (decision 0276).
    spec.presence().ifPresent(
        p -> b.presence(HysteresisOptions.presence(p.enter(), p.leave(), Duration.ZERO)));
    if (driver.touchElectrodes()) {
      b.touch(HysteresisOptions.touch(0.5, 0.5));
    }
    spec.passersBy().ifPresent(p -> b.passersBy(new PassersByOptions(p.window(),
        spec.presence().map(pr -> HysteresisOptions.presence(pr.enter(), pr.leave(), Duration.ZERO))
            .orElse(HysteresisOptions.presence(0.5, 0.5, Duration.ZERO)))));
    return b.build();
  }
}
