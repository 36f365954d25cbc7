package org.streetsense.gateway.driver.button;

import java.time.Duration;
import org.streetsense.gateway.driver.DebounceMode;
import org.streetsense.gateway.driver.DeviceOptions;

/**
 * Button timing. Installation keys: {@code debounce_ms} (20), {@code debounce_mode}
 * ({@code leading}: the press is reported at its first edge; {@code trailing}: once the contact
 * has been stable for the window), {@code hold_ms} (800),
 * {@code double_press_ms} (400), {@code stuck_after_ms} (30000), {@code active_low} (true: a
 * button to GND with the pull-up),
 * {@code pull} ("up"), {@code pin} (required), {@code channel} ("button").
 *
 * @param debounce the debounce window: the lockout after a reported edge (leading) or how long
 *     the level must be stable to count (trailing)
 * @param debounceMode leading (default) or trailing
 * @param hold how long a press lasts before {@code hold} is reported
 * @param doublePress longest time between two presses that makes a {@code double_press}
 * @param stuckAfter how long a press lasts before the button is reported {@code stuck}: far
 *     beyond any human press (a jammed or vandalised button); longer than {@code hold}
 */
public record ButtonOptions(
    Duration debounce, Duration hold, Duration doublePress, boolean activeLow, String channel,
    Duration stuckAfter, DebounceMode debounceMode) {

  /** The default time after which a press is reported stuck. */
  public static final Duration DEFAULT_STUCK_AFTER = Duration.ofSeconds(30);

  public ButtonOptions {
    java.util.Objects.requireNonNull(debounceMode, "debounceMode");
    if (hold.compareTo(debounce) <= 0) {
      throw new IllegalArgumentException(
          "button hold " + hold + " must be longer than debounce " + debounce);
    }
    if (stuckAfter.compareTo(hold) <= 0) {
      throw new IllegalArgumentException(
          "button stuckAfter " + stuckAfter + " must be longer than hold " + hold);
    }
  }

  public static ButtonOptions from(DeviceOptions o) {
    return new ButtonOptions(
        o.durationValue("debounce_ms", Duration.ofMillis(20)),
        o.durationValue("hold_ms", Duration.ofMillis(800)),
        o.durationValue("double_press_ms", Duration.ofMillis(400)),
        o.booleanValue("active_low", true),
        o.stringValue("channel", "button"),
        o.durationValue("stuck_after_ms", DEFAULT_STUCK_AFTER),
        DebounceMode.option(o, DebounceMode.LEADING));
  }

}
