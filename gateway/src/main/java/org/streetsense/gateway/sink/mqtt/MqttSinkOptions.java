package org.streetsense.gateway.sink.mqtt;

import java.util.Objects;

/**
 * How {@link MqttSink} maps observations to messages.
 *
 * @param mode one message per observation, or readings in JSON arrays per device topic
 * @param maxPerMessage in {@link Mode#BATCHED} mode, the most readings in one array (1 to
 *     10,000); 1 in {@link Mode#PER_OBSERVATION} mode
 * @param qos QoS of readings, events and gaps, 0 or 1 ({@code uplink.mqtt.qos}; default 1). With
 *     0 a batch counts as delivered once written to the connection, without the broker's ack
 */
public record MqttSinkOptions(Mode mode, int maxPerMessage, int qos) {

  /** Message shape. */
  public enum Mode {
    /** One flat JSON object per observation. */
    PER_OBSERVATION,
    /**
     * Readings in JSON arrays of flat objects, grouped by device; events one flat object per
     * message, published urgently as in {@link #PER_OBSERVATION} (decision 0384).
     */
    BATCHED
  }

  /** QoS 1. */
  public MqttSinkOptions(Mode mode, int maxPerMessage) {
    this(mode, maxPerMessage, 1);
  }

  public MqttSinkOptions {
    Objects.requireNonNull(mode, "mode");
    if (qos != 0 && qos != 1) {
      throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
    }
    if (mode == Mode.PER_OBSERVATION && maxPerMessage != 1) {
      throw new IllegalArgumentException("maxPerMessage must be 1 in PER_OBSERVATION mode, was "
          + maxPerMessage);
    }
    if (maxPerMessage < 1 || maxPerMessage > 10_000) {
      throw new IllegalArgumentException("maxPerMessage must be 1 to 10000, was "
          + maxPerMessage);
    }
  }

  /**
   * What the installation file selects: {@code uplink.mqtt.readingsPerMessage} (1: one object
   * per reading, more: arrays of at most that many) and {@code uplink.mqtt.qos}.
   */
  public static MqttSinkOptions of(int readingsPerMessage, int qos) {
    return (readingsPerMessage == 1 ? perObservation() : batched(readingsPerMessage)).withQos(qos);
  }

  public static MqttSinkOptions perObservation() {
    return new MqttSinkOptions(Mode.PER_OBSERVATION, 1);
  }

  public static MqttSinkOptions batched(int maxPerMessage) {
    return new MqttSinkOptions(Mode.BATCHED, maxPerMessage);
  }

  /** A copy publishing with {@code qos} (0 or 1). */
  public MqttSinkOptions withQos(int qos) {
    return new MqttSinkOptions(mode, maxPerMessage, qos);
  }
}
