package org.streetsense.gateway.config;

/**
 * Presence detection with hysteresis on a channel's value. When {@code enter < leave} (a distance)
 * someone is present once the value drops to {@code enter} or below and gone once it rises to
 * {@code leave} or above; when {@code enter > leave} the other way round.
 *
 * @param enter threshold at which presence begins, in the channel's unit
 * @param leave threshold at which presence ends; differs from {@code enter}
 */
public record Presence(double enter, double leave) {

  public Presence {
    if (enter == leave) {
      throw new IllegalArgumentException("enter and leave must differ, both were " + enter);
    }
  }

  /** Whether presence means a value below the thresholds (a distance sensor). */
  public boolean presentWhenBelow() {
    return enter < leave;
  }
}
