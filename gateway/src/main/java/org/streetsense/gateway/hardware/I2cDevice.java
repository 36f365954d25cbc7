package org.streetsense.gateway.hardware;

/**
 * One device on an I2C bus, seen as the transactions a bus carries. Backends implement the three
 * primitives; register access is built on them as real chips expect (a register pointer write,
 * then a repeated-start read that auto-increments).
 *
 * <p>Calls block for the duration of the bus transaction: call them from a worker thread or the
 * hardware executor, never from the Vert.x event loop. Not thread-safe per device; drivers
 * serialise their own access.
 */
public interface I2cDevice extends AutoCloseable {

  int bus();

  /** 7-bit address. */
  int address();

  /** One write transaction of the given bytes. */
  void write(byte[] data) throws HardwareIoException;

  /** One read transaction filling the whole buffer. */
  void read(byte[] buffer) throws HardwareIoException;

  /** A write, a repeated start, then a read filling {@code buffer}. */
  void writeRead(byte[] data, byte[] buffer) throws HardwareIoException;

  /** Reads one 8-bit register (8-bit register address). Returns 0..255. */
  default int readRegister(int register) throws HardwareIoException {
    byte[] in = new byte[1];
    writeRead(new byte[] {(byte) register}, in);
    return in[0] & 0xFF;
  }

  /** Writes one 8-bit register (8-bit register address). */
  default void writeRegister(int register, int value) throws HardwareIoException {
    write(new byte[] {(byte) register, (byte) value});
  }

  /** Burst read starting at {@code register}, relying on the chip's auto-increment. */
  default void readRegisters(int register, byte[] buffer) throws HardwareIoException {
    writeRead(new byte[] {(byte) register}, buffer);
  }

  /** Burst write starting at {@code register}. */
  default void writeRegisters(int register, byte[] values) throws HardwareIoException {
    byte[] out = new byte[values.length + 1];
    out[0] = (byte) register;
    System.arraycopy(values, 0, out, 1, values.length);
    write(out);
  }

  /** Burst read starting at a 16-bit register address, sent big-endian (EEPROMs, some sensors). */
  default void readRegisters16(int register, byte[] buffer) throws HardwareIoException {
    writeRead(new byte[] {(byte) (register >> 8), (byte) register}, buffer);
  }

  /** Burst write starting at a 16-bit register address, sent big-endian. */
  default void writeRegisters16(int register, byte[] values) throws HardwareIoException {
    byte[] out = new byte[values.length + 2];
    out[0] = (byte) (register >> 8);
    out[1] = (byte) register;
    System.arraycopy(values, 0, out, 2, values.length);
    write(out);
  }

  /** Releases the device handle. Idempotent. */
  @Override
  void close();
}
