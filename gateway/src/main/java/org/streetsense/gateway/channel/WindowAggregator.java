package org.streetsense.gateway.channel;

import java.util.List;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;

/**
 * Tumbling-window aggregates of GOOD samples, the functions of its {@link AggregateOptions}. Windows are aligned to the first sample;
 * a window closes at the first sample or tick at or after its end, stamped at the window end.
 */
final class WindowAggregator implements ChannelOutput {

  private final ObservationFactory factory;
  private final String channel;
  private final String unit;
  private final long windowNanos;
  private final java.util.Set<AggregateOptions.Function> functions;
  private boolean started;
  private long windowEnd;
  private long count;
  private double min;
  private double max;
  private double sum;
  private double last;

  WindowAggregator(ObservationFactory factory, String channel, String unit, AggregateOptions o) {
    this.factory = factory;
    this.channel = channel;
    this.unit = unit;
    this.windowNanos = o.window().toNanos();
    this.functions = o.functions();
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
    last = s.value();
  }

  @Override
  public void tick(long now, List<Observation> out) {
    while (started && now >= windowEnd) {
      for (AggregateOptions.Function f : functions) {
        if (f == AggregateOptions.Function.COUNT) {
          out.add(factory.reading(channel + f.suffix(), count, "count", Quality.GOOD, windowEnd));
        } else if (count > 0) {
          out.add(factory.reading(channel + f.suffix(), value(f), unit, Quality.GOOD, windowEnd));
        }
      }
      count = 0;
      sum = 0;
      windowEnd += windowNanos;
    }
  }

  private double value(AggregateOptions.Function f) {
    switch (f) {
      case MIN:
        return min;
      case MAX:
        return max;
      case SUM:
        return sum;
      case LAST:
        return last;
      default:
        return sum / count;
    }
  }
}
