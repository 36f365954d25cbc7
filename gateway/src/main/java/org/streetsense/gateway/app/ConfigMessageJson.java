package org.streetsense.gateway.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.streetsense.gateway.uplink.contract.JsonRefusals;

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
   * The object a message's bytes hold: refused when they are not UTF-8; a leading byte-order
   * mark is skipped.
   *
   * @throws Refused when the bytes are not UTF-8 or their text is refused by {@link #read(String)}
   */
  static JsonObject read(byte[] payload) throws Refused {
    String notUtf8 = JsonRefusals.notUtf8(payload);
    if (notUtf8 != null) {
      throw new Refused(notUtf8);
    }
    String text = new String(payload, StandardCharsets.UTF_8);
    // a byte-order mark some editors write first is not content
    return read(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

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
          throw new Refused("not JSON: unexpected end of input" + JsonRefusals.at(p.currentLocation()));
        } else if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        }
      }
      JsonLocation end = p.currentLocation();
      String after = "not JSON: content after the " + (object ? "object" : "value")
          + " (which ends" + JsonRefusals.at(end) + ")";
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
    String duplicate = JsonRefusals.duplicateField(e);
    return duplicate != null ? duplicate
        : JsonRefusals.notJson(e, FACTORY.streamReadConstraints());
  }
}
