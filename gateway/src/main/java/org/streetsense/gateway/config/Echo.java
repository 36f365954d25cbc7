package org.streetsense.gateway.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes text from an installation file safe to print: every message that echoes a value, key,
 * path or file name goes through here, so a value can neither forge a line of {@code validate}
 * output or of a log (control characters are shown escaped) nor flood it (long echoes are cut).
 * Stateless and thread-safe.
 */
public final class Echo {

  /** Longest value shown between quotes in a message; longer ones are cut with their length. */
  public static final int MAX_QUOTED_CHARS = 60;
  /** Longest message, path or file name printed; the rest is cut with a marker. */
  public static final int MAX_CHARS = 1000;

  /** A quoted value longer than {@link #MAX_QUOTED_CHARS}; possessive, so linear time. */
  private static final Pattern LONG_QUOTE =
      // a quote opens after a non-letter and closes before one, so the prose between two short
      // quoted ids ('a' and 'b') or an apostrophe (a fixture's) is never taken for a value
      Pattern.compile("(?<![\\p{Alnum}])'([^'\\n]{" + (MAX_QUOTED_CHARS + 1)
          + ",}+)'(?![\\p{Alnum}])");

  private Echo() {}

  /**
   * {@code text} with control characters escaped ({@code \n}, {@code \r}, {@code \t},
   * {@code \\u001b} ...), including the Unicode line and paragraph separators, and cut to
   * {@link #MAX_CHARS}. Null becomes {@code "null"}.
   */
  public static String line(String text) {
    return cut(escape(text), MAX_CHARS);
  }

  /**
   * A message for one line of output: quoted values ({@code 'like this'}) longer than
   * {@link #MAX_QUOTED_CHARS} are shortened and tagged with their length, then the whole is
   * escaped as {@link #line}.
   */
  public static String message(String text) {
    if (text == null) {
      return "null";
    }
    String shortened = text;
    if (text.length() > MAX_QUOTED_CHARS) {
      Matcher m = LONG_QUOTE.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String quoted = m.group(1);
        m.appendReplacement(out, Matcher.quoteReplacement("'" + quoted.substring(0, 40)
            + "...' (" + quoted.length() + " characters)"));
      }
      m.appendTail(out);
      shortened = out.toString();
    }
    return line(shortened);
  }

  /** {@code value} between single quotes, escaped and cut to {@link #MAX_QUOTED_CHARS}. */
  public static String quote(String value) {
    String escaped = escape(value);
    if (escaped.length() > MAX_QUOTED_CHARS) {
      return "'" + escaped.substring(0, 40) + "...' (" + (value == null ? 0 : value.length())
          + " characters)";
    }
    return "'" + escaped + "'";
  }

  private static String escape(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = replacement(c);
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static String replacement(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
            || Character.getType(c) == Character.FORMAT) {
          return String.format("\\u%04x", (int) c);
        }
        return null;
    }
  }

  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + "... (" + text.length() + " characters in all)";
  }
}
