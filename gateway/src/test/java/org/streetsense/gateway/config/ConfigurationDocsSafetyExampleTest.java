package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code safety} example in docs/configuration.md loads, with the quiet hours it describes. */
class ConfigurationDocsSafetyExampleTest {

  static final Path DOC = Path.of("..", "docs", "configuration.md");

  private static final String DEVICES = """
      installation: docs-safety
      site: Docs
      hardware:
        backend: simulated
      devices:
        - {id: lamp, driver: led, pin: 18}
        - {id: fan, driver: relay, pin: 23}
        - {id: fog, driver: relay, pin: 24}
        - id: sculpture-lights
          driver: pca9685
          address: 0x40
          channels:
            ring: {index: 0}
      uplink:
        mqtt:
          url: tcp://localhost:1883
      """;

  @Test
  void theSafetyExampleLoadsWithItsQuietHoursBehaviours() throws Exception {
    String doc = Files.readString(DOC);
    int section = doc.indexOf("## `safety`");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
    String example = doc.substring(start, doc.indexOf("```", start));

    Installation installation = InstallationLoader.load("safety.yaml",
        new ByteArrayInputStream((DEVICES + example).getBytes(StandardCharsets.UTF_8)));

    SafetySettings safety = installation.interaction().safety();
    assertThat(safety.actuator("lamp").orElseThrow().quietHours()).isEqualTo(QuietBehaviour.CAP);
    assertThat(safety.actuator("fan").orElseThrow().quietHours()).isEqualTo(QuietBehaviour.UNAFFECTED);
    assertThat(safety.actuator("fog").orElseThrow().quietHours()).isEqualTo(QuietBehaviour.BLOCK);
    ActuatorSpec ring = safety.actuator("sculpture-lights/ring").orElseThrow();
    assertThat(ring.quietHours()).isEqualTo(QuietBehaviour.CAP);
    assertThat(ring.quietLevel()).isEqualTo(Optional.of(0.1));
  }
}
