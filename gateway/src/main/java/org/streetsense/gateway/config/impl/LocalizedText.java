package org.streetsense.gateway.config.impl;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.streetsense.gateway.config.Identity;

/**
 * A text for the public page given once or per language: {@code label: Air temperature} or
 * {@code label: {sk: Teplota vzduchu, en: Air temperature}}. A plain text is keyed by {@link
 * #DEFAULT_LANGUAGE} and stands for the installation's first language.
 */
final class LocalizedText {

  /** The key of a text given without a language. */
  static final String DEFAULT_LANGUAGE = "";

  private LocalizedText() {}

  /**
   * The texts under {@code node}, by language; problems (a language that is not one of {@code
   * allowed}, an empty text) are reported at their line. Null when {@code node} is null.
   */
  static Map<String, String> read(YamlNode node, Problems problems, Collection<String> allowed,
      String what) {
    if (node == null) {
      return null;
    }
    Map<String, String> texts = new LinkedHashMap<>();
    if (node instanceof YamlMap map) {
      if (map.entries().isEmpty()) {
        problems.at(node, what + " must not be empty; give a text or one per language, e.g. "
            + "{sk: ..., en: ...}");
      }
      for (Map.Entry<String, YamlMap.Entry> e : map.entries().entrySet()) {
        String lang = e.getKey();
        YamlNode value = e.getValue().value();
        if (!allowed.contains(lang)) {
          problems.atKey(map, lang, "'" + lang + "' is not one of the languages allowed here; "
              + Suggestions.didYouMean(lang, allowed) + "allowed: " + String.join(", ", allowed));
          continue;
        }
        String text = nonEmpty(value, problems, what);
        if (text != null) {
          texts.put(lang, text);
        }
      }
      return texts;
    }
    String text = nonEmpty(node, problems, what);
    if (text != null) {
      texts.put(DEFAULT_LANGUAGE, text);
    }
    return texts;
  }

  /** Languages a label may name: those with built-in page texts. */
  static Collection<String> builtIn() {
    return Identity.BUILT_IN_LANGUAGES;
  }

  private static String nonEmpty(YamlNode node, Problems problems, String what) {
    String text = Values.text(node, problems);
    if (text != null && text.isBlank()) {
      problems.at(node, what + " must not be blank");
      return null;
    }
    return text == null ? null : text.strip();
  }
}
