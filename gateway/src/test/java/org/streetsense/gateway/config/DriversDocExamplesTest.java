package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The options example of docs/drivers.md means what it says (DocsYamlExamplesTest validates every
 * example in its frame).
 */
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
  void theOptionsExampleSetsWhatItSays() throws Exception {
    String example = examples().stream().filter(e -> e.contains("start-button")).findFirst()
        .orElseThrow();
    List<String> lines = new ArrayList<>();
    lines.add("devices:");
    for (String line : example.split("\n")) {
      lines.add("  " + line);
    }
    Installation inst = InstallationTexts.load(lines.toArray(String[]::new));

    assertThat(inst.device("start-button").orElseThrow().options())
        .containsEntry("debounce", Duration.ofMillis(30))
        .containsEntry("hold", Duration.ofSeconds(1))
        .containsEntry("stuckAfter", Duration.ofSeconds(45));
    assertThat(inst.device("pump").orElseThrow().options()).containsEntry("activeLow", false);
  }
}
