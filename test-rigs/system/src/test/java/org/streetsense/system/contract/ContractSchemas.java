package org.streetsense.system.contract;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.streetsense.rigs.ProjectPaths;

/**
 * The JSON Schemas of docs/schemas, one per message type of the MQTT contract, and which topic
 * carries which type. Validation is JSON Schema draft 2020-12 with Vert.x's validator
 * (docs/decisions/0281-json-schema-validation-with-vertx-json-schema.md).
 */
final class ContractSchemas {

  /** Every schema file in docs/schemas, by file name without {@code .json}. */
  static final List<String> NAMES = List.of("reading", "event", "gap", "gateway-state",
      "actuator-state", "command", "command-result", "config-set", "config-result");

  private static final String BASE = "https://streetsense.org/schemas/v1/";

  private ContractSchemas() {}

  static Path file(String name) {
    return ProjectPaths.root().resolve("docs/schemas/" + name + ".json");
  }

  /**
   * The schema of a topic of contract version 1, or empty when the contract has none for it.
   * {@code streetsense/v1/<installation>/state} is the gateway's state; below it,
   * {@code <device>/<kind>} or, for actuators, {@code <device>[/<channel>]/<kind>}.
   */
  static Optional<String> forTopic(String topic) {
    String[] levels = topic.split("/", -1);
    if (levels.length < 4 || !levels[0].equals("streetsense") || !levels[1].equals("v1")) {
      return Optional.empty();
    }
    String kind = levels[levels.length - 1];
    if (levels.length == 4) {
      return kind.equals("state") ? Optional.of("gateway-state") : Optional.empty();
    }
    if (levels.length == 5 && levels[3].equals("config")) {
      // the configuration topics (no device may be named config)
      switch (kind) {
        case "set": return Optional.of("config-set");
        case "result": return Optional.of("config-result");
        default: return Optional.empty();
      }
    }
    if (levels.length == 5) {
      switch (kind) {
        case "reading": return Optional.of("reading");
        case "event": return Optional.of("event");
        case "gap": return Optional.of("gap");
        default: break;
      }
    }
    if (levels.length == 5 || levels.length == 6) {
      switch (kind) {
        case "state": return Optional.of("actuator-state");
        case "command": return Optional.of("command");
        case "result": return Optional.of("command-result");
        default: break;
      }
    }
    return Optional.empty();
  }

  /** The problems of {@code payload} against schema {@code name}; empty when it is valid. */
  static List<String> problems(String name, byte[] payload) {
    Object instance = Json.decodeValue(new String(payload, StandardCharsets.UTF_8));
    OutputUnit out = validator(name).validate(instance);
    if (Boolean.TRUE.equals(out.getValid())) {
      return List.of();
    }
    List<OutputUnit> errors = out.getErrors() == null ? List.of(out) : out.getErrors();
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getError())
        .collect(Collectors.toList());
  }

  /** The values a schema's top-level {@code property} may take ({@code enum}), in file order. */
  static List<String> enumOf(String name, String property) {
    return read(name).getJsonObject("properties").getJsonObject(property).getJsonArray("enum")
        .stream().map(String::valueOf).collect(Collectors.toList());
  }

  private static JsonObject read(String name) {
    try {
      return new JsonObject(Files.readString(file(name), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schema " + file(name), e);
    }
  }

  private static Validator validator(String name) {
    JsonObject schema = read(name);
    return Validator.create(JsonSchema.of(schema), new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012).setBaseUri(BASE).setOutputFormat(OutputFormat.Basic));
  }
}
