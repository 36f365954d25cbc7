package org.streetsense.gateway.uplink;

import java.util.Objects;

/**
 * How {@link MqttSink} maps observations to messages.
 *
 * @param mode one message per observation, or JSON arrays per device topic
 * @param maxPerMessage in {@link Mode#BATCHED} mode, the most observations in one array (1 to
 *     10,000); 1 in {@link Mode#PER_OBSERVATION} mode
 */
public record MqttSinkOptions(Mode mode, int maxPerMessage) {

  /** Message shape. */
  public enum Mode {
    /** One flat JSON object per observation. */
    PER_OBSERVATION,
    /** JSON arrays of flat objects, grouped by device and kind topic. */
    BATCHED
  }

  public MqttSinkOptions {
    Objects.requireNonNull(mode, "mode");
    if (mode == Mode.PER_OBSERVATION && maxPerMessage != 1) {
      throw new IllegalArgumentException("maxPerMessage must be 1 in PER_OBSERVATION mode, was "
          + maxPerMessage);
    }
    if (maxPerMessage < 1 || maxPerMessage > 10_000) {
      throw new IllegalArgumentException("maxPerMessage must be 1 to 10000, was "
          + maxPerMessage);
    }
  }

  public static MqttSinkOptions perObservation() {
    return new MqttSinkOptions(Mode.PER_OBSERVATION, 1);
  }

  public static MqttSinkOptions batched(int maxPerMessage) {
    return new MqttSinkOptions(Mode.BATCHED, maxPerMessage);
  }
}
