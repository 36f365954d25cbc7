package org.streetsense.bridge.firmata;

import java.util.Map;

/**
 * What one pin supports, from the capability response: each mode with its resolution in bits
 * (e.g. ANALOG 10, PWM 8), and its analog channel if it has one (from the analog mapping).
 */
public record PinCapability(int pin, Map<PinMode, Integer> modes, int analogChannel) {

  public static final int NO_ANALOG_CHANNEL = -1;

  public PinCapability {
    modes = Map.copyOf(modes);
  }

  public boolean supports(PinMode mode) {
    return modes.containsKey(mode);
  }
}
