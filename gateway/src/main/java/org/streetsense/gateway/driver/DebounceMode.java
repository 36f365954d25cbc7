package org.streetsense.gateway.driver;

import java.util.Locale;

/**
 * How an {@link EdgeDebouncer} filters contact bounce (docs/drivers.md, "Debounce").
 *
 * <ul>
 *   <li>{@link #LEADING}: the first edge that changes the level is reported at once, stamped with
 *       its own time; further edges are ignored for the window (lockout). At the end of the
 *       window a level that differs from the reported one (the contact was released within the
 *       window) is reported then. For buttons and touch plates: the answer is immediate.
 *   <li>{@link #TRAILING}: a level counts once it has been stable for the window, stamped with
 *       the time of its last edge. Filters glitches shorter than the window entirely, at the cost
 *       of the window's delay. For noisy PIR outputs and long cables.
 * </ul>
 */
public enum DebounceMode {
  LEADING,
  TRAILING;

  /** The file's spelling: {@code leading}, {@code trailing}. */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The {@code debounce_mode} option ({@code debounceMode} in the installation file), or
   * {@code otherwise} when it is absent.
   *
   * @throws IllegalArgumentException naming the device, the key and the accepted values
   */
  public static DebounceMode option(DeviceOptions o, DebounceMode otherwise) {
    if (!o.has("debounce_mode")) {
      return otherwise;
    }
    try {
      return parse(o.stringValue("debounce_mode", otherwise.spelling()));
    } catch (IllegalArgumentException e) {
      throw o.error("debounce_mode", e.getMessage());
    }
  }

  /**
   * Parses the file's spelling (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static DebounceMode parse(String s) {
    for (DebounceMode m : values()) {
      if (m.spelling().equalsIgnoreCase(s.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("must be leading or trailing, was '" + s + "'");
  }
}
