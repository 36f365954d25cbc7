package org.streetsense.system.fleet;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;

/**
 * One small simulated installation of the fleet: a BME280 sampled every second (three reading
 * streams, temperature public) and a PIR whose simulated passers-by make events, with its own installation id (also
 * the MQTT client id), spool directory and HTTP port.
 *
 * @param id installation id and MQTT client id, e.g. {@code fleet-007}
 * @param seed seed of the simulated hardware
 * @param brokerUrl {@code tcp://host:port} of the broker
 * @param spoolDir the gateway's own spool directory
 * @param httpPort a free TCP port for its HTTP surface (the file format needs 1..65535)
 */
record FleetInstallation(String id, long seed, String brokerUrl, Path spoolDir, int httpPort) {

  FleetInstallation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(brokerUrl, "brokerUrl");
    Objects.requireNonNull(spoolDir, "spoolDir");
  }

  /** The installation id of fleet member {@code index}: {@code fleet-000} .. {@code fleet-999}. */
  static String idOf(int index) {
    return String.format("fleet-%03d", index);
  }

  /** The installation file text. */
  String yaml() {
    return """
        installation: %s
        site: Streetsense fleet rig
        location: {lat: 48.7208, lon: 21.2575}
        description: One of many simulated installations sharing one broker.
        operator: {name: Streetsense, contact: https://github.com/streetsense}
        languages: [en]
        license: CC-BY-4.0
        attribution: Streetsense fleet rig
        retention: 1d
        hardware: {backend: simulated, seed: %d}
        devices:
          - id: weather
            driver: bme280
            address: 0x76
            period: 1s
            channels:
              temperature: {unit: degC, public: true}
              humidity: {unit: "%%RH"}
              pressure: {unit: hPa}
          - id: motion
            driver: pir
            pin: 4
            mode: event
            channels:
              motion: {}
        uplink:
          mqtt: {url: "%s", qos: 1, keepAlive: 30s}
        spool: {dir: "%s", maxBytes: 16MB, maxAge: 1d, fsync: os}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(id, seed, brokerUrl, spoolDir.toAbsolutePath(), httpPort);
  }

  /** Validates and loads the file as the gateway would. */
  Installation load() throws ConfigException {
    return InstallationLoader.load(id + ".yaml",
        new ByteArrayInputStream(yaml().getBytes(StandardCharsets.UTF_8)));
  }
}
