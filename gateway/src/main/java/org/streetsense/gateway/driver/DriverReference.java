package org.streetsense.gateway.driver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.streetsense.gateway.driver.spec.ChannelStyle;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;

/**
 * Generates, from the {@link DriverRegistry}, the parts of the shipped reference that describe
 * drivers: the driver and options part of config/schema/installation.schema.json (the
 * {@code $defs} entries from {@code driverName} to the end) and the driver tables of
 * docs/drivers.md and docs/configuration.md (between {@code <!-- generated: ... -->} and {@code <!-- end generated -->}
 * markers). Tests compare the shipped files with what this generates; {@link #main} rewrites
 * them.
 */
public final class DriverReference {

  /** Where the generated part of the schema starts. */
  static final String SCHEMA_START = ",\n    \"driverName\": ";
  private static final String SCHEMA_END = "\n  }\n}\n";
  private static final String BEGIN = "<!-- generated: ";
  private static final String END = "<!-- end generated -->";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DriverReference() {}

  /**
   * Rewrites the schema and the driver docs under the repository root {@code args[0]} (default
   * {@code .}): {@code java -cp gateway/target/streetsense.jar
   * org.streetsense.gateway.driver.DriverReference .}
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    rewrite(root.resolve("config/schema/installation.schema.json"), DriverReference::schema);
    rewrite(root.resolve("docs/drivers.md"), DriverReference::docs);
    rewrite(root.resolve("docs/configuration.md"), DriverReference::docs);
  }

  private static void rewrite(Path file, java.util.function.UnaryOperator<String> generator)
      throws IOException {
    String shipped = Files.readString(file, StandardCharsets.UTF_8);
    String generated = generator.apply(shipped);
    if (!generated.equals(shipped)) {
      Files.writeString(file, generated, StandardCharsets.UTF_8);
      System.out.println("rewrote " + file);
    } else {
      System.out.println(file + " is up to date");
    }
  }

  // ---------------------------------------------------------------- JSON Schema

  /** The schema text {@code shipped} with its generated driver part replaced. */
  public static String schema(String shipped) {
    int start = shipped.indexOf(SCHEMA_START);
    String hand = start >= 0 ? shipped.substring(0, start)
        : shipped.substring(0, shipped.lastIndexOf(SCHEMA_END));
    return hand + generatedSchema() + SCHEMA_END;
  }

  private static String generatedSchema() {
    StringBuilder out = new StringBuilder();
    ObjectNode name = JSON.createObjectNode();
    ArrayNode names = name.putArray("enum");
    DriverRegistry.names().forEach(names::add);
    name.put("description", "The driver that runs the device; docs/drivers.md. Generated from "
        + "the driver descriptors (DriverReference).");
    out.append(SCHEMA_START).append(compact(name));
    out.append(",\n    \"driverOptions\": {\"allOf\": [");
    List<DriverDescriptor> all = DriverRegistry.all();
    for (int i = 0; i < all.size(); i++) {
      DriverDescriptor d = all.get(i);
      out.append(i == 0 ? "\n" : ",\n").append("      {\"if\": {\"required\": [\"driver\"], "
          + "\"properties\": {\"driver\": {\"const\": \"").append(d.configName())
          .append("\"}}}, \"then\": {\"required\": ").append(compact(required(d)))
          .append(", \"properties\": {\"options\": {\"$ref\": \"#/$defs/")
          .append(optionsDef(d)).append("\"}}}}");
    }
    out.append("\n    ]}");
    for (DriverDescriptor d : all) {
      out.append(",\n    \"").append(optionsDef(d)).append("\": {\"type\": \"object\", "
          + "\"additionalProperties\": false, \"properties\": {");
      for (int i = 0; i < d.options().size(); i++) {
        OptionSpec o = d.options().get(i);
        out.append(i == 0 ? "\n" : ",\n").append("      \"").append(o.key()).append("\": ")
            .append(compact(optionSchema(o)));
      }
      out.append(d.options().isEmpty() ? "}}" : "\n    }}");
    }
    return out.toString();
  }

