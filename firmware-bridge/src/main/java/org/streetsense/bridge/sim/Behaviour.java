package org.streetsense.bridge.sim;

/** One protocol's firmware logic. All methods run on the board's own thread. */
interface Behaviour {

  /** Boot: forget configuration and announce the board. */
  void powerOn();

  void onBytes(byte[] bytes);

  /** A digital input changed (set by the test). */
  void inputChanged(int pin, boolean high);

  /** Stop periodic work (board closed). */
  void powerOff();
}
