package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```yaml} block in every Markdown file of the repository (docs/, the READMEs,
 * config/, deploy/, firmware-bridge/) goes through the installation loader, which is what
 * {@code streetsense validate} runs. The convention (docs/configuration.md, "Examples in the
 * docs"): a block with a top-level {@code installation:} key is a whole file and must load as it
 * is; any other block needs a marker comment on the line before its fence, either
 * {@code <!-- validate: in docs/examples/<frame>.yaml -->} (the block is put into that frame file
 * at its {@code # example} line, indented as that line, and the result must load), or
 * {@code <!-- not an installation file: <what it is> -->}. A block without either fails this
 * test, so no example is skipped silently, and every frame must be used by an example.
 */
class DocsYamlExamplesTest {

  static final Path ROOT = Path.of("..");
  private static final Pattern FRAME = Pattern.compile(
      "<!-- validate: in (docs/examples/[a-z0-9-]+\\.yaml) -->");
  private static final Pattern NOT_INSTALLATION = Pattern.compile(
      "<!-- not an installation file: [^>]+-->");
  private static final String PLACEHOLDER = "# example";

  /** One fenced yaml block: where it is, its marker line (or ""), its text. */
  record Example(Path file, int line, String marker, String text) {
    String where() {
      return ROOT.relativize(file).toString().replace("../", "") + ":" + line;
    }
  }

  @TestFactory
  Stream<DynamicTest> everyYamlExampleInTheDocsLoads() throws IOException {
    List<Example> examples = examples();
    assertThat(examples).as("yaml examples found").hasSizeGreaterThanOrEqualTo(8);
    return examples.stream().map(e -> DynamicTest.dynamicTest(e.where(), () -> check(e)));
  }

  @Test
  void everyFrameIsUsedByAnExample() throws Exception {
    List<String> used = examples().stream().map(e -> FRAME.matcher(e.marker()))
        .filter(Matcher::find).map(m -> m.group(1)).toList();
    try (Stream<Path> frames = Files.list(ROOT.resolve("docs/examples"))) {
      List<String> all = frames.filter(p -> p.toString().endsWith(".yaml"))
          .map(p -> "docs/examples/" + p.getFileName()).sorted().toList();
      assertThat(all).isNotEmpty();
      assertThat(used).as("frames used by the docs' examples").containsAll(all);
    }
  }

  @Test
  void aBlockWithoutMarkerThatIsNotAWholeFileIsRefused() throws Exception {
    Example bare = new Example(ROOT.resolve("docs/x.md"), 1, "", "devices: []\n");

    try {
      check(bare);
    } catch (AssertionError expected) {
      assertThat(expected).hasMessageContaining("is not a whole installation file")
          .hasMessageContaining("<!-- validate: in docs/examples/");
      return;
    }
    fail("an unmarked fragment passed");
  }

  private static void check(Example e) throws Exception {
    if (NOT_INSTALLATION.matcher(e.marker()).find()) {
      return;
    }
    Matcher frame = FRAME.matcher(e.marker());
    if (frame.find()) {
      Path file = ROOT.resolve(frame.group(1));
      assertThat(file).as(e.where() + " names a frame that exists").exists();
      load(e.where(), insert(Files.readString(file), e.text(), e.where()));
      return;
    }
    if (!e.text().lines().anyMatch(l -> l.startsWith("installation:"))) {
      fail(e.where() + ": the yaml block is not a whole installation file (no top-level "
          + "installation:) and has no marker; put <!-- validate: in docs/examples/<frame>.yaml "
          + "--> or <!-- not an installation file: ... --> on the line before its fence");
    }
    load(e.where(), e.text());
  }

  /** The frame with the example in place of its placeholder line, at the placeholder's indent. */
  static String insert(String frame, String example, String where) {
    StringBuilder out = new StringBuilder();
    boolean done = false;
    for (String line : frame.split("\n", -1)) {
      if (!done && line.strip().equals(PLACEHOLDER)) {
        String indent = line.substring(0, line.indexOf('#'));
        example.lines().forEach(l -> out.append(indent).append(l).append('\n'));
        done = true;
      } else {
        out.append(line).append('\n');
      }
    }
    assertThat(done).as(where + ": the frame has a '" + PLACEHOLDER + "' line").isTrue();
    return out.toString();
  }

  private static void load(String where, String text) throws Exception {
    try {
      InstallationLoader.load(where, new ByteArrayInputStream(
          text.getBytes(StandardCharsets.UTF_8)));
    } catch (ConfigException e) {
      fail(where + " does not validate:\n" + String.join("\n",
          e.errors().stream().map(ConfigError::format).toList()) + "\n--- text ---\n" + text);
    }
  }

  /** Every fenced yaml block of every Markdown file outside build output and dot-directories. */
  static List<Example> examples() throws IOException {
    List<Path> docs;
    try (Stream<Path> walk = Files.walk(ROOT)) {
      docs = walk.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> {
            for (Path part : ROOT.relativize(p)) {
              String s = part.toString();
              if (s.equals("target") || s.equals("node_modules") || s.startsWith(".")) {
                return false;
              }
            }
            return true;
          }).sorted().toList();
    }
    List<Example> out = new ArrayList<>();
    for (Path doc : docs) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        String fence = lines.get(i).stripLeading();
        if (!fence.equals("```yaml") && !fence.equals("```yml")) {
          continue;
        }
        int indent = lines.get(i).indexOf('`');
        String marker = "";
        for (int j = i - 1; j >= 0; j--) {
          if (!lines.get(j).isBlank()) {
            marker = lines.get(j).strip();
            break;
          }
        }
        StringBuilder text = new StringBuilder();
        int j = i + 1;
        for (; j < lines.size() && !lines.get(j).strip().equals("```"); j++) {
          String l = lines.get(j);
          text.append(l.length() >= indent && l.substring(0, indent).isBlank()
              ? l.substring(indent) : l.stripLeading()).append('\n');
        }
        out.add(new Example(doc, i + 1, marker, text.toString()));
        i = j;
      }
    }
    return out;
  }
}
