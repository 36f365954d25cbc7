package org.streetsense.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who and where an installation is: the top-level keys of the file.
 *
 * @param installation installation id, a lowercase slug {@code [a-z0-9-]} used in MQTT topics
 * @param site human-readable place name
 * @param location coordinates, if published
 * @param description what the installation is, for the public page, by language code; a text
 *     given without a language is under the first language
 * @param operator who runs it
 * @param languages ISO 639-1 codes of the public page's languages, first is the default
 *     (default [en])
 * @param license SPDX licence id of the open data, for example {@code CC-BY-4.0}
 * @param attribution attribution text required by the licence
 * @param retention how long raw data is kept by the operator
 * @param publicUrl where people reach the citizens' page from the street (the printed sign's QR
 *     code leads there), an absolute http(s) URL
 * @param pageTexts the public page's texts for each listed language the gateway has no texts
 *     for, by language and text key (every key of the built-in bundles)
 */
public record Identity(
    String installation,
    String site,
    Optional<GeoLocation> location,
    Map<String, String> description,
    Optional<Operator> operator,
    List<String> languages,
    Optional<String> license,
    Optional<String> attribution,
    Optional<Duration> retention,
    Optional<URI> publicUrl,
    Map<String, Map<String, String>> pageTexts) {

  /** An identity whose languages all have built-in page texts. */
  public Identity(String installation, String site, Optional<GeoLocation> location,
      Map<String, String> description, Optional<Operator> operator, List<String> languages,
      Optional<String> license, Optional<String> attribution, Optional<Duration> retention,
      Optional<URI> publicUrl) {
    this(installation, site, location, description, operator, languages, license, attribution,
        retention, publicUrl, Map.of());
  }

  /** Languages the gateway has page texts for; {@code languages} must be among them. */
  public static final List<String> BUILT_IN_LANGUAGES = List.of("en", "sk");

  /** Base name of the built-in page text bundles ({@code about_<lang>.properties}). */
  public static final String PAGE_TEXT_BUNDLE = "org.streetsense.gateway.http.impl.about";

  public Identity {
    Objects.requireNonNull(installation, "installation");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(location, "location");
    description = Map.copyOf(description);
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(attribution, "attribution");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(publicUrl, "publicUrl");
    Map<String, Map<String, String>> texts = new java.util.LinkedHashMap<>();
    pageTexts.forEach((lang, byKey) -> texts.put(lang, Map.copyOf(byKey)));
    pageTexts = java.util.Collections.unmodifiableMap(texts);
    languages = List.copyOf(languages);
    if (!installation.matches("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")) {
      throw new IllegalArgumentException("installation must be a lowercase slug, was " + installation);
    }
  }
}
