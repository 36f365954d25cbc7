package org.streetsense.gateway.http.impl;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of time query parameters, with errors that name the parameter. */
final class TimeParams {

  private static final Pattern DIGITS = Pattern.compile("-?\\d{1,15}");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})([smhd])");

  private TimeParams() {}

  /**
   * An instant given as ISO-8601 ({@code 2026-11-27T10:00:00Z}, {@code 2026-11-27T11:00+01:00})
   * or as Unix epoch milliseconds ({@code 1764237600000}).
   *
   * @throws BadParameterException naming {@code name} if neither, or outside the years 1970 to
   *     9999
   */
  static Instant instant(String name, String text) {
    String t = text.strip();
    Instant instant;
    if (DIGITS.matcher(t).matches()) {
      instant = Instant.ofEpochMilli(Long.parseLong(t));
    } else {
      try {
        instant = OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        throw new BadParameterException(name, "'" + name + "' must be an ISO-8601 time with an "
            + "offset (for example 2026-11-27T10:00:00Z) or Unix milliseconds, was '"
            + shorten(text) + "'");
      }
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new BadParameterException(name, "'" + name + "' must be within the years 1970 to "
          + "9999, was '" + shorten(text) + "'");
    }
    return instant;
  }

  /** Earliest instant a time parameter may name: 1970-01-01T00:00:00Z. */
  static final Instant EARLIEST = Instant.EPOCH;
  /** Latest instant a time parameter may name: 9999-12-31T23:59:59.999Z. */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  /**
   * A positive duration given as {@code 30s}, {@code 15m}, {@code 1h}, {@code 7d} or ISO-8601
   * ({@code PT1H}).
   *
   * @throws BadParameterException naming {@code name} if malformed or not positive
   */
  static Duration duration(String name, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Duration d;
    Matcher m = SHORT_DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } else {
      try {
        d = Duration.parse(text.strip());
      } catch (DateTimeParseException e) {
        throw new BadParameterException(name, "'" + name + "' must be a duration such as 15m, "
            + "1h, 7d or PT1H, was '" + shorten(text) + "'");
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new BadParameterException(name, "'" + name + "' must be positive, was '"
          + shorten(text) + "'");
    }
    return d;
  }

  /** Human form of a duration for messages: {@code 7d}, {@code 1h}, {@code PT1M30S}. */
  static String human(Duration d) {
    if (d.toSeconds() % 86_400 == 0) {
      return d.toDays() + "d";
    }
    if (d.toSeconds() % 3_600 == 0) {
      return d.toHours() + "h";
    }
    if (d.toSeconds() % 60 == 0) {
      return d.toMinutes() + "m";
    }
    return d.toString();
  }

  static String shorten(String text) {
    String clean = text.replaceAll("[\\p{Cntrl}]", "?");
    return clean.length() <= 40 ? clean : clean.substring(0, 40) + "...";
  }
}
