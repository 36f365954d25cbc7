package org.streetsense.gateway.config.impl;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.Optional;
import org.streetsense.gateway.config.GeoLocation;
import org.streetsense.gateway.config.Identity;
import org.streetsense.gateway.config.Operator;

/** Reads the identity keys at the top of the file (installation, site, location, ...). */
final class IdentityReader {

  /** Missing page texts named in one error; the rest are counted (a message stays readable). */
  private static final int MISSING_TEXTS_SHOWN = 20;

  private final Problems problems;
  /** The node of each listed language, to report a language without texts where it is listed. */
  private final Map<String, YamlNode> languageNodes = new LinkedHashMap<>();

  IdentityReader(Problems problems) {
    this.problems = problems;
  }

  Identity read(Fields f) {
    int mark = problems.mark();
    String installation = Checks.slug(f, "installation", "the installation id", "kosice-square");
    String site = f.requiredText("site", "a place name like 'Hlavná ulica, Košice'");
    Optional<GeoLocation> location = Optional.ofNullable(location(f.node("location")));
    Optional<Operator> operator = Optional.ofNullable(operator(f.node("operator")));
    List<String> languages = languages(f.node("languages"));
    Map<String, String> description = new LinkedHashMap<>();
    Map<String, String> given = LocalizedText.read(f.node("description"), problems, languages,
        "description");
    if (given != null) {
      given.forEach((lang, text) -> description.put(
          lang.equals(LocalizedText.DEFAULT_LANGUAGE) ? languages.get(0) : lang, text));
    }
    Optional<String> license = Optional.ofNullable(license(f));
    Optional<String> attribution = Optional.ofNullable(f.text("attribution", null));
    Optional<Duration> retention = Optional.ofNullable(
        f.duration("retention", null, Duration.ofDays(1), Duration.ofDays(36_500)));
    Optional<URI> publicUrl = Optional.ofNullable(publicUrl(f));
    Map<String, Map<String, String>> pageTexts = pageTexts(f.node("pageTexts"), languages);
    if (attribution.isPresent() && !f.has("license")) {
      problems.atKey(f.map(), "attribution", "attribution needs a license; add license, e.g. "
          + "CC-BY-4.0");
    }
    if (problems.since(mark)) {
      return null;
    }
    return new Identity(installation, site, location, description, operator, languages, license,
        attribution, retention, publicUrl, pageTexts);
  }

  private GeoLocation location(YamlNode node) {
    if (node == null) {
      return null;
    }
    Fields f = Fields.of(node, problems, "the location", "lat", "lon");
    if (f == null) {
      return null;
    }
    Double lat = f.required("lat", "latitude in decimal degrees, -90..90") == null ? null
        : Checks.number(f, "lat", -90, 90, "a latitude", null);
    Double lon = f.required("lon", "longitude in decimal degrees, -180..180") == null ? null
        : Checks.number(f, "lon", -180, 180, "a longitude", null);
    return lat == null || lon == null ? null : new GeoLocation(lat, lon);
  }

  private Operator operator(YamlNode node) {
    if (node == null) {
      return null;
    }
    if (node instanceof YamlScalar) {
      String name = Values.text(node, problems);
      return name == null ? null : new Operator(name, Optional.empty());
    }
    Fields f = Fields.of(node, problems, "the operator", "name", "contact");
    if (f == null) {
      return null;
    }
    String name = f.requiredText("name", "who runs the installation");
    String contact = f.text("contact", null);
    return name == null ? null : new Operator(name, Optional.ofNullable(contact));
  }

  private List<String> languages(YamlNode node) {
    if (node == null) {
      return List.of("en");
    }
    YamlList list = Values.list(node, problems, "e.g. [sk, en]");
    if (list == null) {
      return List.of();
    }
    List<String> languages = new ArrayList<>();
    for (YamlNode item : list.items()) {
      String code = Values.text(item, problems);
      if (code == null) {
        continue;
      }
      if (!code.matches("[a-z]{2}")) {
        problems.at(item, "'" + code + "' is not an ISO 639-1 language code; use two lowercase "
            + "letters like sk or en");
      } else if (languages.contains(code)) {
        problems.at(item, "language '" + code + "' is listed twice");
      } else {
        languages.add(code);
        languageNodes.put(code, item);
      }
    }
    if (list.items().isEmpty()) {
      problems.at(node, "languages must not be empty; e.g. [sk, en]");
    }
    return languages;
  }

