package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device with an error of its own does not hide the errors of the safety and reflex sections
 * that refer to other, valid devices: {@code validate} reports them all in one pass. References to
 * the broken device itself (the safety entry {@code weather}, the reflex {@code warm}) or to
 * the broken safety entry ({@code fan} in {@code warm}) are not reported again.
 */
class OnePassValidationTest {

  private static final String FILE = """
      installation: one-pass
      site: Bench
      hardware: {backend: simulated}
      devices:
        - id: weather
          driver: bme280
          address: 0x76
          perod: 5s
        - id: motion
          driver: pir
          pin: 4
        - id: lamp
          driver: led
          pin: 18
      uplink:
        mqtt: {url: tcp://localhost:1883}
      safety:
        actuators:
          lamp: {kind: light, operations: [on, off]}
          weather: {kind: light}
          fan: {kind: switch}
      reflexes:
        - name: greet
          when: {device: motin, event: presence_enter}
          do:
            - {actuator: lamp, op: fade, value: 1.0, duration: 300ms}
        - name: warm
          when: {device: weather, channel: temperature, above: 30}
          do:
            - {actuator: lamp, op: on}
            - {actuator: fan, op: on}
      """;

  @Test
  void reflexAndSafetyErrorsAreReportedBesideADeviceError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("one-pass.yaml");
    Files.writeString(file, FILE);

    List<ConfigError> errors = InstallationLoader.validate(file);

    assertThat(errors).extracting(ConfigError::line, ConfigError::path).containsExactly(
        tuple(8, "devices[0].perod"),
        tuple(21, "safety.actuators.fan"),
        tuple(24, "reflexes[0].when.device"),
        tuple(26, "reflexes[0].do[0].op"));
    assertThat(errors.get(1).message()).contains("no output 'fan'");
    assertThat(errors.get(2).message()).contains("no device 'motin'").contains("did you mean 'motion'");
    assertThat(errors.get(3).message()).contains("'fade' is not allowed on 'lamp'");
  }
}
