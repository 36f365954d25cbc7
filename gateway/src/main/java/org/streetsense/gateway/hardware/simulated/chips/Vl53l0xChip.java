package org.streetsense.gateway.hardware.simulated.chips;

import static org.streetsense.gateway.hardware.wire.Vl53l0xRegisters.*;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.PowerCycled;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cChip;

/**
 * An ST VL53L0X at the level of its register interface: 8-bit register pointer with
 * auto-increment, big-endian multi-byte values, private pages selected by 0xFF, and the parts of
 * the ranging engine the ST API drives.
 *
 * <ul>
 *   <li>Identity: 0xC0 = 0xEE (model id), 0xC1 = 0xAA, 0xC2 = 0x10 (revision).
 *   <li>Stop variable at page 1 register 0x91 (a per-part value, here {@link #stopVariable()}).
 *       A shot only runs while 0x91 holds it: the ST API's stop sequence writes 0 there and its
 *       start sequence writes the value back before every shot; a shot started while it is wrong
 *       never completes, so a host that skips the step times out.
 *   <li>SPAD information: after page 7 0x94 = 0x6B and 0x83 = 0x00 the non-volatile read
 *       finishes (0x83 reads non-zero) and 0x92 holds count and type; before, 0x92 reads 0.
 *   <li>SYSRANGE_START (0x00): 0x41 with sequence config 0x01 runs the VHV calibration, 0x01 with
 *       0x02 the phase calibration (each {@link #CALIBRATION_MS} ms), 0x01 otherwise one range
 *       measurement of {@link #TIMING_BUDGET_MS} ms. A measurement before both calibrations ends
 *       with device status 3 (no VHV value found).
 *   <li>Completion sets RESULT_INTERRUPT_STATUS (0x13) to 0x04 until 0x0B is written; the range
 *       status (0x14) holds the device status in bits 6:3 and 0x1E the range in mm: status 11 for
 *       a target up to {@link #maxRangeMm(int)}, status 4 (no target) with 8190 beyond it or for
 *       NaN, status 10 (min clip) under 30 mm.
 *   <li>Faults: {@link ChipFaults#stuck(boolean)} freezes the range, {@link #vcselFailure(boolean)}
 *       ends measurements with status 1; bus faults come from the bus. Power-up restores the
 *       power-on registers.
 * </ul>
 *
 * <p>Thread-safe: bus calls are synchronised; the distance is a supplier.
 */
public final class Vl53l0xChip implements SimulatedI2cChip, PowerCycled {

  public static final long CALIBRATION_MS = 2;
  public static final long TIMING_BUDGET_MS = 33;
  private static final int NO_TARGET_MM = 8190;

  private final TimeSource time;
  private final ChipFaults faults = new ChipFaults();
  private final int stopVariable;
  private final int spadInfo;
  private final Map<Integer, int[]> pages = new HashMap<>();
  private volatile DoubleSupplier distanceMm = () -> Double.NaN;
  private volatile boolean vcselFailure;
  private int maxRangeMm = 2000;
  private int page;
  private int pointer;
  private boolean vhvDone;
  private boolean phaseDone;
  private boolean stopRestored;
  private boolean nvmRead;
  private long busyUntil = -1;
  private int running;
  private int measurements;

  /** A part with stop variable 0x3C and 5 aperture SPADs. */
  public Vl53l0xChip(TimeSource time) {
    this(time, 0x3C, 0x85);
  }

  public Vl53l0xChip(TimeSource time, int stopVariable, int spadInfo) {
    this.time = Objects.requireNonNull(time, "time");
    this.stopVariable = stopVariable & 0xFF;
    this.spadInfo = spadInfo & 0xFF;
    onPowerUp();
  }

  /** Distance to the nearest target in mm; NaN for none in range. */
  public Vl53l0xChip distance(DoubleSupplier mm) {
    this.distanceMm = Objects.requireNonNull(mm, "mm");
    return this;
  }

  /** The farthest target the sensor sees (default 2000 mm; less in sunlight or on dark clothes). */
  public synchronized Vl53l0xChip maxRangeMm(int mm) {
    this.maxRangeMm = mm;
    return this;
  }

  public ChipFaults faults() {
    return faults;
  }

  /** Ends every measurement with device status 1 (VCSEL continuity failure). */
  public void vcselFailure(boolean value) {
    this.vcselFailure = value;
  }

  public int stopVariable() {
    return stopVariable;
  }

  /** Whether both reference calibrations have run since power-up. */
  public synchronized boolean calibrated() {
    return vhvDone && phaseDone;
  }

  /** Range measurements completed since power-up. */
  public synchronized int measurements() {
    return measurements;
  }

  /** The value of register {@code register} on page {@code pageNumber}, as the chip holds it. */
  public synchronized int register(int pageNumber, int register) {
    return page(pageNumber)[register & 0xFF];
  }

