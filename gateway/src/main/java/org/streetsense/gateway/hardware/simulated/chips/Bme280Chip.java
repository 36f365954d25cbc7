package org.streetsense.gateway.hardware.simulated.chips;

import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cChip;

/**
 * A BME280 (or, with chip id 0x58, a BMP280 without humidity) at the register level.
 *
 * <ul>
 *   <li>Reads auto-increment from the register pointer; writes are (register, value) pairs, as the
 *       datasheet specifies (no auto-increment on write).
 *   <li>0xD0 chip id; 0xE0 soft reset on 0xB6 (control registers back to 0, results to 0x80000);
 *       calibration in 0x88-0xA1 and 0xE1-0xE7 survives reset.
 *   <li>ctrl_hum 0xF2 takes effect only at the next write to ctrl_meas 0xF4.
 *   <li>Forced mode: a measurement starts on the ctrl_meas write and lasts the datasheet's maximum
 *       measurement time for the chosen oversampling; status 0xF3 bit 3 reads 1 meanwhile, then the
 *       chip returns to sleep and the results appear in 0xF7-0xFE. Normal mode measures repeatedly
 *       with the t_standby of config 0xF5.
 *   <li>Raw ADC words are found by inverting the compensation with the calibration block; a skipped
 *       measurement (oversampling 0) reads 0x80000 (0x8000 for humidity).
 * </ul>
 *
 * <p>Not modelled: IIR filter, SPI mode, NVM copy time (im_update), measurement noise (the
 * physical inputs can carry it). Physical inputs are {@link DoubleSupplier}s read at the end of
 * each measurement, so a signal model can drive them from any thread.
 */
public final class Bme280Chip implements SimulatedI2cChip {

  public static final int CHIP_ID_BME280 = 0x60;
  public static final int CHIP_ID_BMP280 = 0x58;

  private final TimeSource time;
  private final int chipId;
  private final Bme280Calibration calibration;
  private final Bme280Physics physics;
  private final ChipFaults faults = new ChipFaults();
  private final byte[] regs = new byte[256];
  private final RegisterPointer pointer = new RegisterPointer(256);
  private volatile DoubleSupplier temperature = () -> 20.0;
  private volatile DoubleSupplier humidity = () -> 50.0;
  private volatile DoubleSupplier pressure = () -> 101325.0;
  private int latchedOsrsH;
  private long measuringFrom;
  private long measuringUntil;
  private boolean measurementPending;
  private int writesIgnored;

  public Bme280Chip(TimeSource time) {
    this(time, CHIP_ID_BME280, Bme280Calibration.DATASHEET_EXAMPLE);
  }

  public Bme280Chip(TimeSource time, int chipId, Bme280Calibration calibration) {
    this.time = Objects.requireNonNull(time, "time");
    this.chipId = chipId;
    this.calibration = Objects.requireNonNull(calibration, "calibration");
    this.physics = new Bme280Physics(calibration);
    byte[] b88 = calibration.block88();
    System.arraycopy(b88, 0, regs, 0x88, b88.length);
    byte[] be1 = calibration.blockE1();
    System.arraycopy(be1, 0, regs, 0xE1, be1.length);
    regs[0xD0] = (byte) chipId;
    reset();
  }

  /** Temperature input in degrees Celsius. */
  public Bme280Chip temperature(DoubleSupplier celsius) {
    this.temperature = Objects.requireNonNull(celsius, "celsius");
    return this;
  }

  /** Relative humidity input in percent. */
  public Bme280Chip humidity(DoubleSupplier percent) {
    this.humidity = Objects.requireNonNull(percent, "percent");
    return this;
  }

  /** Pressure input in pascal. */
  public Bme280Chip pressure(DoubleSupplier pascal) {
    this.pressure = Objects.requireNonNull(pascal, "pascal");
    return this;
  }

  public ChipFaults faults() {
    return faults;
  }

  public Bme280Calibration calibration() {
    return calibration;
  }

  /** Power-on reset, as when the device is plugged back in. */
  public synchronized void powerCycle() {
    reset();
  }

  /** Writes to read-only registers the chip ignored (a driver bug indicator for tests). */
  public synchronized int writesIgnored() {
    return writesIgnored;
  }

  @Override
  public synchronized void onWrite(byte[] data) throws HardwareIoException {
    if (data.length == 0) {
      return;
    }
    pointer.set(data[0] & 0xFF);
    for (int i = 0; i + 1 < data.length; i += 2) {
      writeRegister(data[i] & 0xFF, data[i + 1] & 0xFF);
    }
  }

