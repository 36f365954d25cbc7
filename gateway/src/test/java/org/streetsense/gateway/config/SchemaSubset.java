package org.streetsense.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a document against the subset of JSON Schema 2020-12 that installation.schema.json uses:
 * local $ref, type, enum, const, properties, additionalProperties, propertyNames, required, items,
 * oneOf/anyOf/allOf, if/then, pattern, minimum/maximum, minItems. Enough to prove the examples are described
 * by the schema without a schema library.
 */
final class SchemaSubset {

  private final JsonNode root;

  SchemaSubset(JsonNode root) {
    this.root = root;
  }

  /** Problems found, each prefixed with the document path; empty when the document conforms. */
  List<String> check(JsonNode document) {
    List<String> problems = new ArrayList<>();
    check(root, document, "$", problems);
    return problems;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      check(root.at(ref.substring(1)), value, path, problems);
    }
    if (schema.has("type") && !typeMatches(schema.get("type").asText(), value)) {
      problems.add(path + ": expected " + schema.get("type").asText() + ", found " + value);
      return;
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      problems.add(path + ": " + value + " not in " + schema.get("enum"));
    }
    if (schema.has("pattern") && value.isTextual()
        && !java.util.regex.Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
      problems.add(path + ": '" + value.asText() + "' does not match " + schema.get("pattern"));
    }
    if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
      problems.add(path + ": below minimum");
    }
    if (schema.has("maximum") && value.isNumber() && value.asDouble() > schema.get("maximum").asDouble()) {
      problems.add(path + ": above maximum");
    }
    if (schema.has("const") && !contains(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(schema.get("const")), value)) {
      problems.add(path + ": " + value + " is not " + schema.get("const"));
    }
    if (schema.has("if") && schema.has("then")) {
      List<String> trial = new ArrayList<>();
      check(schema.get("if"), value, path, trial);
      if (trial.isEmpty()) {
        check(schema.get("then"), value, path, problems);
      }
    }
    if (schema.has("allOf")) {
      schema.get("allOf").forEach(s -> check(s, value, path, problems));
    }
    if (schema.has("oneOf")) {
      long matching = count(schema.get("oneOf"), value, path);
      if (matching != 1) {
        problems.add(path + ": matches " + matching + " of oneOf, expected exactly 1");
      }
    }
    if (schema.has("anyOf") && count(schema.get("anyOf"), value, path) == 0) {
      problems.add(path + ": matches none of anyOf");
    }
    if (value.isObject()) {
      object(schema, value, path, problems);
    }
    if (value.isArray()) {
      if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
        problems.add(path + ": fewer than " + schema.get("minItems") + " items");
      }
      if (schema.has("items")) {
        for (int i = 0; i < value.size(); i++) {
          check(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
        }
      }
    }
  }

  private void object(JsonNode schema, JsonNode value, String path, List<String> problems) {
    if (schema.has("required")) {
      schema.get("required").forEach(r -> {
        if (!value.has(r.asText())) {
          problems.add(path + ": missing " + r.asText());
        }
      });
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String child = path + "." + field.getKey();
      JsonNode properties = schema.get("properties");
      if (schema.has("propertyNames") && !field.getKey().matches(
          schema.get("propertyNames").get("pattern").asText())) {
        problems.add(child + ": name does not match propertyNames");
      }
      if (properties != null && properties.has(field.getKey())) {
        check(properties.get(field.getKey()), field.getValue(), child, problems);
      } else if (schema.has("additionalProperties")) {
        JsonNode additional = schema.get("additionalProperties");
        if (additional.isBoolean() && !additional.asBoolean()) {
          problems.add(child + ": key not described by the schema");
        } else if (additional.isObject()) {
          check(additional, field.getValue(), child, problems);
        }
      }
    }
  }

  private long count(JsonNode alternatives, JsonNode value, String path) {
    long matching = 0;
    for (JsonNode alternative : alternatives) {
      List<String> trial = new ArrayList<>();
      check(alternative, value, path, trial);
      if (trial.isEmpty()) {
        matching++;
      }
    }
    return matching;
  }

  private static boolean contains(JsonNode options, JsonNode value) {
    for (JsonNode option : options) {
      if (option.equals(value) || option.isNumber() && value.isNumber()
          && option.asDouble() == value.asDouble()) {
        return true;
      }
    }
    return false;
  }

  private static boolean typeMatches(String type, JsonNode value) {
    switch (type) {
      case "object":
        return value.isObject();
      case "array":
        return value.isArray();
      case "string":
        return value.isTextual();
      case "integer":
        return value.isIntegralNumber();
      case "number":
        return value.isNumber();
      case "boolean":
        return value.isBoolean();
      default:
        return value.isNull();
    }
  }
}
