package org.streetsense.gateway.channel;

import java.util.List;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;

/** Publishes readings of one channel by exception, as configured by {@link ReportOptions}. */
final class ReadingReporter implements ChannelOutput {

  private final ObservationFactory factory;
  private final String channel;
  private final String unit;
  private final ReportOptions options;
  private boolean published;
  private double lastValue;
  private Quality lastQuality;
  private long lastNanos;

  ReadingReporter(ObservationFactory factory, String channel, String unit, ReportOptions options) {
    this.factory = factory;
    this.channel = channel;
    this.unit = unit;
    this.options = options;
  }

  @Override
  public void accept(ChannelSample s, List<Observation> out) {
    if (!options.publish() || !due(s)) {
      return;
    }
    out.add(factory.reading(channel, s.value(), unit, s.quality(), s.monotonicNanos()));
    published = true;
    lastValue = s.value();
    lastQuality = s.quality();
    lastNanos = s.monotonicNanos();
  }

  private boolean due(ChannelSample s) {
    if (!published || s.quality() != lastQuality) {
      return true;
    }
    long silence = options.maxSilence().toNanos();
    if (silence > 0 && s.monotonicNanos() - lastNanos >= silence) {
      return true;
    }
    if (s.quality() == Quality.FAULT) {
      return false;
    }
    return options.deadband() == 0 || Math.abs(s.value() - lastValue) >= options.deadband();
  }
}