  @Override
  public synchronized void onPowerUp() {
    pages.clear();
    int[] p0 = page(0);
    p0[IDENTIFICATION_MODEL_ID] = MODEL_ID;
    p0[0xC1] = 0xAA;
    p0[0xC2] = 0x10;
    p0[GPIO_HV_MUX_ACTIVE_HIGH] = 0x11;
    p0[SYSTEM_SEQUENCE_CONFIG] = 0xFF;
    for (int i = 0; i < 6; i++) {
      p0[GLOBAL_CONFIG_SPAD_ENABLES_REF_0 + i] = 0xFF;
    }
    page(1)[STOP_VARIABLE] = stopVariable;
    page = 0;
    pointer = 0;
    vhvDone = false;
    phaseDone = false;
    stopRestored = true;
    nvmRead = false;
    running = 0;
  }

  private int[] page(int number) {
    return pages.computeIfAbsent(number, n -> new int[256]);
  }

  @Override
  public synchronized void onWrite(byte[] data) throws HardwareIoException {
    if (data.length == 0) {
      return;
    }
    update();
    pointer = data[0] & 0xFF;
    for (int i = 1; i < data.length; i++) {
      write(pointer, data[i] & 0xFF);
      pointer = (pointer + 1) & 0xFF;
    }
  }

  private void write(int register, int value) {
    if (register == PAGE_SELECT) {
      page = value;
      return;
    }
    page(page)[register] = value;
    if (page == 1 && register == STOP_VARIABLE) {
      stopRestored = value == stopVariable;
    } else if (page == 7 && register == 0x83 && value == 0x00 && page(7)[0x94] == 0x6B) {
      nvmRead = true;
      page(7)[0x83] = 0x10;
    } else if (page == 0 && register == SYSTEM_INTERRUPT_CLEAR && (value & 0x07) != 0) {
      page(0)[RESULT_INTERRUPT_STATUS] = 0;
    } else if (page == 0 && register == SYSRANGE_START) {
      start(value);
    }
  }

  private void start(int value) {
    int sequence = page(0)[SYSTEM_SEQUENCE_CONFIG];
    long now = time.monotonicNanos();
    if ((value & 0x01) == 0) {
      running = 0;
      return;
    }
    if (value == 0x41 && sequence == 0x01) {
      running = 1;
      busyUntil = now + CALIBRATION_MS * 1_000_000;
    } else if (sequence == 0x02) {
      running = 2;
      busyUntil = now + CALIBRATION_MS * 1_000_000;
    } else if (stopRestored) {
      running = 3;
      busyUntil = now + TIMING_BUDGET_MS * 1_000_000;
    } else {
      running = 0;
    }
    page(0)[SYSRANGE_START] = 0;
  }

  private void update() {
    if (running == 0 || time.monotonicNanos() < busyUntil) {
      return;
    }
    int[] p0 = page(0);
    if (running == 1) {
      vhvDone = true;
    } else if (running == 2) {
      phaseDone = true;
    } else {
      measure(p0);
    }
    running = 0;
    p0[RESULT_INTERRUPT_STATUS] = 0x04;
  }

  private void measure(int[] p0) {
    measurements++;
    int status;
    int mm;
    double d = distanceMm.getAsDouble();
    if (vcselFailure) {
      status = 1;
      mm = 0;
    } else if (!vhvDone || !phaseDone) {
      status = 3;
      mm = 0;
    } else if (Double.isNaN(d) || d > maxRangeMm) {
      status = 4;
      mm = NO_TARGET_MM;
    } else if (d < 30) {
      status = 10;
      mm = (int) Math.max(0, Math.round(d));
    } else {
      status = STATUS_RANGE_COMPLETE;
      mm = (int) Math.round(d);
    }
    p0[RESULT_RANGE_STATUS] = status << 3;
    if (!faults.stuck() || status != STATUS_RANGE_COMPLETE) {
      p0[RESULT_RANGE_MM] = (mm >> 8) & 0xFF;
      p0[RESULT_RANGE_MM + 1] = mm & 0xFF;
    }
  }

  @Override
  public synchronized void onRead(byte[] buffer) throws HardwareIoException {
    update();
    for (int i = 0; i < buffer.length; i++) {
      buffer[i] = (byte) read(pointer);
      pointer = (pointer + 1) & 0xFF;
    }
  }

  private int read(int register) {
    if (register == PAGE_SELECT) {
      return page;
    }
    if (page == 7 && register == NVM_SPAD_INFO) {
      return nvmRead && page(7)[0x81] == 0x01 ? spadInfo : 0;
    }
    if (page == 0 && register == SYSRANGE_START) {
      return running == 3 ? 0x00 : page(0)[SYSRANGE_START];
    }
    return page(page)[register];
  }
}
