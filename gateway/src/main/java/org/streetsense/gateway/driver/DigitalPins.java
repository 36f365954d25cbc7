package org.streetsense.gateway.driver;

import java.time.Duration;
import org.streetsense.gateway.hardware.DigitalInputOptions;
import org.streetsense.gateway.hardware.PullResistance;

/** Parses the common digital input keys {@code pin} and {@code pull} ("up", "down", "off"). */
public final class DigitalPins {

  private DigitalPins() {}

  public static DigitalInputOptions input(DeviceOptions o, String defaultPull) {
    String pull = o.stringValue("pull", defaultPull);
    PullResistance p =
        switch (pull) {
          case "up" -> PullResistance.PULL_UP;
          case "down" -> PullResistance.PULL_DOWN;
          case "off" -> PullResistance.OFF;
          default -> throw o.error("pull", "must be \"up\", \"down\" or \"off\", was \"" + pull + "\"");
        };
    return new DigitalInputOptions(o.intValue("pin"), p, Duration.ZERO);
  }
}
