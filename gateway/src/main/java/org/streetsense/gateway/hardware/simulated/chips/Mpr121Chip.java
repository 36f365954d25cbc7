package org.streetsense.gateway.hardware.simulated.chips;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cChip;

/**
 * An NXP MPR121 12-electrode capacitive touch controller at the register level.
 *
 * <ul>
 *   <li>Register pointer with auto-increment on reads and writes. Soft reset: 0x63 to 0x80; after
 *       reset CONFIG1 0x5C = 0x10, CONFIG2 0x5D = 0x24, ECR 0x5E = 0 (stop mode), everything else 0.
 *   <li>Run mode is ECR bits 5:0 non-zero. In run mode writes to any register but ECR and the GPIO
 *       registers 0x73-0x7A are ignored, as on the chip; {@link #runModeWritesIgnored()} counts them
 *       so a test can catch a driver configuring in the wrong mode.
 *   <li>Entering run mode enables electrodes 0..ELE_EN-1; with CL bits (ECR 7:6) non-zero the
 *       baseline is loaded from the first filtered data. Filtered data (0x04.., 10 bits, LSB first)
 *       is the electrode's untouched level minus its touch delta while touched.
 *   <li>Touch status (0x00-0x01): an electrode is touched when baseline - filtered exceeds its touch
 *       threshold (0x41 + 2n) and released when it falls below its release threshold (0x42 + 2n).
 *   <li>IRQ (active low) asserts when the touch status changes and releases when 0x00/0x01 is read.
 * </ul>
 *
 * <p>Not modelled: filter and debounce timing, baseline drift tracking, auto-configuration,
 * proximity electrode, over-current and out-of-range status, GPIO/LED driver.
 */
public final class Mpr121Chip implements SimulatedI2cChip {

  private static final int ELECTRODES = 12;

  private final byte[] regs = new byte[0x81];
  private final RegisterPointer pointer = new RegisterPointer(0x81);
  private final int[] level = new int[ELECTRODES];
  private final int[] delta = new int[ELECTRODES];
  private final boolean[] touched = new boolean[ELECTRODES];
  private final List<Consumer<Boolean>> irqListeners = new CopyOnWriteArrayList<>();
  private final ChipFaults faults = new ChipFaults();
  private int status;
  private int baselineInit;
  private boolean irqLow;
  private int runModeWritesIgnored;

  public Mpr121Chip() {
    for (int e = 0; e < ELECTRODES; e++) {
      level[e] = 700 + 4 * e;
      delta[e] = 60;
    }
    powerCycle();
  }

  public ChipFaults faults() {
    return faults;
  }

  /** A finger on (or off) electrode {@code e}; changes the filtered data and possibly the status. */
  public void touch(int electrode, boolean on) {
    Boolean irq;
    synchronized (this) {
      touched[electrode] = on;
      irq = refresh();
    }
    notifyIrq(irq);
  }

  /** How far a touch lowers electrode {@code e}'s filtered data (counts; default 60). */
  public synchronized void touchDelta(int electrode, int counts) {
    delta[electrode] = counts;
  }

  /** IRQ pin level: false (low) while an unread touch-status change is pending. */
  public synchronized boolean irqLine() {
    return !irqLow;
  }

  /** Listens to IRQ pin levels (true = high); wire it to a simulated GPIO input. */
  public void onIrq(Consumer<Boolean> listener) {
    irqListeners.add(listener);
  }

  public synchronized int runModeWritesIgnored() {
    return runModeWritesIgnored;
  }

  /** Power-on reset, as when the device is plugged back in. */
  public void powerCycle() {
    Boolean irq;
    synchronized (this) {
      java.util.Arrays.fill(regs, (byte) 0);
      regs[0x5C] = 0x10;
      regs[0x5D] = 0x24;
      status = 0;
      pointer.set(0);
      irq = irqLow ? Boolean.TRUE : null;
      irqLow = false;
    }
    notifyIrq(irq);
  }

  private boolean runMode() {
    return (regs[0x5E] & 0x3F) != 0;
  }

