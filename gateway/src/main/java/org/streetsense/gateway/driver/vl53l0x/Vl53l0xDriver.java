package org.streetsense.gateway.driver.vl53l0x;

import static org.streetsense.gateway.hardware.wire.Vl53l0xRegisters.*;

import java.time.Duration;
import java.util.List;
import org.streetsense.gateway.driver.ChannelDescriptor;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.SampleStep;
import org.streetsense.gateway.driver.SampledDriver;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;

/**
 * ST VL53L0X time-of-flight distance sensor on I2C at 0x29, in single-shot ranging: "is someone
 * standing here, and how far away".
 *
 * <p>Open follows the ST API (VL53L0X_DataInit, StaticInit): model id 0xC0 must be 0xEE; 2.8 V
 * I/O mode (0x89 bit 0, the Pi's 3.3 V bus); standard I2C mode; reads the stop variable from page
 * 1 register 0x91; disables the MSRC and pre-range signal rate checks (0x60 |= 0x12); final-range
 * signal rate limit 0.25 MCPS (0x44 = 32 in Q9.7); reads the SPAD count and type from
 * non-volatile memory (the page 6/7 sequence polling 0x83) and enables that many reference SPADs
 * from the first allowed one (0xB0-0xB5, with 0x4E = 0x2C, 0x4F = 0, 0xB6 = 0xB4); writes the
 * API's default tuning settings; sets the interrupt to "new sample ready" (0x0A = 4, active low)
 * and the sequence steps DSS, pre-range and final range (0x01 = 0xE8). The default timing budget
 * of about 33 ms is kept.
 *
 * <p>The first sample runs the VHV and phase reference calibrations (0x01 = 0x01, start 0x41; then
 * 0x01 = 0x02, start 0x01), each polled every 5 ms on the scheduler. Every measurement
 * restores the stop variable (0x80/0xFF/0x00 sequence, 0x91), starts one shot (0x00 = 0x01), waits
 * the timing budget, polls RESULT_INTERRUPT_STATUS (0x13 bits 2:0), reads the device range status
 * (0x14 bits 6:3) and the range in mm (0x1E) and clears the interrupt (0x0B = 1).
 *
 * <p>Channels: {@code distance} (mm), {@code present} (bool: 1 when a valid range is at most
 * {@code presence_mm}). A range without a valid target (status other than 11 "range complete")
 * gives {@code present} 0 and the chip's distance (8190 or more) as SUSPECT; "min clip" (a target
 * closer than the sensor can measure) gives {@code present} 1. Statuses 1-3 (VCSEL or VHV failure)
 * are hardware faults: the runner re-opens and recalibrates the sensor.
 *
 * <p>Threads: hardware executor only; open blocks for about 150 register transactions.
 */
public final class Vl53l0xDriver implements SampledDriver {

  /** The ST API's default measurement timing budget, rounded up. */
  static final Duration TIMING_BUDGET = Duration.ofMillis(33);
  /** Poll interval of the reference calibrations: 50 polls of the runner cover 250 ms. */
  static final Duration CALIBRATION_POLL = Duration.ofMillis(5);
  /** Poll interval once the timing budget has passed. */
  static final Duration POLL = Duration.ofMillis(1);
  private static final int MAX_SPAD_POLLS = 100;

  private enum Phase {
    VHV, PHASE, RANGING
  }

  private I2cDevice device;
  private int bus;
  private int presenceMm;
  private int stopVariable;
  private boolean calibrated;
  private Phase phase;

  @Override
  public List<ChannelDescriptor> channels() {
    return List.of(new ChannelDescriptor("distance", "mm"), new ChannelDescriptor("present", "bool"));
  }

