package org.streetsense.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the source tree (no ArchUnit): only the
 * front ({@code app}, {@code cli}) and the file's model ({@code config}) refer to {@code config};
 * {@code config} never refers to the front; and the top-level packages form no cycle (in
 * particular {@code command} uses {@code safety}, never the other way round). References are
 * imports and fully qualified names in code; comments and string literals are ignored.
 */
class PackageRulesTest {

  private static final Path ROOT = Path.of("src/main/java/org/streetsense/gateway");
  private static final Pattern REF = Pattern.compile("org\\.streetsense\\.gateway\\.([a-z0-9]+)\\.");
  private static final Pattern NOISE = Pattern.compile(
      "/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'", Pattern.DOTALL);
  private static final Set<String> MAY_USE_CONFIG = Set.of("config", "app", "cli");
  private static final Set<String> FRONT = Set.of("app", "cli");

  /** Top-level package -> file -> top-level packages it refers to. */
  private static final Map<String, Map<String, Set<String>>> REFS = new TreeMap<>();

  @BeforeAll
  static void readSources() throws IOException {
    assertThat(ROOT).as("run from the gateway module").isDirectory();
    try (Stream<Path> files = Files.walk(ROOT)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(PackageRulesTest::read);
    }
  }

  private static void read(Path file) {
    Path rel = ROOT.relativize(file);
    if (rel.getNameCount() < 2) {
      return;
    }
    String pkg = rel.getName(0).toString();
    String code;
    try {
      code = NOISE.matcher(Files.readString(file)).replaceAll(" ");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> used = new TreeSet<>();
    Matcher m = REF.matcher(code);
    while (m.find()) {
      if (!m.group(1).equals(pkg)) {
        used.add(m.group(1));
      }
    }
    REFS.computeIfAbsent(pkg, k -> new TreeMap<>()).put(rel.toString(), used);
  }

  private static List<String> filesOf(Set<String> packages, String target, boolean inside) {
    List<String> offenders = new ArrayList<>();
    REFS.forEach((pkg, files) -> {
      if (packages.contains(pkg) == inside) {
        files.forEach((file, used) -> {
          if (used.contains(target)) {
            offenders.add(file + " refers to " + target);
          }
        });
      }
    });
    return offenders;
  }

  @Test
  void theSourceTreeIsRead() {
    assertThat(REFS).containsKeys("app", "config", "command", "safety", "channel", "board");
  }

  @Test
  void runtimePackagesNeverReferToConfig() {
    assertThat(filesOf(MAY_USE_CONFIG, "config", false))
        .as("only app and cli map the installation file to runtime objects (*Options records)")
        .isEmpty();
  }

  @Test
  void configNeverRefersToTheFront() {
    assertThat(filesOf(Set.of("config"), "app", true)).isEmpty();
    assertThat(filesOf(Set.of("config"), "cli", true)).isEmpty();
  }

  @Test
  void safetyNeverRefersToCommand() {
    assertThat(filesOf(Set.of("safety"), "command", true))
        .as("command applies the safety policy; the vocabulary both speak lives in actuator")
        .isEmpty();
  }

  @Test
  void topLevelPackagesFormNoCycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    REFS.forEach((pkg, files) -> {
      Set<String> out = new TreeSet<>();
      files.values().forEach(out::addAll);
      graph.put(pkg, out);
    });
    List<String> cycles = new ArrayList<>();
    for (String start : graph.keySet()) {
      findCycle(graph, start, new ArrayList<>(List.of(start)), cycles);
    }
    assertThat(cycles).as("package cycles (each as a path back to its start)").isEmpty();
  }

  private static void findCycle(Map<String, Set<String>> graph, String start, List<String> path,
      List<String> cycles) {
    String last = path.get(path.size() - 1);
    for (String next : graph.getOrDefault(last, Set.of())) {
      if (next.equals(start)) {
        cycles.add(String.join(" -> ", path) + " -> " + start);
      } else if (next.compareTo(start) > 0 && !path.contains(next)) {
        path.add(next);
        findCycle(graph, start, path, cycles);
        path.remove(path.size() - 1);
      }
    }
  }
}
