package org.streetsense.gateway.channel;

import java.util.List;
import java.util.function.LongConsumer;
import org.streetsense.gateway.pipeline.Observation;

/**
 * State machine behind presence and touch events; see {@link HysteresisOptions}. Only GOOD
 * samples move it. Events are stamped with the time of the sample that crossed the threshold.
 */
final class HysteresisDetector implements ChannelOutput {

  private final ObservationFactory factory;
  private final String channel;
  private final HysteresisOptions options;
  private final LongConsumer onStart;
  private boolean active;
  private long activeSince;
  private long pendingSince = -1;

  HysteresisDetector(
      ObservationFactory factory, String channel, HysteresisOptions options, LongConsumer onStart) {
    this.factory = factory;
    this.channel = channel;
    this.options = options;
    this.onStart = onStart;
  }

  @Override
  public void accept(ChannelSample s, List<Observation> out) {
    if (!s.good()) {
      return;
    }
    double v = s.value();
    boolean wantsChange = options.below()
        ? (active ? v >= options.leaveAt() : v <= options.enterAt())
        : (active ? v <= options.leaveAt() : v >= options.enterAt());
    if (!wantsChange) {
      pendingSince = -1;
      return;
    }
    if (pendingSince < 0) {
      pendingSince = s.monotonicNanos();
    }
    if (s.monotonicNanos() - pendingSince < options.minDuration().toNanos()) {
      return;
    }
    long at = pendingSince;
    pendingSince = -1;
    if (active) {
      active = false;
      out.add(factory.event(channel, options.endType(), (at - activeSince) / 1_000_000.0, at));
    } else {
      active = true;
      activeSince = at;
      out.add(factory.event(channel, options.startType(), 0, at));
      onStart.accept(at);
    }
  }
}
