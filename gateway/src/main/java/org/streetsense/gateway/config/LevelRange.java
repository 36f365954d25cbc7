package org.streetsense.gateway.config;

/**
 * The levels a command may ask an actuator for, inclusive.
 *
 * @param min lowest level
 * @param max highest level, >= {@code min}
 */
public record LevelRange(double min, double max) {

  public LevelRange {
    if (!(min <= max)) {
      throw new IllegalArgumentException("range min must be <= max, was " + min + ".." + max);
    }
  }

  public boolean contains(double value) {
    return value >= min && value <= max;
  }
}
