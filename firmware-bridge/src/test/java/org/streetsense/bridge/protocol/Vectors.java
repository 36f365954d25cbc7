package org.streetsense.bridge.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Reads the shared vector files (also read by the C tests) from the test classpath. */
final class Vectors {

  private Vectors() {}

  /** Rows of {@code vectors/<file>}: fields split on '|', trimmed; comments and blanks skipped. */
  static List<String[]> rows(String file) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource vectors/" + file);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> Arrays.stream(l.split("\\|")).map(String::trim).toArray(String[]::new))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hex(String field) {
    return field.equals("-") ? new byte[0] : Hex.parse(field);
  }
}
