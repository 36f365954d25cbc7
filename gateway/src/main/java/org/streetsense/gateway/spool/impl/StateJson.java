package org.streetsense.gateway.spool.impl;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.streetsense.gateway.pipeline.Gap;

/**
 * The spool's small state files ({@code gaps/<sink>.json}, the sequence reservations, the gaps
 * kept for sinks to come) as JSON, through Vert.x's jackson-core codec: no object mapping, so
 * opening a spool loads no jackson-databind class (decision 0376). The layout is the one these
 * files always had: records as objects with their component names, in component order.
 *
 * <p>Reading fails with an {@link IOException} naming the file and what is wrong (not JSON, a
 * missing or mistyped field, a value the record refuses); callers treat it as they treat an
 * unreadable file. Stateless; any thread.
 */
final class StateJson {

  private StateJson() {}

  static JsonObject gap(Gap g) {
    return new JsonObject()
        .put("installation", g.installation())
        .put("device", g.device())
        .put("channel", g.channel())
        .put("firstSeq", g.firstSeq())
        .put("lastSeq", g.lastSeq())
        .put("count", g.count())
        .put("reason", g.reason())
        .put("fromMillis", g.fromMillis())
        .put("toMillis", g.toMillis());
  }

  static Gap gap(JsonObject o) {
    return new Gap(text(o, "installation"), text(o, "device"), text(o, "channel"),
        number(o, "firstSeq"), number(o, "lastSeq"), number(o, "count"), text(o, "reason"),
        number(o, "fromMillis"), number(o, "toMillis"));
  }

  /** A JSON array of objects, one per element. */
  static <T> String array(List<T> items, Function<T, JsonObject> toJson) {
    JsonArray a = new JsonArray();
    for (T item : items) {
      a.add(toJson.apply(item));
    }
    return a.encode();
  }

  /** Reads a JSON array of objects from {@code file}. */
  static <T> List<T> readArray(Path file, Function<JsonObject, T> fromJson) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      JsonArray a = new JsonArray(text);
      List<T> out = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        Object item = a.getValue(i);
        if (!(item instanceof JsonObject o)) {
          throw new IllegalArgumentException("element " + i + " is not an object");
        }
        out.add(fromJson.apply(o));
      }
      return out;
    } catch (DecodeException | IllegalArgumentException | NullPointerException
        | ClassCastException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** A JSON object of whole numbers. */
  static String numbers(Map<String, Long> values) {
    JsonObject o = new JsonObject();
    values.forEach(o::put);
    return o.encode();
  }

  /** Reads a JSON object of whole numbers from {@code file}. */
  static Map<String, Long> readNumbers(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      JsonObject o = new JsonObject(text);
      Map<String, Long> out = new HashMap<>();
      for (String key : o.fieldNames()) {
        out.put(key, number(o, key));
      }
      return out;
    } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  static String text(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("field '" + field + "' must be a string, was " + v);
  }

  static long number(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    throw new IllegalArgumentException("field '" + field + "' must be a whole number, was " + v);
  }
}
