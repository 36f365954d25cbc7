package org.streetsense.gateway.uplink.contract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Why an inbound JSON message (a command, a {@code config/set}) was refused, in plain words:
 * what jackson-core's parser complained of, never its class or feature names, with where it
 * stopped ({@code at column C}, or {@code at line L, column C} past the first line). The one
 * wording of these refusals for every inbound message (docs/interaction.md, docs/mqtt-contract.md).
 * Stateless.
 */
public final class JsonRefusals {

  /** Longest field name repeated in a refusal. */
  private static final int MAX_NAME = 40;

  /** Longest parser wording repeated in a refusal. */
  private static final int MAX_WORDING = 160;

  private JsonRefusals() {}

  /**
   * The refusal of a field given twice ({@code duplicate field 'op'; give each field once}), or
   * null when {@code e} is about something else. Parsers must have duplicate detection on.
   */
  public static String duplicateField(JsonProcessingException e) {
    String original = String.valueOf(e.getOriginalMessage());
    if (!original.startsWith("Duplicate field '") || !original.endsWith("'")) {
      return null;
    }
    String name = original.substring("Duplicate field '".length(), original.length() - 1);
    return "duplicate field '" + shown(name) + "'; give each field once";
  }

  /** Why the text is not JSON ({@code not JSON: ...}), for any other complaint of the parser. */
  public static String notJson(JsonProcessingException e, StreamReadConstraints limits) {
    String original = String.valueOf(e.getOriginalMessage());
    if (e instanceof StreamConstraintsException) {
      if (original.contains("nesting depth")) {
        return "not JSON: nested deeper than " + limits.getMaxNestingDepth() + " levels";
      }
      if (original.startsWith("Number value length")) {
        return "not JSON: a number longer than " + limits.getMaxNumberLength() + " characters"
            + at(e.getLocation());
      }
      return "not JSON: a value is too large" + at(e.getLocation());
    }
    if (e instanceof JsonEOFException || original.startsWith("Unexpected end-of-input")) {
      return "not JSON: unexpected end of input" + at(e.getLocation());
    }
    if (original.startsWith("Non-standard token '") || original.contains("NON_NUMERIC")) {
      return "not JSON: NaN and Infinity are not JSON numbers" + at(e.getLocation());
    }
    if (original.contains("ALLOW_COMMENTS")) {
      return "not JSON: comments are not JSON" + at(e.getLocation());
    }
    return "not JSON: " + plain(original) + at(e.getLocation());
  }

  /**
   * Why {@code bytes} are not UTF-8 ({@code not JSON: invalid UTF-8 at byte N}, 1-based), or
   * null when they are. Stricter than the parser, which takes a surrogate encoded on its own (the
   * bytes {@code ED A0 80}) as a character.
   */
  public static String notUtf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      return "not JSON: invalid UTF-8 at byte " + (in.position() + 1);
    }
    return null;
  }

  /** " at column C" or " at line L, column C" (1-based), or nothing when unknown. */
  public static String at(JsonLocation where) {
    if (where == null || where.getColumnNr() < 1) {
      return "";
    }
    return where.getLineNr() > 1
        ? " at line " + where.getLineNr() + ", column " + where.getColumnNr()
        : " at column " + where.getColumnNr();
  }

  /** A name as shown in a refusal: printable ASCII only, at most {@value #MAX_NAME} characters. */
  public static String shown(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7E]", "?");
    return printable.length() > MAX_NAME ? printable.substring(0, MAX_NAME) + "..." : printable;
  }

  /**
   * The parser's wording up to any advice on enabling a parser feature (which names library
   * classes) or the source quote, first letter lower case, at most {@value #MAX_WORDING}
   * characters.
   */
  private static String plain(String original) {
    String s = original
        .replaceAll("\\(\\(CTRL-CHAR, code \\d+\\)\\)", "(a control character)")
        .replaceAll(" \\(code \\d+[^)]*\\)\\)", ")")
        .replaceAll(" \\(code \\d+[^)]*\\)", "")
        .replace("was expecting double-quote to start field name",
            "a field name must be in double quotes")
        .replace("expected a valid value (JSON String, Number, Array, Object or token 'null', "
            + "'true' or 'false')", "expected a JSON value")
        .replace("was expecting (JSON String, Number, Array, Object or token 'null', 'true' or "
            + "'false')", "expected a JSON value");
    for (String cut : new String[] {"enable `", "`", "\n", " at [Source", "[Source"}) {
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
}