  @Override
  public void open(DriverContext context) throws HardwareIoException {
    DeviceOptions o = context.options();
    int address = o.intValue("address", ADDRESS);
    if (address != ADDRESS) {
      throw o.error("address", "must be 0x29 (the VL53L0X's power-on address), was 0x"
          + Integer.toHexString(address));
    }
    presenceMm = o.intValue("presence_mm", 1000);
    if (presenceMm < 30 || presenceMm > 2000) {
      throw o.error("presence_mm", "must be 30..2000 (mm, the sensor's range), was " + presenceMm);
    }
    bus = o.intValue("bus", 1);
    calibrated = false;
    device = context.backend().i2c(bus, address);
    int model = device.readRegister(IDENTIFICATION_MODEL_ID);
    if (model != MODEL_ID) {
      throw new HardwareIoException(HardwareIoException.Kind.OTHER, String.format(
          "model id 0xC0 = 0x%02X at bus %d address 0x29 is not a VL53L0X (0xEE)", model, bus));
    }
    dataInit();
    staticInit();
  }

  private void dataInit() throws HardwareIoException {
    set(VHV_CONFIG_PAD_SCL_SDA_EXTSUP_HV, device.readRegister(VHV_CONFIG_PAD_SCL_SDA_EXTSUP_HV) | 0x01);
    set(I2C_MODE, 0x00);
    set(0x80, 0x01);
    set(PAGE_SELECT, 0x01);
    set(0x00, 0x00);
    stopVariable = device.readRegister(STOP_VARIABLE);
    set(0x00, 0x01);
    set(PAGE_SELECT, 0x00);
    set(0x80, 0x00);
    set(MSRC_CONFIG_CONTROL, device.readRegister(MSRC_CONFIG_CONTROL) | 0x12);
    device.writeRegisters(FINAL_RANGE_CONFIG_MIN_COUNT_RATE_RTN_LIMIT, new byte[] {0x00, 0x20});
    set(SYSTEM_SEQUENCE_CONFIG, 0xFF);
  }

  private void staticInit() throws HardwareIoException {
    int spadInfo = spadInfo();
    int spadCount = spadInfo & 0x7F;
    boolean aperture = (spadInfo & 0x80) != 0;
    byte[] map = new byte[6];
    device.readRegisters(GLOBAL_CONFIG_SPAD_ENABLES_REF_0, map);
    set(PAGE_SELECT, 0x01);
    set(DYNAMIC_SPAD_REF_EN_START_OFFSET, 0x00);
    set(DYNAMIC_SPAD_NUM_REQUESTED_REF_SPAD, 0x2C);
    set(PAGE_SELECT, 0x00);
    set(GLOBAL_CONFIG_REF_EN_START_SELECT, 0xB4);
    int first = aperture ? 12 : 0;
    int enabled = 0;
    for (int i = 0; i < 48; i++) {
      if (i < first || enabled == spadCount) {
        map[i / 8] &= (byte) ~(1 << (i % 8));
      } else if ((map[i / 8] >> (i % 8) & 1) != 0) {
        enabled++;
      }
    }
    device.writeRegisters(GLOBAL_CONFIG_SPAD_ENABLES_REF_0, map);
    for (int i = 0; i < DEFAULT_TUNING.size(); i += 2) {
      set(DEFAULT_TUNING.get(i), DEFAULT_TUNING.get(i + 1));
    }
    set(SYSTEM_INTERRUPT_CONFIG_GPIO, 0x04);
    set(GPIO_HV_MUX_ACTIVE_HIGH, device.readRegister(GPIO_HV_MUX_ACTIVE_HIGH) & ~0x10);
    set(SYSTEM_INTERRUPT_CLEAR, 0x01);
    set(SYSTEM_SEQUENCE_CONFIG, 0xE8);
  }

