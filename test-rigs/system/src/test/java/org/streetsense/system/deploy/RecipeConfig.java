package org.streetsense.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Mosquitto recipe from {@code deploy/mosquitto/} adapted for a test: example values replaced,
 * single-valued options set to test values (ports, paths), extra lines appended. Everything else
 * stays as shipped, so the test exercises the recipe itself.
 */
final class RecipeConfig {

  private final List<String> lines;

  private RecipeConfig(List<String> lines) {
    this.lines = lines;
  }

  static RecipeConfig of(String recipe) {
    try {
      return new RecipeConfig(new ArrayList<>(Files.readAllLines(RepoFiles.deploy(recipe))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code text} on every line (an example value such as the installation id). */
  RecipeConfig replace(String text, String replacement) {
    lines.replaceAll(line -> line.replace(text, replacement));
    return this;
  }

  /** Rewrites the one line starting with {@code key }; fails if the recipe has no such line. */
  RecipeConfig set(String key, String value) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(key + " ")) {
        lines.set(i, key + " " + value);
        return this;
      }
    }
    throw new IllegalStateException("recipe has no '" + key + "' line to set");
  }

  /** Adds a line at the top, before any listener or bridge section. */
  RecipeConfig prepend(String line) {
    lines.add(0, line);
    return this;
  }

  Path writeTo(Path file) {
    try {
      Files.write(file, lines);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