  private int enabled() {
    return Math.min(regs[0x5E] & 0x0F, ELECTRODES);
  }

  @Override
  public void onWrite(byte[] data) throws HardwareIoException {
    Boolean irq = null;
    synchronized (this) {
      if (data.length == 0) {
        return;
      }
      pointer.set(data[0] & 0xFF);
      for (int i = 1; i < data.length; i++) {
        Boolean r = writeRegister(pointer.next(), data[i] & 0xFF);
        irq = r != null ? r : irq;
      }
    }
    notifyIrq(irq);
  }

  private Boolean writeRegister(int reg, int value) {
    if (reg == 0x80) {
      if (value == 0x63) {
        java.util.Arrays.fill(regs, (byte) 0);
        regs[0x5C] = 0x10;
        regs[0x5D] = 0x24;
        status = 0;
        boolean wasLow = irqLow;
        irqLow = false;
        return wasLow ? Boolean.TRUE : null;
      }
      return null;
    }
    boolean gpio = reg >= 0x73 && reg <= 0x7A;
    if (reg != 0x5E && !gpio && runMode()) {
      runModeWritesIgnored++;
      return null;
    }
    if (reg <= 0x2A) {
      return null;
    }
    if (reg == 0x5E) {
      boolean wasRun = runMode();
      regs[0x5E] = (byte) value;
      baselineInit = value >> 6;
      if (!wasRun && runMode()) {
        startRun();
      }
      return refresh();
    }
    regs[reg] = (byte) value;
    return null;
  }

  private void startRun() {
    for (int e = 0; e < enabled(); e++) {
      int f = filtered(e);
      putFiltered(e, f);
      if (baselineInit != 0) {
        regs[0x1E + e] = (byte) (f >> 2);
      }
    }
  }

  private int filtered(int e) {
    return level[e] - (touched[e] ? delta[e] : 0);
  }

  private void putFiltered(int e, int f) {
    regs[0x04 + 2 * e] = (byte) f;
    regs[0x05 + 2 * e] = (byte) ((f >> 8) & 0x03);
  }

  /** Recomputes data and status; returns the new IRQ level if it changed, else null. */
  private Boolean refresh() {
    if (!runMode()) {
      return null;
    }
    int next = status & ~0x0FFF;
    for (int e = 0; e < enabled(); e++) {
      if (!faults.stuck()) {
        putFiltered(e, filtered(e));
      }
      int f = (regs[0x04 + 2 * e] & 0xFF) | ((regs[0x05 + 2 * e] & 0x03) << 8);
      int baseline = (regs[0x1E + e] & 0xFF) << 2;
      int d = baseline - f;
      boolean was = (status & (1 << e)) != 0;
      int touchThr = regs[0x41 + 2 * e] & 0xFF;
      int releaseThr = regs[0x42 + 2 * e] & 0xFF;
      boolean now = was ? d >= releaseThr : d > touchThr;
      if (now) {
        next |= 1 << e;
      }
    }
    if (next != status) {
      status = next;
      if (!irqLow) {
        irqLow = true;
        return Boolean.FALSE;
      }
    }
    return null;
  }

  @Override
  public void onRead(byte[] buffer) throws HardwareIoException {
    Boolean irq = null;
    synchronized (this) {
      Boolean r = refresh();
      irq = r;
      for (int i = 0; i < buffer.length; i++) {
        int reg = pointer.next();
        buffer[i] = readRegister(reg);
        if ((reg == 0x00 || reg == 0x01) && irqLow) {
          irqLow = false;
          irq = Boolean.TRUE;
        }
      }
    }
    notifyIrq(irq);
  }

  private byte readRegister(int reg) {
    return switch (reg) {
      case 0x00 -> (byte) status;
      case 0x01 -> (byte) (status >> 8);
      case 0x80 -> 0;
      default -> regs[reg];
    };
  }

  private void notifyIrq(Boolean level) {
    if (level != null) {
      irqListeners.forEach(l -> l.accept(level));
    }
  }
}
