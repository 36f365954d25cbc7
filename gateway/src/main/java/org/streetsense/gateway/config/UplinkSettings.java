package org.streetsense.gateway.config;

import java.util.Objects;

/**
 * How readings leave the installation.
 *
 * @param mqtt the MQTT broker connection
 */
public record UplinkSettings(MqttSettings mqtt) {

  public UplinkSettings {
    Objects.requireNonNull(mqtt, "mqtt");
  }
}
