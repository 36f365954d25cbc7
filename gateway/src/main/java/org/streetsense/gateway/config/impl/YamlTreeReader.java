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
 */
public final class YamlTreeReader {

  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  private final Problems problems;

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
      YamlNode root = value(parser, first, "");
      JsonToken next = parser.nextToken();
      if (next != null) {
        JsonLocation at = parser.currentTokenLocation();
        problems.add(at.getLineNr(), at.getColumnNr(), "",
            "a second YAML document starts here; an installation file holds exactly one");
        return null;
      }
      return root;
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

  private YamlNode value(YAMLParser parser, JsonToken token, String path) throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    if (parser.isCurrentAlias()) {
      problems.add(line, column, path,
          "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
    }
    switch (token) {
      case START_OBJECT:
        return map(parser, path, line, column);
      case START_ARRAY:
        return list(parser, path, line, column);
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

  private static YamlScalar scalar(
      YAMLParser parser, String path, int line, int column, YamlScalar.Type type)
      throws IOException {
    String text = type == YamlScalar.Type.NULL ? "" : parser.getText();
    return new YamlScalar(path, line, column, type, text);
  }

  private YamlMap map(YAMLParser parser, String path, int line, int column) throws IOException {
    Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
      String key = parser.currentName();
      JsonLocation keyAt = parser.currentTokenLocation();
      String childPath = path.isEmpty() ? key : path + "." + key;
      YamlNode child = value(parser, parser.nextToken(), childPath);
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

  private YamlList list(YAMLParser parser, String path, int line, int column) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      items.add(value(parser, token, path + "[" + items.size() + "]"));
    }
    return new YamlList(path, line, column, items);
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