  /** The connection keys a device of {@code d} must have. */
  private static ArrayNode required(DriverDescriptor d) {
    ArrayNode keys = JSON.createArrayNode();
    switch (d.kind()) {
      case GPIO_INPUT, GPIO_OUTPUT -> keys.add("pin");
      case I2C -> keys.add("address");
      case SPI -> keys.add("spi");
      case BOARD -> keys.add("board").add("pin");
      case SERIAL -> keys.add("port");
      default -> throw new IllegalStateException("unknown connection kind " + d.kind());
    }
    return keys;
  }

  private static String optionsDef(DriverDescriptor d) {
    return "options-" + d.configName();
  }

  private static ObjectNode optionSchema(OptionSpec o) {
    ObjectNode s = JSON.createObjectNode();
    switch (o.type()) {
      case BOOLEAN -> s.put("type", "boolean");
      case DURATION -> s.put("$ref", "#/$defs/duration");
      case CHOICE -> {
        ArrayNode e = s.putArray("enum");
        o.choices().forEach(e::add);
      }
      case INTEGER, GPIO_PIN, NUMBER -> {
        if (!o.choices().isEmpty()) {
          ArrayNode e = s.putArray("enum");
          o.choices().forEach(c -> {
            if (o.type() == OptionType.NUMBER) {
              e.add(Double.parseDouble(c));
            } else {
              e.add(Long.parseLong(c));
            }
          });
        } else {
          s.put("type", o.type() == OptionType.NUMBER ? "number" : "integer");
          o.min().ifPresent(m -> putNumber(s, "minimum", m));
          o.max().ifPresent(m -> putNumber(s, "maximum", m));
        }
      }
      default -> throw new IllegalStateException("unknown option type " + o.type());
    }
    o.defaultValue().ifPresent(v -> {
      if (v instanceof Boolean b) {
        s.put("default", b);
      } else if (v instanceof Long l) {
        s.put("default", l);
      } else if (v instanceof Double n) {
        putNumber(s, "default", n);
      } else if (v instanceof Duration) {
        s.put("default", o.defaultText());
      } else {
        s.put("default", v.toString());
      }
    });
    String unit = o.unit().isEmpty() ? "" : " (" + o.unit() + ")";
    String range = o.type() == OptionType.DURATION && !o.rangeText().isEmpty()
        ? "; allowed " + o.rangeText() : "";
    s.put("description", o.doc() + unit + range + ".");
    return s;
  }

