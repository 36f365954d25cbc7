package org.streetsense.gateway.hardware.simulated;

import java.util.BitSet;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * Base for chip models with an 8-bit register pointer, the most common I2C sensor layout (BME280,
 * MPR121, ADS1115-style pointers aside). Bus behaviour, as on the real parts:
 *
 * <ul>
 *   <li>a write transaction's first byte sets the register pointer; each further byte is written
 *       to the pointed register and the pointer advances ({@link #nextRegister(int)});
 *   <li>a read transaction clocks out the pointed register and advances after each byte, so a
 *       burst read returns consecutive registers;
 *   <li>writes to read-only registers are ignored; write-only registers read as {@code 0x00};
 *   <li>an empty write (an address probe) changes nothing.
 * </ul>
 *
 * <p>Subclasses give the chip its behaviour through {@link #powerOnDefaults()},
 * {@link #onRegisterWrite(int, int)} (react to a write, e.g. a reset command) and
 * {@link #registerValue(int)} (compute a value lazily, e.g. a measurement from a signal model).
 * The chip powers up on its first transaction and again after {@link #onPowerUp()}.
 *
 * <p>Bus calls are serialised by the bus; the accessors used by tests and rigs
 * ({@link #peek(int)}, {@link #poke(int, int)}) synchronise on the chip, as the bus calls do.
 */
public abstract class RegisterMapChip implements SimulatedI2cChip, PowerCycled {

  private final byte[] registers = new byte[256];
  private final BitSet readOnly = new BitSet(256);
  private final BitSet writeOnly = new BitSet(256);
  private int pointer;
  private boolean powered;

  /** Declares registers that ignore writes from the bus. */
  protected final void readOnly(int first, int last) {
    checkRange(first, last);
    readOnly.set(first, last + 1);
  }

  /** Declares registers that read back as zero. */
  protected final void writeOnly(int first, int last) {
    checkRange(first, last);
    writeOnly.set(first, last + 1);
  }

  /** Sets the power-on register values with {@link #store(int, int)}. Default: all zero. */
  protected void powerOnDefaults() {}

  /**
   * Called for each byte the bus writes to a writable register. The default stores it. Override to
   * act on commands (soft reset, start conversion) and call {@link #store(int, int)} as needed.
   *
   * @param register 0..255
   * @param value 0..255
   */
  protected void onRegisterWrite(int register, int value) throws HardwareIoException {
    store(register, value);
  }

  /**
   * The value clocked out when the bus reads {@code register}. The default returns the stored
   * value; override to compute values lazily (measurements, status bits that change over time).
   *
   * @return 0..255
   */
  protected int registerValue(int register) throws HardwareIoException {
    return stored(register);
  }

  /** The register after {@code register} during auto-increment. Default: next, wrapping at 0xFF. */
  protected int nextRegister(int register) {
    return (register + 1) & 0xFF;
  }

  /** Stores a register value without any write hook (for subclasses). */
  protected final void store(int register, int value) {
    registers[register & 0xFF] = (byte) value;
  }

  /** The stored value of a register, 0..255 (for subclasses). */
  protected final int stored(int register) {
    return registers[register & 0xFF] & 0xFF;
  }

  /** The current register pointer, 0..255. */
  public final synchronized int pointer() {
    return pointer;
  }

  /** Reads a stored register directly, bypassing the bus (for tests and rigs). */
  public final synchronized int peek(int register) {
    ensurePowered();
    return stored(register);
  }

  /** Stores a register directly, bypassing the bus and its masks (for tests and rigs). */
  public final synchronized void poke(int register, int value) {
    ensurePowered();
    store(register, value);
  }

  @Override
  public final synchronized void onWrite(byte[] data) throws HardwareIoException {
    ensurePowered();
    if (data.length == 0) {
      return;
    }
    pointer = data[0] & 0xFF;
    for (int i = 1; i < data.length; i++) {
      if (!readOnly.get(pointer)) {
        onRegisterWrite(pointer, data[i] & 0xFF);
      }
      pointer = nextRegister(pointer);
    }
  }

  @Override
  public final synchronized void onRead(byte[] buffer) throws HardwareIoException {
    ensurePowered();
    for (int i = 0; i < buffer.length; i++) {
      buffer[i] = writeOnly.get(pointer) ? 0 : (byte) registerValue(pointer);
      pointer = nextRegister(pointer);
    }
  }

  @Override
  public final synchronized void onPowerUp() {
    java.util.Arrays.fill(registers, (byte) 0);
    pointer = 0;
    powerOnDefaults();
    powered = true;
  }

  private void ensurePowered() {
    if (!powered) {
      onPowerUp();
    }
  }

  private static void checkRange(int first, int last) {
    if (first < 0 || last > 0xFF || first > last) {
      throw new IllegalArgumentException(
          "register range must be within 0x00..0xFF and first <= last, was " + first + ".." + last);
    }
  }
}
