package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipleErrorsTest {

  @Test
  void reportsEveryErrorOfAFileAtOnceInFileOrder() throws Exception {
    Path file = Path.of(MultipleErrorsTest.class.getResource("/config/multi-error.yaml").toURI());

    List<ConfigError> errors = InstallationLoader.validate(file);

    assertThat(errors).extracting(ConfigError::line, ConfigError::path).containsExactly(
        tuple(1, "installation"),
        tuple(6, "hardware.sead"),
        tuple(10, "devices[0].address"),
        tuple(11, "devices[0].perod"),
        tuple(14, "devices[1].pin"),
        tuple(18, "devices[2].safeState"),
        tuple(23, "uplink.mqtt.password"),
        tuple(24, "uplink.mqtt.qos"),
        tuple(26, "spool.fsync"));
    assertThat(errors.get(1).message()).isEqualTo("unknown key 'sead'; did you mean 'seed'?");
    assertThat(errors.get(5).message()).isEqualTo("'dim' is not a known safe state; allowed: on, off");
    assertThat(errors).allSatisfy(e -> assertThat(e.message()).doesNotContain("secret-in-the-file"));
  }

  @Test
  void validationReportPrintsEveryErrorAndExitsNonZero() throws Exception {
    Path file = Path.of(MultipleErrorsTest.class.getResource("/config/multi-error.yaml").toURI());

    ValidationReport report = InstallationLoader.check(file);

    assertThat(report.isValid()).isFalse();
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.format().lines()).hasSize(10)
        .contains(file + ":14:10: devices[1].pin: 40 is not a BCM GPIO pin; allowed 0..27")
        .last().isEqualTo("9 errors in " + file);
    assertThat(report.format()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