  @Override
  public synchronized void onRead(byte[] buffer) throws HardwareIoException {
    update();
    for (int i = 0; i < buffer.length; i++) {
      buffer[i] = readRegister(pointer.next());
    }
  }

  private byte readRegister(int reg) {
    if (reg == 0xF3) {
      return (byte) (measuring() ? 0x08 : 0x00);
    }
    if (reg == 0xE0) {
      return 0;
    }
    return regs[reg];
  }

  private void writeRegister(int reg, int value) {
    switch (reg) {
      case 0xE0 -> {
        if (value == 0xB6) {
          reset();
        }
      }
      case 0xF2 -> regs[0xF2] = (byte) (value & 0x07);
      case 0xF5 -> regs[0xF5] = (byte) (value & 0xFD);
      case 0xF4 -> writeCtrlMeas(value);
      default -> writesIgnored++;
    }
  }

  private void writeCtrlMeas(int value) {
    update();
    regs[0xF4] = (byte) value;
    latchedOsrsH = chipId == CHIP_ID_BME280 ? regs[0xF2] & 0x07 : 0;
    int mode = value & 0x03;
    if (mode != 0) {
      startMeasurement(time.monotonicNanos());
    }
  }

  private void startMeasurement(long now) {
    measuringFrom = now;
    measuringUntil = now + measurementNanos();
    measurementPending = true;
  }

  private boolean measuring() {
    long now = time.monotonicNanos();
    return measurementPending && now >= measuringFrom && now < measuringUntil;
  }

  /** Completes any measurement whose time is up (lazily, on bus access). */
  private void update() {
    long now = time.monotonicNanos();
    while (measurementPending && now >= measuringUntil) {
      complete();
      int mode = regs[0xF4] & 0x03;
      if (mode == 0x03) {
        startMeasurement(measuringUntil + standbyNanos());
      } else {
        measurementPending = false;
        regs[0xF4] = (byte) (regs[0xF4] & 0xFC);
      }
    }
  }

  private void complete() {
    if (faults.stuck()) {
      return;
    }
    int ctrl = regs[0xF4] & 0xFF;
    int osrsT = ctrl >> 5;
    int osrsP = (ctrl >> 2) & 0x07;
    boolean railed = faults.railed();
    int adcT = railed ? 0xFFFFF : physics.adcTemperature(temperature.getAsDouble());
    int tFine = physics.tFine(adcT);
    int adcP = railed ? 0xFFFF0 : physics.adcPressure(pressure.getAsDouble(), tFine);
    putWord20(0xFA, osrsT == 0 ? 0x80000 : adcT);
    putWord20(0xF7, osrsP == 0 ? 0x80000 : adcP);
    if (chipId == CHIP_ID_BME280) {
      int adcH = latchedOsrsH == 0 ? 0x8000
          : railed ? 0xFFFF : physics.adcHumidity(humidity.getAsDouble(), tFine);
      regs[0xFD] = (byte) (adcH >> 8);
      regs[0xFE] = (byte) adcH;
    }
  }

  private void putWord20(int reg, int value) {
    regs[reg] = (byte) (value >> 12);
    regs[reg + 1] = (byte) (value >> 4);
    regs[reg + 2] = (byte) ((value & 0x0F) << 4);
  }

  private void reset() {
    regs[0xF2] = 0;
    regs[0xF4] = 0;
    regs[0xF5] = 0;
    putWord20(0xF7, 0x80000);
    putWord20(0xFA, 0x80000);
    regs[0xFD] = (byte) 0x80;
    regs[0xFE] = 0;
    latchedOsrsH = 0;
    measurementPending = false;
  }

  /** Datasheet appendix B maximum measurement time. */
  private long measurementNanos() {
    int ctrl = regs[0xF4] & 0xFF;
    double ms = 1.25 + 2.3 * oversampling(ctrl >> 5);
    int osrsP = (ctrl >> 2) & 0x07;
    if (osrsP != 0) {
      ms += 2.3 * oversampling(osrsP) + 0.575;
    }
    if (latchedOsrsH != 0) {
      ms += 2.3 * oversampling(latchedOsrsH) + 0.575;
    }
    return (long) (ms * 1_000_000);
  }

  private long standbyNanos() {
    double[] ms = {0.5, 62.5, 125, 250, 500, 1000, 10, 20};
    return (long) (ms[(regs[0xF5] & 0xFF) >> 5] * 1_000_000);
  }

  private static int oversampling(int osrs) {
    return osrs == 0 ? 0 : osrs >= 5 ? 16 : 1 << (osrs - 1);
  }
}
