package org.streetsense.gateway.channel;

/**
 * A transformation of each sample of one channel: calibration, range check, stuck check,
 * smoothing. Stateful stages keep per-channel state; one instance per channel, called from one
 * thread (the hardware executor).
 */
@FunctionalInterface
public interface SampleStage {
  ChannelSample apply(ChannelSample sample);
}
