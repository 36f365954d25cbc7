package org.streetsense.gateway.uplink;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message the broker delivered for one of the uplink's subscriptions.
 *
 * @param topic topic it was published on
 * @param payload raw payload (not copied; do not modify)
 * @param qos QoS it was delivered with
 * @param retained whether it is a retained message delivered on subscribe
 * @param duplicate whether the broker flagged it as a possible redelivery
 */
public record InboundMessage(
    String topic, byte[] payload, int qos, boolean retained, boolean duplicate) {

  public InboundMessage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
  }

  /** The payload decoded as UTF-8. */
  public String text() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
