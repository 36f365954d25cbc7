package org.streetsense.gateway.config.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small shared checks and conversions used by the section readers. */
public final class Checks {

  /** Ids of installations, devices and boards: lowercase slug, at most 64 characters. */
  public static final String SLUG = "[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?";

  private Checks() {}

  /** Reads a slug under {@code key}; {@code what} is "the installation id", "a device id"... */
  public static String slug(Fields fields, String key, String what, String example) {
    YamlNode node = fields.required(key, what + ", a lowercase slug like " + example);
    if (node == null) {
      return null;
    }
    String text = Values.text(node, fields.problems());
    if (text != null && !text.matches(SLUG)) {
      fields.problems().at(node, "'" + text + "' is not a valid id; use lowercase letters, digits "
          + "and '-', not at the start or end, at most 64 characters (e.g. " + example + ")");
      return null;
    }
    return text;
  }

  /** A number in {@code min..max} under {@code key}, {@code what} names it ("a latitude"). */
  public static Double number(Fields fields, String key, double min, double max, String what,
      Double fallback) {
    YamlNode node = fields.node(key);
    if (node == null) {
      return fallback;
    }
    Double value = Values.number(node, fields.problems());
    if (value != null && (value < min || value > max)) {
      fields.problems().at(node, plain(value) + " is not " + what + "; allowed " + plain(min)
          + ".." + plain(max));
      return null;
    }
    return value;
  }

  /** A number without a trailing ".0" when whole. */
  public static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value) : Double.toString(value);
  }

  /** Reports {@code key} as not applicable when present: "{key} is not used by {why}". */
  public static void forbid(Fields fields, String key, String why) {
    YamlMap map = fields.map();
    if (map.has(key)) {
      fields.problems().atKey(map, key, key + " is not used " + why + "; remove it");
    }
  }

  /** Converts a node into plain Java values (String, Long, Double, Boolean, List, Map, null). */
  public static Object plainValue(YamlNode node) {
    if (node instanceof YamlMap) {
      Map<String, Object> map = new LinkedHashMap<>();
      ((YamlMap) node).entries().forEach((k, e) -> map.put(k, plainValue(e.value())));
      return Collections.unmodifiableMap(map);
    }
    if (node instanceof YamlList) {
      List<Object> list = new ArrayList<>();
      ((YamlList) node).items().forEach(item -> list.add(plainValue(item)));
      return Collections.unmodifiableList(list);
    }
    YamlScalar scalar = (YamlScalar) node;
    switch (scalar.type()) {
      case INTEGER:
        Long whole = Values.parseInteger(scalar);
        return whole != null ? (Object) whole : scalar.text();
      case FLOAT:
        try {
          return Double.parseDouble(scalar.text());
        } catch (NumberFormatException e) {
          return scalar.text();
        }
      case BOOLEAN:
        String t = scalar.text().toLowerCase(java.util.Locale.ROOT);
        return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y");
      case NULL:
        return null;
      default:
        return scalar.text();
    }
  }
}
