package org.streetsense.gateway.http.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Picks a page language from an {@code Accept-Language} header (RFC 9110, section 12.5.4) among
 * the installation's languages. Ranges are tried by falling quality ({@code q}, default 1; equal
 * qualities in header order); {@code q=0} means "not acceptable", so such a language is never
 * picked because of its range or {@code *}. A range matches a language equal to it or beginning
 * with it and a hyphen ({@code sk} matches {@code sk-SK}); a range with a region also matches
 * its primary language ({@code de-AT} matches {@code de}). {@code *} matches the first listed
 * language not refused. Without a match, the first listed language not refused, else the first
 * listed language. At most {@value #MAX_RANGES} ranges are read; malformed ones are skipped.
 */
final class AcceptLanguage {

  static final int MAX_RANGES = 32;

  private record Range(String tag, double q, int order) {}

  private AcceptLanguage() {}

  /**
   * @param header the header value, may be null
   * @param languages the installation's languages, first is the default; not empty
   */
  static String choose(String header, List<String> languages) {
    List<Range> ranges = parse(header);
    List<String> refused = new ArrayList<>();
    for (Range r : ranges) {
      if (r.q() <= 0) {
        for (String lang : languages) {
          if (matches(r.tag(), lang, false)) {
            refused.add(lang);
          }
        }
      }
    }
    List<Range> wanted = new ArrayList<>(ranges.stream().filter(r -> r.q() > 0).toList());
    wanted.sort(Comparator.comparingDouble(Range::q).reversed()
        .thenComparingInt(Range::order));
    for (boolean primary : new boolean[] {false, true}) {
      for (Range r : wanted) {
        for (String lang : languages) {
          if (!refused.contains(lang) && matches(r.tag(), lang, primary)) {
            return lang;
          }
        }
      }
    }
    for (String lang : languages) {
      if (!refused.contains(lang)) {
        return lang;
      }
    }
    return languages.get(0);
  }

  private static boolean matches(String range, String lang, boolean primary) {
    String l = lang.toLowerCase(Locale.ROOT);
    if (range.equals("*")) {
      return true;
    }
    if (l.equals(range) || l.startsWith(range + "-")) {
      return true;
    }
    int dash = range.indexOf('-');
    return primary && dash > 0 && l.equals(range.substring(0, dash));
  }

  private static List<Range> parse(String header) {
    List<Range> out = new ArrayList<>();
    if (header == null) {
      return out;
    }
    String[] parts = header.split(",", MAX_RANGES + 1);
    for (int i = 0; i < Math.min(parts.length, MAX_RANGES); i++) {
      String[] fields = parts[i].split(";");
      String tag = fields[0].strip().toLowerCase(Locale.ROOT);
      if (tag.isEmpty() || !tag.matches("\\*|[a-z]{1,8}(-[a-z0-9]{1,8})*")) {
        continue;
      }
      double q = 1;
      boolean valid = true;
      for (int f = 1; f < fields.length; f++) {
        String param = fields[f].strip();
        if (param.regionMatches(true, 0, "q=", 0, 2)) {
          String value = param.substring(2).strip();
          if (value.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?")) {
            q = Double.parseDouble(value);
          } else {
            valid = false;
          }
        }
      }
      if (valid) {
        out.add(new Range(tag, q, i));
      }
    }
    return out;
  }
}
