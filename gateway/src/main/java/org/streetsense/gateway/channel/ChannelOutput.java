package org.streetsense.gateway.channel;

import java.util.List;
import org.streetsense.gateway.pipeline.Observation;

/**
 * Turns processed samples of one channel into observations: readings (report-by-exception),
 * windowed aggregates, interaction events. One instance per channel, called from one thread.
 */
public interface ChannelOutput {

  /** Handles one processed sample, adding any observations to {@code out}. */
  void accept(ChannelSample sample, List<Observation> out);

  /** Lets time-based outputs close windows at {@code monotonicNanos} even without new samples. */
  default void tick(long monotonicNanos, List<Observation> out) {}
}
