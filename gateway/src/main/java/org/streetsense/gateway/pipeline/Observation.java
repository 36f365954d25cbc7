package org.streetsense.gateway.pipeline;

/**
 * Anything the gateway accepts from its devices and forwards to its sinks: a sampled
 * {@link Reading} or an {@link InteractionEvent}. Immutable; safe to share between threads.
 *
 * <p>A stream is identified by {@code (device, channel)}; {@link #seq()} counts per stream from 1
 * and never repeats for the life of the installation's spool, so a backend can detect gaps.
 */
public sealed interface Observation permits Reading, InteractionEvent {

  String installation();

  String device();

  String channel();

  /** Per-stream sequence number, assigned when the observation is accepted; 0 before that. */
  long seq();

  ObservedTime time();

  /** Interaction events travel in the fast lane, ahead of slow telemetry. */
  default boolean interactive() {
    return this instanceof InteractionEvent;
  }

  /** The same observation with a sequence number assigned. */
  Observation withSeq(long seq);

  /** The same observation with a corrected time. */
  Observation withTime(ObservedTime time);
}