  /**
   * {@code pageTexts}: every page text for each listed language without built-in texts. A listed
   * language with neither is reported where it is listed.
   */
  private Map<String, Map<String, String>> pageTexts(YamlNode node, List<String> languages) {
    Map<String, Map<String, String>> texts = new LinkedHashMap<>();
    Set<String> required = new TreeSet<>(ResourceBundle.getBundle(Identity.PAGE_TEXT_BUNDLE,
        Locale.ENGLISH, ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES)).keySet());
    if (node != null && !(node instanceof YamlMap)) {
      problems.at(node, "pageTexts must be a map of languages to texts, e.g. pageTexts: {hu: "
          + "{lang.name: Magyar, ...}}");
      node = null;
    }
    YamlMap map = (YamlMap) node;
    if (map != null) {
      for (Map.Entry<String, YamlMap.Entry> e : map.entries().entrySet()) {
        String lang = e.getKey();
        if (Identity.BUILT_IN_LANGUAGES.contains(lang)) {
          problems.atKey(map, lang, "'" + lang + "' has built-in texts; pageTexts is for the "
              + "other languages of the installation");
          continue;
        }
        if (!languages.contains(lang)) {
          problems.atKey(map, lang, "'" + lang + "' is not listed in languages; "
              + Suggestions.didYouMean(lang, languages) + "listed: " + String.join(", ", languages));
          continue;
        }
        YamlNode value = e.getValue().value();
        if (!(value instanceof YamlMap byKey)) {
          problems.at(value, "the texts of '" + lang + "' must be a map of text keys to texts");
          continue;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, YamlMap.Entry> t : byKey.entries().entrySet()) {
          if (!required.contains(t.getKey())) {
            problems.atKey(byKey, t.getKey(), "unknown page text '" + t.getKey() + "'"
                + Suggestions.hint(t.getKey(), required));
            continue;
          }
          String text = Values.text(t.getValue().value(), problems);
          if (text != null && text.isBlank()) {
            problems.at(t.getValue().value(), "page texts must not be blank");
          } else if (text != null) {
            given.put(t.getKey(), text);
          }
        }
        List<String> missing = required.stream().filter(k -> !byKey.has(k)).sorted().toList();
        if (!missing.isEmpty()) {
          int shown = Math.min(missing.size(), MISSING_TEXTS_SHOWN);
          problems.atKey(map, lang, "the texts of '" + lang + "' lack " + missing.size()
              + " of the " + required.size() + " page texts: "
              + String.join(", ", missing.subList(0, shown))
              + (shown < missing.size() ? ", and " + (missing.size() - shown)
                  + " more (every key: docs/configuration.md, pageTexts)" : ""));
        }
        texts.put(lang, given);
      }
    }
    for (String lang : languages) {
      if (!Identity.BUILT_IN_LANGUAGES.contains(lang) && (map == null || !map.has(lang))) {
        problems.at(languageNodes.get(lang), "the gateway has no texts in language '" + lang
            + "' for the public page; " + Suggestions.didYouMean(lang, Identity.BUILT_IN_LANGUAGES)
            + "built in: " + String.join(", ", Identity.BUILT_IN_LANGUAGES)
            + "; or give every text under pageTexts." + lang);
      }
    }
    return texts;
  }

  private URI publicUrl(Fields f) {
    String text = f.text("publicUrl", null);
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.at(f.node("publicUrl"), "'" + text + "' is not an http(s) URL; give the address "
        + "people open for this page, e.g. https://kosice.example.org/public/about");
    return null;
  }

  private String license(Fields f) {
    String license = f.text("license", null);
    if (license != null && !license.matches("[A-Za-z0-9][A-Za-z0-9.+-]*")) {
      problems.at(f.node("license"), "'" + license + "' is not an SPDX licence id; use e.g. "
          + "CC-BY-4.0, CC0-1.0 or ODbL-1.0");
      return null;
    }
    return license;
  }
}
