package org.streetsense.gateway.hardware.simulated;

import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * A chip model on the simulated I2C bus, seen at the transaction level exactly as a real chip sees
 * the bus: it receives the bytes of each write transaction and answers each read transaction. A
 * register-pointer chip keeps its own pointer; a command-only chip (BH1750) has none.
 *
 * <p>Calls are serialised by the bus; models need no locking of their own for bus access, but a
 * model whose physical inputs are changed from another thread (a test, a signal model) must make
 * those fields safe to publish.
 */
public interface SimulatedI2cChip {

  /** One write transaction (START, address+W, these bytes, STOP or repeated START). */
  void onWrite(byte[] data) throws HardwareIoException;

  /** One read transaction: fill the buffer with what the chip clocks out. */
  void onRead(byte[] buffer) throws HardwareIoException;
}
