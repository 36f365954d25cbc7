package org.streetsense.gateway.uplink;

import java.util.Objects;

/**
 * A message the uplink sends by itself: the birth message after each connect, and the will
 * (registered with the broker at connect, published by the uplink itself on a clean stop).
 *
 * @param topic topic, without wildcards
 * @param payload payload bytes (not copied; do not modify)
 * @param qos 0 or 1
 * @param retained whether the broker keeps it as the topic's retained message
 */
public record UplinkMessage(String topic, byte[] payload, int qos, boolean retained) {

  public UplinkMessage {
    TopicNames.requirePublishable(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    if (qos < 0 || qos > 1) {
      throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
    }
  }
}
