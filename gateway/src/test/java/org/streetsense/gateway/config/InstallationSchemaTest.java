package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** config/schema/installation.schema.json describes the examples and agrees with the loader. */
class InstallationSchemaTest {

  static final Path SCHEMA = Path.of("..", "config", "schema", "installation.schema.json");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static JsonNode schema;

  @BeforeAll
  static void readSchema() throws IOException {
    schema = new ObjectMapper().readTree(SCHEMA.toFile());
  }

  static List<Path> examples() throws IOException {
    return ExampleInstallationsTest.examples();
  }

  @Test
  void isADraft2020_12Schema() {
    assertThat(schema.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void describesEveryKeyAndValueOfEachExample(Path example) throws IOException {
    JsonNode document = YAML.readTree(example.toFile());

    assertThat(new SchemaSubset(schema).check(document)).isEmpty();
  }

  @Test
  void rejectsAKeyItDoesNotDescribe() throws IOException {
    ObjectNode document = (ObjectNode) YAML.readTree(
        ExampleInstallationsTest.EXAMPLES.resolve("demo.yaml").toFile());
    ((ObjectNode) document.get("uplink").get("mqtt")).put("keepAlvie", "30s");

    assertThat(new SchemaSubset(schema).check(document))
        .containsExactly("$.uplink.mqtt.keepAlvie: key not described by the schema");
  }

  @Test
  void describesEachDriversOptionsAsValidateChecksThem() throws IOException {
    ObjectNode document = (ObjectNode) YAML.readTree(
        ExampleInstallationsTest.EXAMPLES.resolve("demo.yaml").toFile());
    ObjectNode button = null;
    for (JsonNode device : document.get("devices")) {
      if (device.get("driver").asText().equals("button")) {
        button = (ObjectNode) device;
      }
    }
    ObjectNode options = button.putObject("options");
    options.put("debounce", 20);
    options.put("activelow", true);

    assertThat(new SchemaSubset(schema).check(document)).anySatisfy(p -> assertThat(p)
        .endsWith(".options.debounce: expected string, found 20"))
        .anySatisfy(p -> assertThat(p)
            .endsWith(".options.activelow: key not described by the schema"));
  }

  @Test
  void requiresTheConnectionKeysOfEachDriversKind() throws IOException {
    ObjectNode document = (ObjectNode) YAML.readTree(
        ExampleInstallationsTest.EXAMPLES.resolve("demo.yaml").toFile());
    for (JsonNode device : document.get("devices")) {
      if (device.get("driver").asText().equals("bme280")) {
        ((ObjectNode) device).remove("address");
      }
    }

    assertThat(new SchemaSubset(schema).check(document))
        .anySatisfy(p -> assertThat(p).endsWith(": missing address"));
  }

  @Test
  void listsTheDriversOfTheRegistry() {
    List<String> drivers = new ArrayList<>();
    schema.at("/$defs/driverName/enum").forEach(d -> drivers.add(d.asText()));

    assertThat(drivers).containsExactlyElementsOf(
        org.streetsense.gateway.driver.DriverRegistry.names());
  }

  @Test
  void requiresWhatTheLoaderRequires() {
    List<String> required = new ArrayList<>();
    schema.get("required").forEach(r -> required.add(r.asText()));

    assertThat(required).containsExactlyInAnyOrder("installation", "site", "hardware", "devices",
        "uplink");
  }
}
