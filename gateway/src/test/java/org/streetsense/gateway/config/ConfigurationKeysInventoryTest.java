package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration-keys.md lists every key of the installation schema with where it takes
 * effect and the test that observes it: a key added to the schema without a row, a row for a key
 * that is gone, or a row naming a test that does not exist fails here.
 */
class ConfigurationKeysInventoryTest {

  static final Path INVENTORY = Path.of("..", "docs", "configuration-keys.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|([^|]*)\\|(.*)\\|\\s*$");
  private static final Pattern TEST_NAME = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:IT|Test))`");

  static JsonNode schema;
  static Map<String, String> proofs;

  @BeforeAll
  static void read() throws IOException {
    schema = new ObjectMapper().readTree(InstallationSchemaTest.SCHEMA.toFile());
    proofs = new LinkedHashMap<>();
    for (String line : Files.readAllLines(INVENTORY, StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (m.matches() && !m.group(1).equals("Key")) {
        assertThat(proofs.put(m.group(1), m.group(3).strip())).as("one row per key: " + m.group(1))
            .isNull();
      }
    }
  }

  @Test
  void listsEveryKeyOfTheSchemaAndNoOther() {
    Set<String> keys = keysOf(schema);

    assertThat(keys).as("the schema's keys (sanity)").contains("uplink.mqtt.topicPrefix",
        "devices.channels.smoothing.alpha", "safety.actuators.maxOnTime", "operator.contact");
    assertThat(proofs.keySet()).as("rows of " + INVENTORY + " (add a row with its proof for "
        + "each new key)").containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void everyRowNamesAnOutsideTestOrSaysWhyThereIsNone() {
    assertThat(proofs).allSatisfy((key, proof) -> assertThat(
        proof.startsWith("**none**") || Pattern.compile("`[A-Za-z0-9]+IT`").matcher(proof).find())
        .as(key + ": " + proof).isTrue());
  }

  @Test
  void everyNamedTestExists() throws IOException {
    Set<String> tests = new LinkedHashSet<>();
    try (Stream<Path> files = Files.walk(Path.of(".."), 12)) {
      files.filter(p -> p.toString().contains("/src/test/java/"))
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".java"))
          .forEach(n -> tests.add(n.substring(0, n.length() - ".java".length())));
    }
    List<String> missing = new ArrayList<>();
    proofs.forEach((key, proof) -> {
      Matcher m = TEST_NAME.matcher(proof);
      while (m.find()) {
        if (!tests.contains(m.group(1))) {
          missing.add(key + ": " + m.group(1));
        }
      }
    });
    assertThat(missing).isEmpty();
  }

  /**
   * Key paths of the schema, without list positions or map keys the file chooses: a key is
   * listed when its value can be something other than a map of named keys.
   */
  static Set<String> keysOf(JsonNode root) {
    Set<String> keys = new LinkedHashSet<>();
    walk(root, root, "", keys, 0);
    return keys;
  }

  private static void walk(JsonNode root, JsonNode node, String path, Set<String> keys, int depth) {
    if (depth > 40) {
      throw new IllegalStateException("schema nested deeper than 40 at " + path);
    }
    JsonNode n = resolve(root, node);
    List<JsonNode> branches = new ArrayList<>();
    branches.add(n);
    for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
      n.path(combinator).forEach(b -> branches.add(resolve(root, b)));
    }
    boolean leaf = false;
    Map<String, JsonNode> children = new LinkedHashMap<>();
    for (JsonNode b : branches) {
      if (b.has("items")) {
        walk(root, b.get("items"), path, keys, depth + 1);
      } else if (b.has("properties")) {
        b.get("properties").fields().forEachRemaining(e -> children.put(e.getKey(), e.getValue()));
      } else if (b.path("additionalProperties").isObject()) {
        walk(root, b.get("additionalProperties"), path, keys, depth + 1);
      } else if (b.has("type") || b.has("enum")) {
        // a value: a scalar, a list of scalars, or a free-form map such as devices.options
        // (branches with only "required" constrain a map, they are no value of their own)
        leaf = true;
      }
    }
    if (leaf && !path.isEmpty()) {
      keys.add(path);
    }
    children.forEach((k, v) -> walk(root, v, path.isEmpty() ? k : path + "." + k, keys, depth + 1));
  }

  private static JsonNode resolve(JsonNode root, JsonNode node) {
    JsonNode n = node;
    while (n.has("$ref")) {
      n = root.at(n.get("$ref").asText().substring(1));
    }
    return n;
  }
}
