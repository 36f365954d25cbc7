package org.streetsense.gateway.app;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The scripted scenarios {@code streetsense rig} can play, written in kebab-case everywhere (the
 * command line, its help and the docs): {@code crowd}, {@code vandalised-button},
 * {@code unplugged-sensor}, {@code unplugged-output}.
 */
public enum ScenarioName {
  /** Thirty seconds of a crowd: passers-by, hands on the touch electrodes, button presses. */
  CROWD("crowd"),
  /** The buttons are jammed down past their stuck time, then freed. */
  VANDALISED_BUTTON("vandalised-button"),
  /** An I2C sensor is pulled off the bus for fifteen seconds, then plugged back. */
  UNPLUGGED_SENSOR("unplugged-sensor"),
  /** A PCA9685 output chip is pulled off the bus for fifteen seconds, then plugged back. */
  UNPLUGGED_OUTPUT("unplugged-output");

  private final String wireName;

  ScenarioName(String wireName) {
    this.wireName = wireName;
  }

  /** The name as written on the command line. */
  public String wireName() {
    return wireName;
  }

  @Override
  public String toString() {
    return wireName;
  }

  /** Every name, in order. */
  public static List<String> names() {
    return Arrays.stream(values()).map(ScenarioName::wireName).toList();
  }

  /**
   * The scenario named {@code text} exactly as written (kebab-case).
   *
   * @throws IllegalArgumentException naming the known scenarios
   */
  public static ScenarioName parse(String text) {
    for (ScenarioName n : values()) {
      if (n.wireName.equals(text)) {
        return n;
      }
    }
    String hint = text.toLowerCase(Locale.ROOT).replace('_', '-');
    String suggestion = names().contains(hint) && !hint.equals(text) ? " (did you mean '" + hint + "'?)" : "";
    throw new IllegalArgumentException("unknown scenario '" + text + "'" + suggestion + "; choose one of "
        + String.join(", ", names()));
  }
}
