package org.streetsense.gateway.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The YAML examples of docs/drivers.md, so tests run exactly what the docs show. */
final class DriversDocExamples {

  private static final Path DOC = Path.of("..", "docs", "drivers.md");
  private static final Pattern BLOCK = Pattern.compile("(?m)^( *)```yaml\\n(.*?)^\\1```", Pattern.DOTALL);

  private DriversDocExamples() {}

  /** The one YAML block of docs/drivers.md containing every one of {@code needles}, unindented. */
  static String yaml(String... needles) {
    String doc;
    try {
      doc = Files.readString(DOC, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher m = BLOCK.matcher(doc);
    String found = null;
    while (m.find()) {
      String block = m.group(2).stripTrailing().stripIndent() + "\n";
      boolean all = true;
      for (String n : needles) {
        all &= block.contains(n);
      }
      if (all) {
        if (found != null) {
          throw new AssertionError("more than one example in " + DOC + " contains " + String.join(", ", needles));
        }
        found = block;
      }
    }
    if (found == null) {
      throw new AssertionError("no example in " + DOC + " contains " + String.join(", ", needles));
    }
    return found;
  }
}
