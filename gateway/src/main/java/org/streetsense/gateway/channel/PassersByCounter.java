package org.streetsense.gateway.channel;

import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.pipeline.Observation;

/** Counts presence starts per tumbling window; see {@link PassersByOptions}. */
final class PassersByCounter implements ChannelOutput {

  private final ObservationFactory factory;
  private final String channel;
  private final long windowNanos;
  private final HysteresisDetector detector;
  private boolean started;
  private long windowEnd;
  private long count;

  PassersByCounter(ObservationFactory factory, String channel, PassersByOptions options) {
    this.factory = factory;
    this.channel = channel;
    this.windowNanos = options.window().toNanos();
    this.detector = new HysteresisDetector(factory, channel, options.presence(), at -> count++);
  }

  @Override
  public void accept(ChannelSample s, List<Observation> out) {
    if (!started) {
      started = true;
      windowEnd = s.monotonicNanos() + windowNanos;
    }
    tick(s.monotonicNanos(), out);
    detector.accept(s, new ArrayList<>());
  }

  @Override
  public void tick(long now, List<Observation> out) {
    while (started && now >= windowEnd) {
      out.add(factory.event(channel, "passers_by", count, windowEnd));
      count = 0;
      windowEnd += windowNanos;
    }
  }
}
