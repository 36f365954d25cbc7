package org.streetsense.gateway.hardware.simulated;

import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * A tiny register-map chip for tests: read-only id 0x42 at 0xD0, a control register at 0x10, a
 * 16-bit measurement at 0x20-0x21 computed lazily from {@link #measurement}, a write-only command
 * register at 0x30 (0xB6 resets), read-only constant 0x99 at 0x31.
 */
class TestSensorChip extends RegisterMapChip {

  static final int CTRL = 0x10;
  static final int DATA = 0x20;
  static final int CMD = 0x30;
  static final int CONSTANT = 0x31;
  static final int ID = 0xD0;

  volatile int measurement;
  int resets;

  TestSensorChip() {
    readOnly(DATA, DATA + 1);
    readOnly(CONSTANT, CONSTANT);
    readOnly(ID, ID);
    writeOnly(CMD, CMD);
  }

  @Override
  protected void powerOnDefaults() {
    store(ID, 0x42);
    store(CONSTANT, 0x99);
  }

  @Override
  protected void onRegisterWrite(int register, int value) throws HardwareIoException {
    if (register == CMD && value == 0xB6) {
      resets++;
      onPowerUp();
      return;
    }
    super.onRegisterWrite(register, value);
  }

  @Override
  protected int registerValue(int register) throws HardwareIoException {
    if (register == DATA) {
      return (measurement >> 8) & 0xFF;
    }
    if (register == DATA + 1) {
      return measurement & 0xFF;
    }
    return super.registerValue(register);
  }
}
