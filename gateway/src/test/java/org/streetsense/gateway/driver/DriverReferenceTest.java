package org.streetsense.gateway.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped JSON Schema and the driver tables of docs/drivers.md are what the driver
 * descriptors generate. With {@code -Dstreetsense.regenerate=true} the test rewrites them instead
 * (see {@link #REGENERATE}).
 */
class DriverReferenceTest {

  static final Path SCHEMA = Path.of("..", "config", "schema", "installation.schema.json");
  static final Path DRIVERS_DOC = Path.of("..", "docs", "drivers.md");
  static final Path CONFIGURATION_DOC = Path.of("..", "docs", "configuration.md");
  static final String REGENERATE = "regenerate with: ./mvnw -B -o -q -pl gateway -am test "
      + "-Dtest=DriverReferenceTest -Dstreetsense.regenerate=true "
      + "-Dsurefire.failIfNoSpecifiedTests=false";

  @Test
  void theShippedSchemaIsWhatTheDescriptorsGenerate() throws IOException {
    String shipped = read(SCHEMA);
    String generated = DriverReference.schema(shipped);
    regenerateIfAsked(SCHEMA, shipped, generated);

    assertThat(read(SCHEMA))
        .as("config/schema/installation.schema.json is out of step with the driver "
            + "descriptors; " + REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void theDriverTablesOfTheDocsAreWhatTheDescriptorsGenerate() throws IOException {
    String shipped = read(DRIVERS_DOC);
    String generated = DriverReference.docs(shipped);
    regenerateIfAsked(DRIVERS_DOC, shipped, generated);

    assertThat(read(DRIVERS_DOC))
        .as("docs/drivers.md's driver tables are out of step with the driver descriptors; "
            + REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void theDriverRegistryOfTheConfigurationDocIsWhatTheDescriptorsGenerate() throws IOException {
    String shipped = read(CONFIGURATION_DOC);
    String generated = DriverReference.docs(shipped);
    regenerateIfAsked(CONFIGURATION_DOC, shipped, generated);

    assertThat(shipped).contains("<!-- generated: drivers -->");
    assertThat(read(CONFIGURATION_DOC))
        .as("docs/configuration.md's driver catalog is out of step with the driver descriptors; "
            + REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void theDocsHaveTheOverviewAndOneOptionsTableForEveryRegisteredDriver() throws IOException {
    String doc = read(DRIVERS_DOC);

    for (String block : DriverReference.blocks()) {
      assertThat(doc.split("<!-- generated: " + block + " -->", -1))
          .as("docs/drivers.md needs exactly one block '<!-- generated: " + block
              + " -->' ... '<!-- end generated -->'; " + REGENERATE)
          .hasSize(2);
    }
  }

  @Test
  void theSchemaNamesEveryRegisteredDriverAndTheirOptions() throws IOException {
    String schema = read(SCHEMA);

    assertThat(schema).contains("\"options-button\": {\"type\": \"object\", "
        + "\"additionalProperties\": false")
        .contains("\"debounce\": {\"$ref\": \"#/$defs/duration\", \"default\": \"20ms\"")
        .contains("\"frequency\": {\"type\": \"integer\", \"minimum\": 24, \"maximum\": 1526, "
            + "\"default\": 50");
  }

  private static void regenerateIfAsked(Path file, String shipped, String generated)
      throws IOException {
    if (Boolean.getBoolean("streetsense.regenerate") && !shipped.equals(generated)) {
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
