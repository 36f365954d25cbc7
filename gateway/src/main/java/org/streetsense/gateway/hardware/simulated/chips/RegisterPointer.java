package org.streetsense.gateway.hardware.simulated.chips;

/**
 * The register pointer of a register-map I2C chip: the first byte of a write transaction sets it,
 * each further byte written or read moves it on (when the chip auto-increments).
 */
final class RegisterPointer {

  private final int size;
  private int value;

  RegisterPointer(int size) {
    this.size = size;
  }

  int get() {
    return value;
  }

  void set(int register) {
    value = Math.floorMod(register, size);
  }

  /** Returns the current register and advances (wrapping at the register map size). */
  int next() {
    int r = value;
    value = (value + 1) % size;
    return r;
  }
}