  private static void putNumber(ObjectNode s, String key, double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      s.put(key, (long) value);
    } else {
      s.put(key, value);
    }
  }

  /** One line of JSON with a space after each colon and comma, like the hand-written schema. */
  static String compact(JsonNode node) {
    if (node.isObject()) {
      List<String> parts = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        parts.add(quote(f.getKey()) + ": " + compact(f.getValue()));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    if (node.isArray()) {
      List<String> parts = new ArrayList<>();
      node.forEach(n -> parts.add(compact(n)));
      return "[" + String.join(", ", parts) + "]";
    }
    return node.toString();
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- docs/drivers.md

  /**
   * The docs text {@code shipped} with every generated block replaced: {@code drivers} (the
   * overview table) and {@code options <driver>} (one per driver).
   *
   * @throws IllegalArgumentException a block is not closed, or names no known table
   */
  public static String docs(String shipped) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int begin = shipped.indexOf(BEGIN, at);
      if (begin < 0) {
        out.append(shipped.substring(at));
        return out.toString();
      }
      int headerEnd = shipped.indexOf("-->", begin);
      int end = shipped.indexOf(END, headerEnd);
      if (headerEnd < 0 || end < 0) {
        throw new IllegalArgumentException("generated block at offset " + begin
            + " is not closed with " + END);
      }
      String what = shipped.substring(begin + BEGIN.length(), headerEnd).strip();
      out.append(shipped, at, headerEnd + 3).append('\n').append(table(what));
      at = end;
      out.append(shipped, at, at + END.length());
      at += END.length();
    }
  }

  /** The names of the blocks docs/drivers.md must have: the overview and one per driver. */
  public static List<String> blocks() {
    List<String> out = new ArrayList<>();
    out.add("drivers");
    DriverRegistry.names().forEach(n -> out.add("options " + n));
    return out;
  }

  private static String table(String what) {
    if (what.equals("drivers")) {
      return overview();
    }
    if (what.startsWith("options ")) {
      String name = what.substring("options ".length());
      return options(DriverRegistry.find(name).orElseThrow(() -> new IllegalArgumentException(
          "generated block names driver '" + name + "', which is not registered")));
    }
    throw new IllegalArgumentException("unknown generated block '" + what + "'");
  }

  private static String overview() {
    StringBuilder t = new StringBuilder();
    t.append("| driver | what it is | connection | channels | sampling | output |\n");
    t.append("|---|---|---|---|---|---|\n");
    for (DriverDescriptor d : DriverRegistry.all()) {
      t.append("| `").append(d.configName()).append("` | ").append(d.summary()).append(" | ")
          .append(connection(d)).append(" | ").append(channels(d)).append(" | ")
          .append(sampling(d)).append(" | ").append(output(d)).append(" |\n");
    }
    return t.toString();
  }

  private static String connection(DriverDescriptor d) {
    String keys = "`" + d.kind().keys() + "`";
    return d.kind().label() + " " + keys
        + (d.addresses().isEmpty() ? "" : ", address " + d.addressText());
  }

  private static String channels(DriverDescriptor d) {
    return switch (d.channelStyle()) {
      case FIXED -> String.join(", ", d.fixedChannels().entrySet().stream()
          .map(e -> "`" + e.getKey() + "` (" + e.getValue() + ")").toList());
      case INDEXED -> "named in the file, `index` 0.." + (d.indexCount() - 1) + " ("
          + d.defaultUnit() + ")";
      case SINGLE -> "one, named in the file (" + d.defaultUnit() + ")";
      case NONE -> "none";
    };
  }

  private static String sampling(DriverDescriptor d) {
    if (d.isOutput()) {
      return "-";
    }
    String base = d.eventByDefault() ? "events"
        : "every " + OptionSpec.builder("x", OptionType.DURATION)
            .defaultValue(d.defaultPeriod().orElseThrow()).doc("x").build().defaultText();
    return base + (!d.eventByDefault() && d.isEventCapable() ? " (or `mode: event`)" : "");
  }

  private static String output(DriverDescriptor d) {
    return d.output().map(o -> o.capabilityText() + "; " + o.defaultRole() + "; "
        + (d.option("activeLow").isPresent()
            ? (o.activeLowByDefault() ? "active low" : "active high") + " by default; " : "")
        + (o.hasSafeState() ? "safe state " + o.defaultSafeState()
            : "no safeState (rests as its options say)")).orElse("-");
  }

  private static String options(DriverDescriptor d) {
    if (d.options().isEmpty()) {
      return "No options.\n";
    }
    StringBuilder t = new StringBuilder();
    t.append("| option | type | default | allowed | what it does |\n");
    t.append("|---|---|---|---|---|\n");
    for (OptionSpec o : d.options()) {
      String type = o.type().label() + (o.unit().isEmpty() ? "" : " (" + o.unit() + ")");
      t.append("| `").append(o.key()).append("` | ").append(type).append(" | ")
          .append(o.defaultText().isEmpty() ? "-" : "`" + o.defaultText() + "`").append(" | ")
          .append(o.rangeText().isEmpty() ? "-" : o.rangeText()).append(" | ")
          .append(o.doc()).append(" |\n");
    }
    d.rules().forEach(r -> t.append("\n`").append(r.larger()).append("` must be ")
        .append(d.option(r.larger()).orElseThrow().type() == OptionType.DURATION
            ? "longer" : "greater")
        .append(" than `").append(r.smaller()).append("`.\n"));
    return t.toString();
  }
}
