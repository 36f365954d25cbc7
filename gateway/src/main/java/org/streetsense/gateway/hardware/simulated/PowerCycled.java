package org.streetsense.gateway.hardware.simulated;

/**
 * Implemented by chip models that have a power-on state. The simulated bus calls
 * {@link #onPowerUp()} when a device unplugged with {@link BusFault#unplugged()} is plugged back,
 * just as a real chip loses its configuration when its supply is cut.
 */
public interface PowerCycled {

  /** Returns the chip to its power-on state. Called with the bus serialised. */
  void onPowerUp();
}
