package org.streetsense.gateway.hardware.simulated.chips;

import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cChip;

/**
 * A BH1750FVI ambient light sensor: command-only, no registers, no pointer. Every byte written is
 * an instruction; every read returns the 16-bit result big-endian.
 *
 * <ul>
 *   <li>Powers up in Power Down. 0x01 Power On, 0x00 Power Down, 0x07 Reset (clears the data
 *       register; only accepted when powered on).
 *   <li>Measurement instructions (0x10/0x11/0x13 continuous H/H2/L, 0x20/0x21/0x23 one-time) are
 *       only accepted when powered on. A one-time measurement powers the chip down when done.
 *   <li>Measurement time: 120 ms (H, H2) or 16 ms (L) typical, scaled by MTreg/69; MTreg set with
 *       0x40-0x47 (high bits) and 0x60-0x7F (low bits). Until a measurement completes the data
 *       register keeps its previous value: a host that reads too early gets stale data, as on the
 *       real chip.
 *   <li>Count = lux x 1.2 x MTreg/69 (x2 in H2 mode), saturating at 65535.
 * </ul>
 */
public final class Bh1750Chip implements SimulatedI2cChip {

  private final TimeSource time;
  private final ChipFaults faults = new ChipFaults();
  private volatile DoubleSupplier lux = () -> 300.0;
  private boolean powered;
  private int mode;
  private boolean measuring;
  private long measureEnd;
  private int mtreg = 69;
  private int data;
  private int commandsIgnored;

  public Bh1750Chip(TimeSource time) {
    this.time = Objects.requireNonNull(time, "time");
  }

  /** Illuminance input in lux. */
  public Bh1750Chip lux(DoubleSupplier value) {
    this.lux = Objects.requireNonNull(value, "value");
    return this;
  }

  public ChipFaults faults() {
    return faults;
  }

  public synchronized boolean powered() {
    return powered;
  }

  /** Instructions the chip ignored (for example a measurement while powered down). */
  public synchronized int commandsIgnored() {
    return commandsIgnored;
  }

  /** Power-on state, as when the device is plugged back in. */
  public synchronized void powerCycle() {
    powered = false;
    measuring = false;
    mode = 0;
    mtreg = 69;
    data = 0;
  }

  @Override
  public synchronized void onWrite(byte[] bytes) throws HardwareIoException {
    for (byte b : bytes) {
      command(b & 0xFF);
    }
  }

  private void command(int c) {
    update();
    if (c == 0x00) {
      powered = false;
      measuring = false;
    } else if (c == 0x01) {
      powered = true;
    } else if (c == 0x07) {
      if (powered) {
        data = 0;
      } else {
        commandsIgnored++;
      }
    } else if ((c & 0xF8) == 0x40) {
      mtreg = (mtreg & 0x1F) | ((c & 0x07) << 5);
    } else if ((c & 0xE0) == 0x60) {
      mtreg = (mtreg & 0xE0) | (c & 0x1F);
    } else if (c == 0x10 || c == 0x11 || c == 0x13 || c == 0x20 || c == 0x21 || c == 0x23) {
      if (!powered) {
        commandsIgnored++;
        return;
      }
      mode = c;
      measuring = true;
      measureEnd = time.monotonicNanos() + measurementNanos();
    } else {
      commandsIgnored++;
    }
  }

  @Override
  public synchronized void onRead(byte[] buffer) throws HardwareIoException {
    update();
    for (int i = 0; i < buffer.length; i++) {
      buffer[i] = (byte) (i % 2 == 0 ? data >> 8 : data);
    }
  }

  private void update() {
    long now = time.monotonicNanos();
    while (measuring && now >= measureEnd) {
      if (!faults.stuck()) {
        data = count();
      }
      if ((mode & 0xF0) == 0x20) {
        measuring = false;
        powered = false;
      } else {
        measureEnd += measurementNanos();
      }
    }
  }

  private int count() {
    if (faults.railed()) {
      return 0xFFFF;
    }
    double c = lux.getAsDouble() * 1.2 * mtreg / 69.0;
    if ((mode & 0x03) == 0x01) {
      c *= 2;
    }
    long n = Math.round(c);
    if ((mode & 0x03) == 0x03) {
      n &= ~3L;
    }
    return (int) Math.max(0, Math.min(65535, n));
  }

  private long measurementNanos() {
    double ms = ((mode & 0x03) == 0x03 ? 16.0 : 120.0) * mtreg / 69.0;
    return (long) (ms * 1_000_000);
  }
}
