package org.streetsense.gateway.channel;

import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;

/**
 * Processes the raw values of one channel into observations, as {@link ChannelOptions} say.
 * Stateful; one instance per channel; not thread-safe (the hardware executor calls it).
 */
public final class ChannelProcessor {

  private final List<SampleStage> stages = new ArrayList<>();
  private final List<ChannelOutput> outputs = new ArrayList<>();
  private final String unit;

  /**
   * @param options how to process
   * @param driverUnit unit of the driver's raw values, used unless the options name another
   * @param factory builds observations for the device
   */
  public ChannelProcessor(ChannelOptions options, String driverUnit, ObservationFactory factory) {
    this.unit = options.unit().orElse(driverUnit);
    String ch = options.name();
    stages.add(options.calibration());
    options.range().ifPresent(stages::add);
    options.stuckSamples().ifPresent(n -> stages.add(new StuckCheck(n)));
    options.smoothing().ifPresent(s -> stages.add(s.newStage()));
    outputs.add(new ReadingReporter(factory, ch, unit, options.report()));
    options.aggregate().ifPresent(a -> outputs.add(new WindowAggregator(factory, ch, unit, a)));
    options.presence().ifPresent(p -> outputs.add(new HysteresisDetector(factory, ch, p, t -> {})));
    options.touch().ifPresent(p -> outputs.add(new HysteresisDetector(factory, ch, p, t -> {})));
    options.passersBy().ifPresent(p -> outputs.add(new PassersByCounter(factory, ch, p)));
  }

  /** The unit of published readings. */
  public String unit() {
    return unit;
  }

  /** Processes one raw value taken at {@code monotonicNanos}; returns what to publish. */
  public List<Observation> accept(double raw, Quality quality, long monotonicNanos) {
    ChannelSample s =
        new ChannelSample(quality == Quality.FAULT ? Double.NaN : raw, quality, monotonicNanos);
    if (quality != Quality.FAULT) {
      for (SampleStage stage : stages) {
        s = stage.apply(s);
      }
    } else {
      for (SampleStage stage : stages) {
        if (stage instanceof StuckCheck) {
          stage.apply(s);
        }
      }
    }
    List<Observation> out = new ArrayList<>();
    for (ChannelOutput o : outputs) {
      o.accept(s, out);
    }
    return out;
  }

  /** Closes time windows up to {@code monotonicNanos}; returns what to publish. */
  public List<Observation> tick(long monotonicNanos) {
    List<Observation> out = new ArrayList<>();
    for (ChannelOutput o : outputs) {
      o.tick(monotonicNanos, out);
    }
    return out;
  }
}
