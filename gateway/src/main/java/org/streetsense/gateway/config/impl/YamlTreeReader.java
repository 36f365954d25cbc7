package org.streetsense.gateway.config.impl;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Builds a {@link YamlNode} tree from Jackson's YAML token stream, keeping the line and column of
 * every key and value. Syntax errors become problems with the parser's position.
 *
 * <p>Every input is bounded, so no file can exhaust the heap or the stack: a tree holds at most
 * {@link #MAX_NODES} nodes and {@link #MAX_DEPTH} levels, a value at most
 * {@link #MAX_SCALAR_CHARS} characters and a key at most {@link #MAX_KEY_CHARS}. Whatever is
 * beyond a bound is reported as a problem at its position and skipped without recursion. The
 * whole file is bounded before it gets here ({@code InstallationLoader.MAX_FILE_BYTES}).
 */
public final class YamlTreeReader {

  /** Deepest nesting of maps and lists; an installation file needs 6. */
  public static final int MAX_DEPTH = 32;
  /** Most keys, values and items in one file; a large installation has about 2,000. */
  public static final int MAX_NODES = 10_000;
  /** Longest value, in characters. */
  public static final int MAX_SCALAR_CHARS = 8 * 1024;
  /** Longest key, in characters. */
  public static final int MAX_KEY_CHARS = 128;
  /** Paths longer than this are cut in errors (keeps each node's memory small). */
  private static final int MAX_PATH_CHARS = 200;

  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  private final Problems problems;
  private int nodes;

  /** Ends the read when the file has more than MAX_NODES nodes (reported before it is thrown). */
  private static final class TooManyNodes extends RuntimeException {
    TooManyNodes() {
      super(null, null, false, false);
    }
  }

  public YamlTreeReader(Problems problems) {
    this.problems = problems;
  }

  /**
   * Reads one YAML document.
   *
   * @return the root node, or null when the text is not readable YAML (problems say why)
   * @throws IOException when reading {@code source} fails (not for syntax errors)
   */
  public YamlNode read(Reader source) throws IOException {
    try (YAMLParser parser = FACTORY.createParser(source)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(1, 1, "", "the file is empty; an installation file is a YAML map");
        return null;
      }
      YamlNode root = value(parser, first, "", 0);
      JsonToken next = parser.nextToken();
      if (next != null) {
        JsonLocation at = parser.currentTokenLocation();
        problems.add(at.getLineNr(), at.getColumnNr(), "",
            "a second YAML document starts here; an installation file holds exactly one");
        return null;
      }
      return root;
    } catch (TooManyNodes e) {
      return null;
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof MarkedYAMLException) {
        syntax((MarkedYAMLException) e.getCause());
        return null;
      }
      JsonLocation at = e.getLocation();
      int line = at == null ? 1 : Math.max(1, at.getLineNr());
      int column = at == null ? 1 : Math.max(1, at.getColumnNr());
      problems.add(line, column, "", "YAML syntax error: " + firstLine(e.getOriginalMessage()));
      return null;
    }
  }

  private void syntax(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    int line = mark == null ? 1 : mark.getLine() + 1;
    int column = mark == null ? 1 : mark.getColumn() + 1;
    StringBuilder message = new StringBuilder("YAML syntax error: ");
    message.append(e.getProblem() == null ? "unreadable YAML" : firstLine(e.getProblem()));
    if (e.getContext() != null && e.getContextMark() != null) {
      message.append(" (").append(firstLine(e.getContext())).append(" that starts on line ")
          .append(e.getContextMark().getLine() + 1).append(")");
    }
    message.append("; check the indentation and the ':' after each key");
    problems.add(line, column, "", message.toString());
  }

  private YamlNode value(YAMLParser parser, JsonToken token, String path, int depth)
      throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    if (++nodes > MAX_NODES) {
      problems.add(line, column, path, "the file has more than " + MAX_NODES
          + " keys, values and items; an installation file is far smaller, so it is not read on");
      throw new TooManyNodes();
    }
    if (parser.isCurrentAlias()) {
      problems.add(line, column, path,
          "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
    }
    boolean nested = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
    if (nested && depth >= MAX_DEPTH) {
      problems.add(line, column, path, "nested deeper than " + MAX_DEPTH
          + " levels of maps and lists; an installation file needs far fewer");
      parser.skipChildren();
      return new YamlScalar(path, line, column, YamlScalar.Type.NULL, "");
    }
    switch (token) {
      case START_OBJECT:
        return map(parser, path, line, column, depth + 1);
      case START_ARRAY:
        return list(parser, path, line, column, depth + 1);
      case VALUE_STRING:
      case VALUE_EMBEDDED_OBJECT:
        return scalar(parser, path, line, column, YamlScalar.Type.STRING);
      case VALUE_NUMBER_INT:
        return scalar(parser, path, line, column, YamlScalar.Type.INTEGER);
      case VALUE_NUMBER_FLOAT:
        return scalar(parser, path, line, column, YamlScalar.Type.FLOAT);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return scalar(parser, path, line, column, YamlScalar.Type.BOOLEAN);
      default:
        return scalar(parser, path, line, column, YamlScalar.Type.NULL);
    }
  }

  private YamlScalar scalar(
      YAMLParser parser, String path, int line, int column, YamlScalar.Type type)
      throws IOException {
    String text = type == YamlScalar.Type.NULL ? "" : parser.getText();
    if (text.length() > MAX_SCALAR_CHARS) {
      problems.add(line, column, path, "a value of " + text.length() + " characters; at most "
          + MAX_SCALAR_CHARS + " are allowed");
      text = text.substring(0, MAX_SCALAR_CHARS);
    }
    int lone = unpairedSurrogate(text);
    if (lone >= 0) {
      problems.add(line, column, path, unpaired(text, lone, "value"));
    }
    return new YamlScalar(path, line, column, type, text);
  }

  /**
   * The index of the first UTF-16 surrogate in {@code s} that is not half of a pair (an escape
   * such as {@code "\uD800"} written alone), or -1. Such a value is not Unicode text: published,
   * it would reach a backend as {@code ?}.
   */
  static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String unpaired(String s, int at, String what) {
    return String.format(java.util.Locale.ROOT, "a %s with an unpaired surrogate (\\u%04X at "
        + "character %d) is not Unicode text; write the character itself, or a character outside "
        + "the Basic Multilingual Plane as one \\U escape", what, (int) s.charAt(at), at + 1);
  }

  private YamlMap map(YAMLParser parser, String path, int line, int column, int depth)
      throws IOException {
    Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
      String key = parser.currentName();
      JsonLocation keyAt = parser.currentTokenLocation();
      if (key.length() > MAX_KEY_CHARS) {
        problems.add(keyAt.getLineNr(), keyAt.getColumnNr(), path, "a key of " + key.length()
            + " characters; keys are at most " + MAX_KEY_CHARS);
        key = key.substring(0, MAX_KEY_CHARS);
      }
      int lone = unpairedSurrogate(key);
      if (lone >= 0) {
        problems.add(keyAt.getLineNr(), keyAt.getColumnNr(), path, unpaired(key, lone, "key"));
      }
      String childPath = childPath(path, key);
      YamlNode child = value(parser, parser.nextToken(), childPath, depth);
      YamlMap.Entry previous = entries.get(key);
      if (previous != null) {
        problems.add(keyAt.getLineNr(), keyAt.getColumnNr(), childPath,
            "duplicate key '" + key + "'; it is already set on line " + previous.keyLine());
        continue;
      }
      entries.put(key, new YamlMap.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), child));
    }
    return new YamlMap(path, line, column, entries);
  }

  private YamlList list(YAMLParser parser, String path, int line, int column, int depth)
      throws IOException {
    List<YamlNode> items = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      items.add(value(parser, token, cut(path + "[" + items.size() + "]"), depth));
    }
    return new YamlList(path, line, column, items);
  }

  private static String childPath(String path, String key) {
    return cut(path.isEmpty() ? key : path + "." + key);
  }

  /** Keeps the end of a long path, where the offending key is. */
  private static String cut(String path) {
    return path.length() <= MAX_PATH_CHARS ? path
        : "..." + path.substring(path.length() - MAX_PATH_CHARS + 3);
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unreadable YAML";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
  }
}
