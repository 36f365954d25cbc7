package org.streetsense.harness;

import java.nio.charset.StandardCharsets;

/**
 * A message an {@link MqttTestSubscriber} received.
 *
 * @param topic topic it was published on
 * @param payload raw payload bytes
 * @param qos QoS it was delivered with
 * @param retained whether the broker delivered it as a retained message (on subscribe)
 */
public record ReceivedMessage(String topic, byte[] payload, int qos, boolean retained) {

  /** The payload decoded as UTF-8. */
  public String text() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return topic + (retained ? " (retained) " : " ") + text();
  }
}
