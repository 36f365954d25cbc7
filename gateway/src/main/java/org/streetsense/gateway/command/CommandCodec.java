package org.streetsense.gateway.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.uplink.contract.JsonRefusals;

/**
 * The JSON form of commands and results on MQTT (see docs/mqtt-contract.md, "Commands").
 *
 * <p>A command payload is a flat object: {@code id} (required, 1..64 of {@code [A-Za-z0-9._:-]}),
 * {@code op} (required: set, on, off, pulse, fade, safe, color), {@code value} (number; with
 * set, pulse and fade only: on, off and safe refuse it as malformed),
 * {@code color} (with op color only: 3..5 integers 0..255, one per colour channel), {@code
 * duration_ms} (integer), {@code expires} (unix ms) or {@code ttl_ms} with {@code ts} (the
 * sender's send time, unix ms; the command expires at {@code ts + ttl_ms}, so time spent queued in
 * brokers counts), {@code correlation} (string). Anything else, and a field given twice, is
 * refused, naming the field. The duration's upper bound is the safety policy's
 * ({@code safety.maxDuration}), checked for every source in one place. Thread-safe.
 *
 * <p>Reads and writes with jackson-core's streaming parser and generator only, never
 * jackson-databind, so a gateway that takes commands does not load databind (issue 17, footprint).
 * The whole payload is read before any field is judged, as a tree reader would: a syntax error,
 * a field given twice (at any depth), nesting deeper than jackson-core's
 * {@code StreamReadConstraints} allow, or anything after the root value refuses the payload as
 * not JSON, whatever its fields say. Only the root object's fields and the elements of an array
 * directly in it are kept; deeper values are read (so they are checked) and dropped. Iterative:
 * no recursion, whatever the nesting.
 */
public final class CommandCodec {

  /** Larger payloads are refused before parsing. */
  public static final int MAX_PAYLOAD_BYTES = 4096;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Set<String> FIELDS =
      Set.of("id", "op", "value", "duration_ms", "expires", "ttl_ms", "ts", "correlation", "color");

  /** A sender's {@code ts} may be this far ahead of the gateway's clock (clocks differ a little). */
  public static final long MAX_TS_AHEAD_MILLIS = 60_000;
  /**
   * An expiry ({@code expires}, or {@code ts + ttl_ms}) at most this far ahead: the window in which
   * a recorded command can be replayed after the gateway forgot its id (a restart) stays bounded.
   */
  public static final long MAX_EXPIRY_AHEAD_MILLIS = 24 * 3_600_000L;

  /** The refusal of content after the root value (an object, or a value of another kind). */
  private static final String TRAILING = "Content after the %s";

  private final JsonFactory factory =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** A value kept by its kind only: null, or an object or array not worth keeping whole. */
  private enum Shape { OBJECT, ARRAY, NULL }

  /** The outcome of parsing: a command, or a refusal to send back. */
  public sealed interface Parsed permits Valid, Invalid {}

  public record Valid(Command command) implements Parsed {}

  public record Invalid(CommandResult result) implements Parsed {}

