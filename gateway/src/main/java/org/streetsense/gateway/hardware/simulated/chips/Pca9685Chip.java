package org.streetsense.gateway.hardware.simulated.chips;

import java.time.Duration;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.PowerCycled;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cChip;

/**
 * An NXP PCA9685 16-channel 12-bit PWM controller at the register level, with its 25 MHz internal
 * oscillator.
 *
 * <ul>
 *   <li>Register pointer; it auto-increments on reads and writes only when MODE1.AI (bit 5) is set.
 *   <li>Power-on: MODE1 0x11 (SLEEP, ALLCALL), MODE2 0x04, PRE_SCALE 0x1E (200 Hz), every
 *       LEDn_OFF_H 0x10 (full off).
 *   <li>PRE_SCALE (0xFE) is writable only while SLEEP is set; writes otherwise are ignored and
 *       counted. Output frequency = 25 MHz / (4096 x (PRE_SCALE + 1)), PRE_SCALE &gt;= 3.
 *   <li>MODE1.RESTART reads 1 after the chip is put to sleep with PWM running; writing 1 clears it.
 *   <li>LEDn_ON/OFF at 0x06 + 4n; bit 4 of ON_H is full on, bit 4 of OFF_H full off (wins).
 *       ALL_LED 0xFA-0xFD writes every channel.
 * </ul>
 *
 * <p>Outputs are totem-pole, so {@link #dutyCycle} is the fraction of each period the pin is high:
 * 0 while asleep and after a power-on reset (an active-low load is then on).
 *
 * <p>Not modelled: MODE2.INVRT and OUTNE, external clock, output-enable pin, sub-addresses, output change on ACK vs STOP.
 */
public final class Pca9685Chip implements SimulatedI2cChip, PowerCycled {

  private static final double OSC_HZ = 25_000_000.0;

  private final byte[] regs = new byte[256];
  private final RegisterPointer pointer = new RegisterPointer(256);
  private int writesIgnored;

  public Pca9685Chip() {
    powerCycle();
  }

  /** Power-on reset, as when the device is plugged back in. */
  public synchronized void powerCycle() {
    java.util.Arrays.fill(regs, (byte) 0);
    regs[0x00] = 0x11;
    regs[0x01] = 0x04;
    regs[0x02] = (byte) 0xE2;
    regs[0x03] = (byte) 0xE4;
    regs[0x04] = (byte) 0xE8;
    regs[0x05] = (byte) 0xE0;
    for (int ch = 0; ch < 16; ch++) {
      regs[0x09 + 4 * ch] = 0x10;
    }
    regs[0xFE] = 0x1E;
    pointer.set(0);
  }

  /** Plugged back after {@code BusFault.unplugged()}: the power-on reset. */
  @Override
  public void onPowerUp() {
    powerCycle();
  }

  private boolean autoIncrement() {
    return (regs[0x00] & 0x20) != 0;
  }

  public synchronized boolean sleeping() {
    return (regs[0x00] & 0x10) != 0;
  }

  public synchronized int register(int reg) {
    return regs[reg] & 0xFF;
  }

  public synchronized int writesIgnored() {
    return writesIgnored;
  }

  /** PWM frequency from PRE_SCALE, in hertz. */
  public synchronized double frequencyHz() {
    return OSC_HZ / (4096.0 * ((regs[0xFE] & 0xFF) + 1));
  }

  public synchronized int onCount(int channel) {
    return word(0x06 + 4 * channel) & 0x0FFF;
  }

  public synchronized int offCount(int channel) {
    return word(0x08 + 4 * channel) & 0x0FFF;
  }

  /** Fraction of each period the output is high (0..1); 0 while sleeping. */
  public synchronized double dutyCycle(int channel) {
    if (sleeping()) {
      return 0;
    }
    int on = word(0x06 + 4 * channel);
    int off = word(0x08 + 4 * channel);
    if ((off & 0x1000) != 0) {
      return 0;
    }
    if ((on & 0x1000) != 0) {
      return 1;
    }
    int high = Math.floorMod((off & 0x0FFF) - (on & 0x0FFF), 4096);
    return high / 4096.0;
  }

  /** High time of each period. */
  public synchronized Duration pulseWidth(int channel) {
    return Duration.ofNanos(Math.round(dutyCycle(channel) / frequencyHz() * 1e9));
  }

  private int word(int reg) {
    return (regs[reg] & 0xFF) | ((regs[reg + 1] & 0xFF) << 8);
  }

  @Override
  public synchronized void onWrite(byte[] data) throws HardwareIoException {
    if (data.length == 0) {
      return;
    }
    pointer.set(data[0] & 0xFF);
    for (int i = 1; i < data.length; i++) {
      int reg = autoIncrement() ? pointer.next() : pointer.get();
      writeRegister(reg, data[i] & 0xFF);
    }
  }

  private void writeRegister(int reg, int value) {
    if (reg == 0x00) {
      writeMode1(value);
    } else if (reg == 0xFE) {
      if (sleeping()) {
        regs[0xFE] = (byte) Math.max(3, value);
      } else {
        writesIgnored++;
      }
    } else if (reg >= 0xFA && reg <= 0xFD) {
      regs[reg] = (byte) value;
      for (int ch = 0; ch < 16; ch++) {
        regs[0x06 + 4 * ch + (reg - 0xFA)] = (byte) value;
      }
    } else if (reg == 0xFF) {
      writesIgnored++;
    } else {
      regs[reg] = (byte) value;
    }
  }

  private void writeMode1(int value) {
    int old = regs[0x00] & 0xFF;
    int restart = old & 0x80;
    if ((value & 0x80) != 0) {
      restart = 0;
    }
    boolean goingToSleep = (old & 0x10) == 0 && (value & 0x10) != 0;
    if (goingToSleep && anyRunning()) {
      restart = 0x80;
    }
    regs[0x00] = (byte) ((value & 0x7F) | restart);
  }

  private boolean anyRunning() {
    for (int ch = 0; ch < 16; ch++) {
      if ((regs[0x09 + 4 * ch] & 0x10) == 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void onRead(byte[] buffer) throws HardwareIoException {
    for (int i = 0; i < buffer.length; i++) {
      int reg = autoIncrement() ? pointer.next() : pointer.get();
      buffer[i] = regs[reg];
    }
  }
}
