package org.streetsense.gateway.config;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request rate limit written {@code N/s}, {@code N/min} or {@code N/h}, e.g. {@code 60/min}.
 *
 * @param requests requests allowed per {@code per}, at least 1
 * @param per the period
 */
public record RateLimit(int requests, Duration per) {

  /** Shown in messages when a limit cannot be read. */
  public static final String EXPECTED = "requests per period like 60/min, 5/s or 1000/h";

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*/\\s*(s|min|h)");

  public RateLimit {
    Objects.requireNonNull(per, "per");
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be >= 1, was " + requests);
    }
  }

  /**
   * Parses {@code 60/min} style text.
   *
   * @throws IllegalArgumentException naming the text and the accepted form
   */
  public static RateLimit parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
    if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
      throw new IllegalArgumentException("'" + text + "' is not a rate limit; use " + EXPECTED);
    }
    Duration per = m.group(2).equals("s") ? Duration.ofSeconds(1)
        : m.group(2).equals("min") ? Duration.ofMinutes(1) : Duration.ofHours(1);
    return new RateLimit(Integer.parseInt(m.group(1)), per);
  }
}