  /**
   * Parses a command addressed to {@code actuator} (from the topic).
   *
   * @param nowMillis wall-clock now, to turn {@code ttl_ms} into an expiry
   */
  public Parsed parse(byte[] payload, String actuator, CommandSource source, long nowMillis) {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      return invalid("", "", actuator, RejectReason.TOO_LARGE,
          "payload is " + payload.length + " bytes; at most " + MAX_PAYLOAD_BYTES + " allowed", nowMillis);
    }
    String notUtf8 = JsonRefusals.notUtf8(payload);
    if (notUtf8 != null) {
      return invalid("", "", actuator, RejectReason.MALFORMED, "payload is " + notUtf8, nowMillis);
    }
    Map<String, Object> root;
    try (JsonParser p = factory.createParser(payload)) {
      root = readRootObject(p);
    } catch (JsonProcessingException e) {
      String duplicate = JsonRefusals.duplicateField(e);
      return invalid("", "", actuator, RejectReason.MALFORMED, duplicate != null ? duplicate
          : "payload is " + JsonRefusals.notJson(e, factory.streamReadConstraints()), nowMillis);
    } catch (IOException e) {
      return invalid("", "", actuator, RejectReason.MALFORMED, "payload is not JSON", nowMillis);
    }
    if (root == null) {
      return invalid("", "", actuator, RejectReason.MALFORMED, "payload must be a JSON object", nowMillis);
    }
    String id = text(root, "id");
    String correlation = text(root, "correlation");
    String safeId = id != null && ID.matcher(id).matches() ? id : "";
    // only clean text is echoed: a strict JSON reader refuses a lone surrogate in a result
    String corr = correlation != null && correlation.length() <= 128 && cleanText(correlation)
        ? correlation : safeId;
    for (String f : root.keySet()) {
      if (!FIELDS.contains(f)) {
        return invalid(safeId, corr, actuator, RejectReason.MALFORMED, "unknown field '" + JsonRefusals.shown(f)
            + "'; allowed: color, correlation, duration_ms, expires, id, op, ts, ttl_ms, value", nowMillis);
      }
    }
    if (id == null) {
      return invalid("", corr, actuator, RejectReason.MALFORMED, "field 'id' is required and must be a string", nowMillis);
    }
    if (root.containsKey("correlation") && correlation == null) {
      return invalid(safeId, corr, actuator, RejectReason.MALFORMED,
          "field 'correlation' must be a string, was " + kind(root.get("correlation")), nowMillis);
    }
    if (safeId.isEmpty()) {
      return invalid("", corr, actuator, RejectReason.MALFORMED,
          "field 'id' must be 1..64 characters of A-Z a-z 0-9 . _ : -", nowMillis);
    }
    String opName = text(root, "op");
    if (opName == null) {
      return invalid(id, corr, actuator, RejectReason.MALFORMED, "field 'op' is required and must be a string", nowMillis);
    }
    Operation op = Operation.fromWire(opName).orElse(null);
    if (op == null) {
      return invalid(id, corr, actuator, RejectReason.MALFORMED, "field 'op': unknown operation '"
          + JsonRefusals.shown(opName) + "'; allowed: set, on, off, pulse, fade, safe, color", nowMillis);
    }
    java.util.List<Integer> colour = java.util.List.of();
    if (root.containsKey("color") != (op == Operation.COLOR)) {
      return invalid(id, corr, actuator, RejectReason.MALFORMED, op == Operation.COLOR
          ? "op 'color' needs field 'color': one integer 0..255 per colour channel, e.g. [255, 120, 0]"
          : "field 'color' is only used with op 'color'", nowMillis);
    }
    if (root.containsKey("color")) {
      if (!(root.get("color") instanceof List<?> c) || c.size() < 3 || c.size() > 5) {
        return invalid(id, corr, actuator, RejectReason.MALFORMED,
            "field 'color' must be a list of 3 to 5 integers 0..255 (red, green, blue, then white or amber)", nowMillis);
      }
      java.util.List<Integer> values = new java.util.ArrayList<>();
      for (Object v : c) {
        if (!isIntegral(v) || !fitsInt(v) || ((Number) v).intValue() < 0 || ((Number) v).intValue() > 255) {
          return invalid(id, corr, actuator, RejectReason.MALFORMED,
              "field 'color' must be a list of integers 0..255", nowMillis);
        }
        values.add(((Number) v).intValue());
      }
      colour = values;
    }
    if (op == Operation.COLOR && root.containsKey("value")) {
      return invalid(id, corr, actuator, RejectReason.MALFORMED,
          "field 'value' is not used with op 'color': the colour is in 'color'; send op 'set' for the level",
          nowMillis);
    }
    double value = Double.NaN;
    if (root.containsKey("value")) {
      Object v = root.get("value");
      if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        return invalid(id, corr, actuator, RejectReason.MALFORMED, "field 'value' must be a finite number, was "
            + (v instanceof Number ? "a number too large for a double" : kind(v)), nowMillis);
      }
      value = n.doubleValue();
    }
    if (root.containsKey("value") && (op == Operation.ON || op == Operation.OFF || op == Operation.SAFE)) {
      // a value the gateway would ignore is a sender's mistake ({"op":"on","value":0.5} meant set)
      return invalid(id, corr, actuator, RejectReason.MALFORMED, "field 'value' is not used with op '"
          + op.wireName() + "' (only set, pulse and fade take a value)", nowMillis);
    }
    long durationMs = 0;
    if (root.containsKey("duration_ms")) {
      Object d = root.get("duration_ms");
      if (!isIntegral(d) || !fitsLong(d) || ((Number) d).longValue() < 0) {
        return invalid(id, corr, actuator, RejectReason.MALFORMED,
            "field 'duration_ms' must be a whole number of milliseconds, 0 or more, written without a "
                + "fraction or exponent (1000, not 1e3 or 1000.0); the safety policy sets the longest allowed",
            nowMillis);
      }
      durationMs = ((Number) d).longValue();
      if (durationMs > 0 && (op == Operation.SET || op == Operation.ON || op == Operation.OFF
          || op == Operation.SAFE)) {
        // a duration the gateway would ignore is a sender's mistake (a set over time is a fade)
        return invalid(id, corr, actuator, RejectReason.MALFORMED, "field 'duration_ms' is not used "
            + "with op '" + op.wireName() + "' (only pulse, fade and color take a duration)", nowMillis);
      }
    }
    long expires = Long.MAX_VALUE;
    if (root.containsKey("expires") && root.containsKey("ttl_ms")) {
      return invalid(id, corr, actuator, RejectReason.MALFORMED, "give 'expires' or 'ttl_ms', not both", nowMillis);
    }
    if (root.containsKey("expires")) {
      Object e = root.get("expires");
      if (!isIntegral(e) || !fitsLong(e) || ((Number) e).longValue() <= 0) {
        return invalid(id, corr, actuator, RejectReason.MALFORMED, "field 'expires' must be unix milliseconds", nowMillis);
      }
      expires = ((Number) e).longValue();
    } else if (root.containsKey("ttl_ms")) {
      Object t = root.get("ttl_ms");
      if (!isIntegral(t) || !fitsLong(t) || ((Number) t).longValue() <= 0) {
        return invalid(id, corr, actuator, RejectReason.MALFORMED, "field 'ttl_ms' must be a positive integer", nowMillis);
      }
      Object sent = root.get("ts");
      if (!isIntegral(sent) || !fitsLong(sent) || ((Number) sent).longValue() <= 0) {
        return invalid(id, corr, actuator, RejectReason.MALFORMED, "field 'ttl_ms' counts from the sender's "
            + "send time: give 'ts' (unix ms) with it, or give 'expires'", nowMillis);
      }
      try {
        expires = Math.addExact(((Number) sent).longValue(), ((Number) t).longValue());
      } catch (ArithmeticException e) {
        return invalid(id, corr, actuator, RejectReason.MALFORMED, "'ts' + 'ttl_ms' is past the end of time", nowMillis);
      }
    }
    if (root.containsKey("ts") && !root.containsKey("ttl_ms")) {
      return invalid(id, corr, actuator, RejectReason.MALFORMED, "field 'ts' is only used with 'ttl_ms'", nowMillis);
    }
    if (root.containsKey("ts") && ((Number) root.get("ts")).longValue() - nowMillis > MAX_TS_AHEAD_MILLIS) {
      return invalid(id, corr, actuator, RejectReason.MALFORMED, "field 'ts' is "
          + (((Number) root.get("ts")).longValue() - nowMillis) / 1000 + " s ahead of the gateway's clock; at most "
          + MAX_TS_AHEAD_MILLIS / 1000 + " s is allowed", nowMillis);
    }
    if ((root.containsKey("expires") || root.containsKey("ttl_ms")) && expires - nowMillis > MAX_EXPIRY_AHEAD_MILLIS) {
      return invalid(id, corr, actuator, RejectReason.MALFORMED, "the command expires "
          + (expires - nowMillis) / 3_600_000 + " h from now; at most " + MAX_EXPIRY_AHEAD_MILLIS / 3_600_000
          + " h ahead is allowed (a command is a gesture: give a short ttl_ms)", nowMillis);
    }
    return new Valid(new Command(id, corr, actuator, op, value, Duration.ofMillis(durationMs), expires, source,
        colour));
  }

  /** Encodes a result as the flat JSON object published on the result topic. */
  public byte[] encode(CommandResult r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("ts", r.tsMillis());
      g.writeStringField("id", r.commandId());
      g.writeStringField("correlation", r.correlationId());
      g.writeStringField("actuator", r.actuator());
      g.writeStringField("status", r.status().wireName());
      if (r.reason() != null) {
        g.writeStringField("reason", r.reason().wireName());
      }
      if (!r.detail().isEmpty()) {
        g.writeStringField("detail", r.detail());
      }
      if (r.capped()) {
        g.writeNumberField("capped", r.cappedTo() + 0.0);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Encodes an actuator state as the retained flat JSON object on the actuator's state topic. */
  public byte[] encode(ActuatorState s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(120);
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("ts", s.tsMillis());
      g.writeStringField("actuator", s.actuator());
      g.writeNumberField("level", floatPrecision(s.level()));
      g.writeBooleanField("safe", s.safe());
      g.writeStringField("cause", s.cause());
      if (s.ramping()) {
        g.writeNumberField("target", floatPrecision(s.target()));
        g.writeNumberField("ramp_ms", s.rampMs());
      }
      if (s.coolDownUntilMillis() > 0) {
        g.writeNumberField("cool_down_until", s.coolDownUntilMillis());
      }
      if (!s.colour().isEmpty()) {
        g.writeArrayFieldStart("color");
        for (int c : s.colour()) {
          g.writeNumber(c);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A level rounded to float precision and written with the fewest digits that give that float
   * back: a value that arrived as an OSC float32 (0.3f is 0.30000001192092896 as a double) is
   * published as the sender wrote it ({@code 0.3}). About 7 significant digits, far finer than
   * any output's resolution (a PCA9685 has 4096 steps).
   */
  static double floatPrecision(double level) {
    float f = (float) level + 0.0f; // -0.0 is written as 0.0
    return Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : level;
  }

  /**
   * Reads the whole payload and returns the root object's fields in the order given, or null when
   * the payload is empty or its root is not an object. Fails as the tree reader did: on a syntax
   * error, a duplicate field or too deep a nesting (the parser's own checks), and on anything
   * after the root value. Values are {@link String}, {@link Boolean}, {@link Number} (Integer,
   * Long or BigInteger by size for whole numbers, else Double), {@link Shape#NULL}, a
   * {@code List} of such for an array, {@link Shape} for an object (and for a container inside
   * an array).
   */
  private static Map<String, Object> readRootObject(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      return null; // empty or only white space
    }
    Map<String, Object> fields = null;
    if (t == JsonToken.START_OBJECT) {
      fields = new LinkedHashMap<>();
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        JsonToken v = p.nextToken();
        fields.put(name, v == JsonToken.START_ARRAY ? readArray(p) : readValue(p, v));
      }
    } else {
      readValue(p, t);
    }
    String after = String.format(TRAILING, fields != null ? "object" : "value");
    JsonToken trailing;
    try {
      trailing = p.nextToken();
    } catch (StreamConstraintsException e) {
      throw e;
    } catch (JsonProcessingException e) {
      throw new JsonParseException(p, after); // not even a token: still content after the value
    }
    if (trailing != null) {
      throw new JsonParseException(p, after);
    }
    return fields;
  }

  /** Reads an array's elements, the parser being on its start; containers in it are kept as kinds. */
  private static List<Object> readArray(JsonParser p) throws IOException {
    List<Object> elements = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      elements.add(readValue(p, t));
    }
    return elements;
  }

  /**
   * Reads the value whose first token is {@code t}. A container is read to its end, each value
   * in it read as the tree reader read it (so the parser checks every string and number), then
   * dropped; only its kind is returned. Depth is tracked in a bit set, not on the stack: the
   * parser's nesting limit bounds it.
   */
  private static Object readValue(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      throw new JsonParseException(p, "Unexpected end-of-input"); // the parser reports it first
    }
    if (!t.isStructStart()) {
      return scalar(p, t);
    }
    Shape shape = t == JsonToken.START_OBJECT ? Shape.OBJECT : Shape.ARRAY;
    BitSet inObject = new BitSet();
    int depth = 0;
    inObject.set(depth, shape == Shape.OBJECT);
    while (depth >= 0) {
      JsonToken next;
      if (inObject.get(depth)) {
        next = p.nextFieldName() != null ? p.nextToken() : JsonToken.END_OBJECT;
      } else {
        next = p.nextToken();
      }
      if (next == null) {
        throw new JsonParseException(p, "Unexpected end-of-input"); // the parser reports it first
      } else if (next.isStructStart()) {
        inObject.set(++depth, next == JsonToken.START_OBJECT);
      } else if (next.isStructEnd()) {
        depth--;
      } else {
        scalar(p, next);
      }
    }
    return shape;
  }

  /** One scalar, read through the same parser calls the tree reader made. */
  private static Object scalar(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> p.getIntValue();
        case LONG -> p.getLongValue();
        default -> p.getBigIntegerValue();
      };
      case VALUE_NUMBER_FLOAT -> switch (p.getNumberTypeFP()) {
        case BIG_DECIMAL -> p.getDecimalValue();
        case FLOAT32 -> p.getFloatValue();
        default -> p.getDoubleValue();
      };
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> Shape.NULL;
      default -> throw new JsonParseException(p, "Unexpected token (" + t + ")");
    };
  }

  private static boolean isIntegral(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof BigInteger;
  }

  private static boolean fitsInt(Object v) {
    return v instanceof Integer
        || v instanceof Long l && l == l.intValue()
        || v instanceof BigInteger b && b.bitLength() < 32;
  }

  private static boolean fitsLong(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof BigInteger b && b.bitLength() < 64;
  }

  /** The JSON kind of a value that is not a number, as a refusal names it. */
  private static String kind(Object v) {
    if (v instanceof String) {
      return "string";
    } else if (v instanceof Boolean) {
      return "boolean";
    } else if (v instanceof List<?>) {
      return "array";
    } else if (v instanceof Number) {
      return "number";
    }
    return ((Shape) v).name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Whether {@code s} is text a strict JSON reader takes back and a log or a screen shows as it
   * is: no control character (U+0000..U+001F, U+007F..U+009F), no line or paragraph separator
   * (U+2028, U+2029) and no surrogate without its pair.
   */
  static boolean cleanText(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029
          || Character.isLowSurrogate(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  private static String text(Map<String, Object> root, String field) {
    return root.get(field) instanceof String s ? s : null;
  }

  private static Invalid invalid(String id, String corr, String actuator, RejectReason reason, String detail, long now) {
    return new Invalid(new CommandResult(id, corr, JsonRefusals.shown(actuator), CommandStatus.REJECTED, reason, detail, now));
  }
}
