package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every YAML example of docs/drivers.md is a valid devices section and means what it says. */
class DriversDocExamplesTest {

  static final Path DOC = Path.of("..", "docs", "drivers.md");

  static List<String> examples() throws Exception {
    String doc = Files.readString(DOC);
    List<String> out = new ArrayList<>();
    int at = 0;
    while ((at = doc.indexOf("```yaml\n", at)) >= 0) {
      int start = at + "```yaml\n".length();
      int end = doc.indexOf("```", start);
      out.add(doc.substring(start, end));
      at = end + 3;
    }
    return out;
  }

  @Test
  void everyExampleLoads() throws Exception {
    assertThat(examples()).isNotEmpty();
    for (String example : examples()) {
      assertThat(InstallationTexts.errors(example.split("\n"))).as(example).isEmpty();
    }
  }

  @Test
  void theOptionsExampleSetsWhatItSays() throws Exception {
    Installation inst = InstallationTexts.load(examples().get(0).split("\n"));

    assertThat(inst.device("start-button").orElseThrow().options())
        .containsEntry("debounce", Duration.ofMillis(30))
        .containsEntry("hold", Duration.ofSeconds(1))
        .containsEntry("stuckAfter", Duration.ofSeconds(45));
    assertThat(inst.device("pump").orElseThrow().options()).containsEntry("activeLow", false);
  }
}
