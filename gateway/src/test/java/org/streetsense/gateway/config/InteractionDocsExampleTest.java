package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The complete installation shown in docs/interaction.md is valid, and its error example true. */
class InteractionDocsExampleTest {

  static final Path DOC = Path.of("..", "docs", "interaction.md");

  @Test
  void theCompleteExampleLoads() throws Exception {
    Installation corner = load(example());

    assertThat(corner.interaction().safety().actuators()).extracting(ActuatorSpec::id)
        .containsExactly("lamp", "leds/ring", "fan");
    assertThat(corner.interaction().reflexes()).extracting(ReflexSpec::name)
        .containsExactly("touch-glow", "greet-passer-by", "loud-street");
    assertThat(corner.interaction().osc().listen()).contains(new OscListen("0.0.0.0", 9000));
    assertThat(corner.interaction().safety().maxDuration()).isEqualTo(java.time.Duration.ofMinutes(10));
    ActuatorSpec fan = corner.interaction().safety().actuator("fan").orElseThrow();
    assertThat(fan.maxOnTime()).contains(java.time.Duration.ofMinutes(10));
    assertThat(fan.coolDown()).contains(java.time.Duration.ofMinutes(20));
  }

  @Test
  void theErrorShownInTheDocIsTheOneTheLoaderGives() throws Exception {
    String narrowed = example().replace("lamp: {kind: light, operations: [set, on, off, pulse, "
        + "fade]}", "lamp: {kind: light, operations: [on, off]}");

    List<ConfigError> errors;
    try {
      load(narrowed);
      errors = List.of();
    } catch (ConfigException e) {
      errors = e.errors();
    }

    assertThat(errors).isNotEmpty();
    assertThat(Files.readString(DOC)).contains("    " + errors.get(0).format() + "\n");
  }

  private static Installation load(String text) throws ConfigException {
    return InstallationLoader.load("corner.yaml",
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String example() throws Exception {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
    return doc.substring(start, doc.indexOf("```", start));
  }
}
