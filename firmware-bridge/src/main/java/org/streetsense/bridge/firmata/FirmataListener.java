package org.streetsense.bridge.firmata;

/**
 * Values reported by a Firmata board. Runs on the link's reader thread; must not block.
 */
public interface FirmataListener {

  /** An analog channel's value (0..1023 on an Uno). Channel 0 is A0. */
  default void onAnalog(int channel, int value) {}

  /** A digital pin's level changed (or was reported for the first time). */
  default void onDigital(int pin, boolean high) {}
}
