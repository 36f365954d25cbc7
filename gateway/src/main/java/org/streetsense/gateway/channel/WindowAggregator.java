package org.streetsense.gateway.channel;

import java.util.List;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;

/**
 * Tumbling-window count/min/max/mean of GOOD samples. Windows are aligned to the first sample;
 * a window closes at the first sample or tick at or after its end, stamped at the window end.
 */
final class WindowAggregator implements ChannelOutput {

  private final ObservationFactory factory;
  private final String channel;
  private final String unit;
  private final long windowNanos;
  private boolean started;
  private long windowEnd;
  private long count;
  private double min;
  private double max;
  private double sum;

  WindowAggregator(ObservationFactory factory, String channel, String unit, AggregateOptions o) {
    this.factory = factory;
    this.channel = channel;
    this.unit = unit;
    this.windowNanos = o.window().toNanos();
  }

  @Override
  public void accept(ChannelSample s, List<Observation> out) {
    if (!started) {
      started = true;
      windowEnd = s.monotonicNanos() + windowNanos;
    }
    tick(s.monotonicNanos(), out);
    if (!s.good()) {
      return;
    }
    if (count == 0) {
      min = s.value();
      max = s.value();
    } else {
      min = Math.min(min, s.value());
      max = Math.max(max, s.value());
    }
    count++;
    sum += s.value();
  }

  @Override
  public void tick(long now, List<Observation> out) {
    while (started && now >= windowEnd) {
      out.add(factory.reading(channel + "_count", count, "count", Quality.GOOD, windowEnd));
      if (count > 0) {
        out.add(factory.reading(channel + "_min", min, unit, Quality.GOOD, windowEnd));
        out.add(factory.reading(channel + "_max", max, unit, Quality.GOOD, windowEnd));
        out.add(factory.reading(channel + "_mean", sum / count, unit, Quality.GOOD, windowEnd));
      }
      count = 0;
      sum = 0;
      windowEnd += windowNanos;
    }
  }
}