  /** The SPAD count and type byte from non-volatile memory (ST API VL53L0X_get_info_from_device). */
  private int spadInfo() throws HardwareIoException {
    set(0x80, 0x01);
    set(PAGE_SELECT, 0x01);
    set(0x00, 0x00);
    set(PAGE_SELECT, 0x06);
    set(0x83, device.readRegister(0x83) | 0x04);
    set(PAGE_SELECT, 0x07);
    set(0x81, 0x01);
    set(0x80, 0x01);
    set(0x94, 0x6B);
    set(0x83, 0x00);
    int polls = 0;
    while (device.readRegister(0x83) == 0x00) {
      if (++polls > MAX_SPAD_POLLS) {
        throw new HardwareIoException(HardwareIoException.Kind.TIMEOUT,
            "VL53L0X did not finish reading its SPAD information from non-volatile memory");
      }
    }
    set(0x83, 0x01);
    int info = device.readRegister(NVM_SPAD_INFO);
    set(0x81, 0x00);
    set(PAGE_SELECT, 0x06);
    set(0x83, device.readRegister(0x83) & ~0x04);
    set(PAGE_SELECT, 0x01);
    set(0x00, 0x01);
    set(PAGE_SELECT, 0x00);
    set(0x80, 0x00);
    return info;
  }

  @Override
  public SampleStep start() throws HardwareIoException {
    if (!calibrated) {
      set(SYSTEM_SEQUENCE_CONFIG, 0x01);
      set(SYSRANGE_START, 0x41);
      phase = Phase.VHV;
      return SampleStep.pending(CALIBRATION_POLL);
    }
    return startRanging();
  }

  private SampleStep startRanging() throws HardwareIoException {
    set(0x80, 0x01);
    set(PAGE_SELECT, 0x01);
    set(0x00, 0x00);
    set(STOP_VARIABLE, stopVariable);
    set(0x00, 0x01);
    set(PAGE_SELECT, 0x00);
    set(0x80, 0x00);
    set(SYSRANGE_START, 0x01);
    phase = Phase.RANGING;
    return SampleStep.pending(TIMING_BUDGET);
  }

  @Override
  public SampleStep collect() throws HardwareIoException {
    if ((device.readRegister(RESULT_INTERRUPT_STATUS) & 0x07) == 0) {
      return SampleStep.pending(phase == Phase.RANGING ? POLL : CALIBRATION_POLL);
    }
    switch (phase) {
      case VHV -> {
        endCalibrationStep();
        set(SYSTEM_SEQUENCE_CONFIG, 0x02);
        set(SYSRANGE_START, 0x01);
        phase = Phase.PHASE;
        return SampleStep.pending(CALIBRATION_POLL);
      }
      case PHASE -> {
        endCalibrationStep();
        set(SYSTEM_SEQUENCE_CONFIG, 0xE8);
        calibrated = true;
        return startRanging();
      }
      default -> {
        int status = (device.readRegister(RESULT_RANGE_STATUS) >> 3) & 0x0F;
        byte[] r = new byte[2];
        device.readRegisters(RESULT_RANGE_MM, r);
        int mm = ((r[0] & 0xFF) << 8) | (r[1] & 0xFF);
        set(SYSTEM_INTERRUPT_CLEAR, 0x01);
        return SampleStep.ready(values(status, mm));
      }
    }
  }

  private List<ChannelValue> values(int status, int mm) throws HardwareIoException {
    if (status >= 1 && status <= 3) {
      throw new HardwareIoException(HardwareIoException.Kind.OTHER, String.format(
          "VL53L0X at bus %d address 0x29 reports a hardware failure: %s (status %d)",
          bus, statusName(status), status));
    }
    if (status == STATUS_RANGE_COMPLETE) {
      return List.of(ChannelValue.good("distance", mm),
          ChannelValue.good("present", mm <= presenceMm ? 1 : 0));
    }
    return List.of(ChannelValue.suspect("distance", mm),
        ChannelValue.good("present", status == 10 ? 1 : 0));
  }

  private void endCalibrationStep() throws HardwareIoException {
    set(SYSTEM_INTERRUPT_CLEAR, 0x01);
    set(SYSRANGE_START, 0x00);
  }

  private void set(int register, int value) throws HardwareIoException {
    device.writeRegister(register, value);
  }

  @Override
  public void close() {
    if (device != null) {
      device.close();
      device = null;
    }
  }
}
