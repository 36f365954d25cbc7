package org.streetsense.gateway.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses size strings of installation files into bytes: a whole number with an optional unit
 * {@code B}, {@code KB}, {@code MB}, {@code GB} (binary multiples: 1KB = 1024 bytes), for example
 * {@code 64KB}, {@code 512MB}, {@code 2GB}. Units are case-insensitive; {@code KiB} style is
 * accepted too.
 */
public final class ByteSizes {

  /** Shown in messages when a size cannot be read. */
  public static final String EXPECTED = "a whole number with a unit B, KB, MB or GB, e.g. 64KB, 512MB, 2GB";

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,15})\\s*([kmg]i?)?b?");

  private ByteSizes() {}

  /**
   * Parses {@code text} into a number of bytes.
   *
   * @throws IllegalArgumentException naming the text and the accepted form when it is not a size
   *     or does not fit in a long
   */
  public static long parse(String text) {
    String normal = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Matcher m = FORMAT.matcher(normal);
    if (normal.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size; use " + EXPECTED);
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).substring(0, 1);
    int shift = unit.equals("k") ? 10 : unit.equals("m") ? 20 : unit.equals("g") ? 30 : 0;
    if (amount > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return amount << shift;
  }
}
