package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;

/** What the public surfaces get from the file: attribution asked for only where the licence does. */
class StatusMappingTest {

  private static final String HEAD = """
      installation: bench
      site: Test bench
      hardware: {backend: simulated}
      languages: [en]
      devices:
        - {id: button-1, driver: button, pin: 17}
      uplink:
        mqtt: {url: "tcp://localhost:1883"}
      """;

  @TempDir Path dir;

  private Installation load(String yaml) throws Exception {
    Path file = dir.resolve("bench.yaml");
    Files.writeString(file, yaml);
    return InstallationLoader.load(file);
  }

  @Test
  void aLicenceThatAsksNoCreditGetsNoDefaultAttribution() throws Exception {
    assertThat(StatusMapping.installation(load(HEAD + "license: CC0-1.0\n")).attribution())
        .isEmpty();
    assertThat(StatusMapping.installation(load(HEAD + "license: CC0-1.0\nattribution: Ada\n"))
        .attribution()).isEqualTo("Ada");
    assertThat(StatusMapping.installation(load(HEAD + "license: CC-BY-4.0\n")).attribution())
        .isEqualTo("Test bench");
  }

  @Test
  void channelsWithoutAFileLabelLeaveTheLabelToThePage() throws Exception {
    assertThat(StatusMapping.channels(load(HEAD))).allSatisfy(c -> {
      assertThat(c.what()).isEmpty();
      assertThat(c.why()).isEmpty();
    });
  }
}
