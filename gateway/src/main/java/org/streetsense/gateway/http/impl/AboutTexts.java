package org.streetsense.gateway.http.impl;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Boilerplate of the citizens' page in one language, from the resource bundle {@code
 * org/streetsense/gateway/http/impl/about_<lang>.properties} (UTF-8), or from the installation
 * file's {@code pageTexts} for a language without a bundle (the loader requires every key then).
 * Immutable.
 */
final class AboutTexts {

  static final String BASE = "org.streetsense.gateway.http.impl.about";

  private final ResourceBundle bundle;
  private final Locale locale;

  private AboutTexts(ResourceBundle bundle, Locale locale) {
    this.bundle = bundle;
    this.locale = locale;
  }

  /** Texts for language tag {@code lang}, or English ones if there is no bundle for it. */
  static AboutTexts forLanguage(String lang) {
    Locale locale = Locale.forLanguageTag(lang);
    ResourceBundle.Control control =
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    try {
      return new AboutTexts(ResourceBundle.getBundle(BASE, locale, control), locale);
    } catch (MissingResourceException e) {
      return new AboutTexts(ResourceBundle.getBundle(BASE, Locale.ENGLISH, control), locale);
    }
  }

  /**
   * Texts for {@code lang}: the installation file's own ({@code pageTexts}) when it gives them for
   * that language, else the built-in bundle as {@link #forLanguage}.
   */
  static AboutTexts of(String lang, Map<String, Map<String, String>> fileTexts) {
    Map<String, String> given = fileTexts.get(lang);
    if (given == null) {
      return forLanguage(lang);
    }
    ResourceBundle bundle = new ResourceBundle() {
      @Override
      protected Object handleGetObject(String key) {
        return given.get(key);
      }

      @Override
      public Enumeration<String> getKeys() {
        return Collections.enumeration(given.keySet());
      }
    };
    return new AboutTexts(bundle, Locale.forLanguageTag(lang));
  }

  /** The text under {@code key}, with {@code args} formatted in by {@link MessageFormat}. */
  String get(String key, Object... args) {
    String pattern = bundle.getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }

  /** A retention period in words: whole days when at least a day, else whole hours. */
  String period(Duration d) {
    long days = d.toDays();
    return days >= 1 ? get("period.days", days) : get("period.hours", Math.max(1, d.toHours()));
  }
}
