package org.streetsense.gateway.actuator;

import java.util.Locale;
import java.util.Optional;

/** What a command asks an actuator to do. Wire names are lower case. */
public enum Operation {
  /** Go to {@code value} now. */
  SET,
  /** Full on (level 1). */
  ON,
  /** Off (level 0). */
  OFF,
  /** Go to {@code value} for {@code duration}, then back to the safe level. */
  PULSE,
  /** Move to {@code value} linearly over {@code duration}. */
  FADE,
  /** Return to the declared safe state. Always allowed for a known actuator. */
  SAFE,
  /**
   * Show {@code colour} (0..255 per colour channel), at once or faded over {@code duration}; the
   * level is unchanged. Only for actuators with colour channels ({@code ColourActuator}).
   */
  COLOR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; empty when unknown. */
  public static Optional<Operation> fromWire(String name) {
    for (Operation op : values()) {
      if (op.wireName().equals(name)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /** Whether the operation needs a {@code value}. */
  public boolean needsValue() {
    return this == SET || this == PULSE || this == FADE;
  }

  /** Whether the operation needs a {@code duration}. */
  public boolean needsDuration() {
    return this == PULSE || this == FADE;
  }
}
