package org.streetsense.gateway.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Optional outputs beside the MQTT uplink.
 *
 * @param influxdb InfluxDB sink, if configured
 * @param osc OSC targets, possibly none
 */
public record SinkSettings(Optional<InfluxSettings> influxdb, List<OscTarget> osc) {

  public static final SinkSettings NONE = new SinkSettings(Optional.empty(), List.of());

  public SinkSettings {
    Objects.requireNonNull(influxdb, "influxdb");
    osc = List.copyOf(osc);
  }
}
