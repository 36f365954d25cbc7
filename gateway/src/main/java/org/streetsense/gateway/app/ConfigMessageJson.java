package org.streetsense.gateway.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;

/**
 * Reads the JSON of a {@code config/set} message strictly: a field given twice at any depth, a
 * syntax error, NaN or Infinity, nesting deeper than the parser's limit, or anything after the
 * object is refused with a detail in plain words (docs/mqtt-contract.md, "Configuration
 * result"), never with a library's class or feature names. A field given twice is refused rather
 * than read last-wins, so that nothing between the backend and the gateway that reads the first
 * one sees another version, digest or file than the gateway.
 *
 * <p>The text is first read token by token with jackson-core (duplicate detection on; no
 * jackson-databind), without recursion; only text that passed is then built into a
 * {@link JsonObject}. Stateless and thread-safe; the caller bounds the text's size.
 */
final class ConfigMessageJson {

  /** Longest field name repeated in a detail. */
  private static final int MAX_SHOWN = 64;

  /** Longest parser wording repeated in a detail. */
  private static final int MAX_WORDING = 160;

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** The message is refused as {@code malformed}; {@link #getMessage()} is the detail. */
  static final class Refused extends Exception {
    Refused(String detail) {
      super(detail, null, false, false);
    }
  }

  private ConfigMessageJson() {}

  /**
   * The object {@code text} holds.
   *
   * @throws Refused when the text is not JSON, holds a field twice or is JSON but not an object
   */
  static JsonObject read(String text) throws Refused {
    boolean object;
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken root = p.nextToken();
      if (root == null) {
        throw new Refused("not JSON: the message holds only white space");
      }
      object = root == JsonToken.START_OBJECT;
      int depth = root.isStructStart() ? 1 : 0;
      while (depth > 0) {
        JsonToken t = p.nextToken();
        if (t == null) {
          throw new Refused("not JSON: unexpected end of input" + at(p.currentLocation()));
        } else if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        }
      }
      JsonLocation end = p.currentLocation();
      String after = "not JSON: content after the " + (object ? "object" : "value")
          + " (which ends" + at(end) + ")";
      try {
        if (p.nextToken() != null) {
          throw new Refused(after);
        }
      } catch (StreamConstraintsException e) {
        throw e;
      } catch (JsonProcessingException e) {
        throw new Refused(after);
      }
    } catch (JsonProcessingException e) {
      throw new Refused(describe(e));
    } catch (IOException e) {
      throw new Refused("not JSON");
    }
    if (!object) {
      throw new Refused("not a JSON object");
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new Refused("not JSON"); // the strict read above accepted it; not expected
    }
  }

  /** The parser's complaint in plain words. */
  private static String describe(JsonProcessingException e) {
    String original = String.valueOf(e.getOriginalMessage());
    if (original.startsWith("Duplicate field '")) {
      String name = original.substring("Duplicate field '".length(), original.length() - 1);
      return "duplicate field '" + shorten(name) + "'; give each field once";
    }
    if (e instanceof StreamConstraintsException) {
      if (original.contains("nesting depth")) {
        return "not JSON: nested deeper than "
            + FACTORY.streamReadConstraints().getMaxNestingDepth() + " levels";
      }
      if (original.startsWith("Number value length")) {
        return "not JSON: a number longer than "
            + FACTORY.streamReadConstraints().getMaxNumberLength() + " characters" + at(e.getLocation());
      }
      return "not JSON: a value is too large" + at(e.getLocation());
    }
    if (e instanceof JsonEOFException) {
      return "not JSON: unexpected end of input" + at(e.getLocation());
    }
    if (original.startsWith("Non-standard token '")) {
      return "not JSON: NaN and Infinity are not JSON numbers" + at(e.getLocation());
    }
    return "not JSON: " + plain(original) + at(e.getLocation());
  }

  /**
   * The parser's wording up to any advice on enabling a parser feature (which names library
   * classes), its first letter lower case, at most {@link #MAX_WORDING} characters.
   */
  private static String plain(String original) {
    String s = original;
    for (String cut : new String[] {"enable `", "`", "\n"}) {
      int i = s.indexOf(cut);
      if (i >= 0) {
        s = s.substring(0, i);
      }
    }
    s = s.strip();
    while (!s.isEmpty() && ":;,(".indexOf(s.charAt(s.length() - 1)) >= 0) {
      s = s.substring(0, s.length() - 1).strip();
    }
    if (s.isEmpty()) {
      return "invalid syntax";
    }
    s = Character.toLowerCase(s.charAt(0)) + s.substring(1);
    return s.length() > MAX_WORDING ? s.substring(0, MAX_WORDING) + "..." : s;
  }

  private static String shorten(String s) {
    return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s;
  }

  /** " at column C" or " at line L, column C" (1-based), or nothing when unknown. */
  private static String at(JsonLocation where) {
    if (where == null || where.getColumnNr() < 1) {
      return "";
    }
    return where.getLineNr() > 1
        ? " at line " + where.getLineNr() + ", column " + where.getColumnNr()
        : " at column " + where.getColumnNr();
  }
}
