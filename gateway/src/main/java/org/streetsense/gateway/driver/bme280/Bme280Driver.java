package org.streetsense.gateway.driver.bme280;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.driver.ChannelDescriptor;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.SampleStep;
import org.streetsense.gateway.driver.SampledDriver;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;

/**
 * Bosch BME280 temperature, humidity and pressure sensor on I2C, in forced mode.
 *
 * <p>Open: checks chip id 0xD0 = 0x60 (a BMP280 answers 0x58 and is refused), soft-resets (0xB6 to
 * 0xE0), waits for the NVM copy (status bit 0), reads calibration 0x88-0xA1 and 0xE1-0xE7, writes
 * ctrl_hum then ctrl_meas (ctrl_hum takes effect only after ctrl_meas). Each sample writes
 * ctrl_hum and ctrl_meas with forced mode, waits the datasheet's maximum measurement time, polls
 * status bit 3, burst-reads 0xF7-0xFE and compensates with Bosch's integer formulas.
 *
 * <p>Channels: {@code temperature} (degC), {@code humidity} (%RH), {@code pressure} (hPa). A result
 * word still at its reset value 0x80000 means the chip was reset since the measurement began
 * (power glitch, replug): reported as a fault so the runner re-initialises it.
 */
public final class Bme280Driver implements SampledDriver {

  static final int REG_ID = 0xD0;
  static final int REG_RESET = 0xE0;
  static final int REG_CTRL_HUM = 0xF2;
  static final int REG_STATUS = 0xF3;
  static final int REG_CTRL_MEAS = 0xF4;
  static final int REG_CONFIG = 0xF5;
  static final int REG_DATA = 0xF7;
  private static final int MAX_NVM_POLLS = 10;

  private Bme280Options options;
  private I2cDevice device;
  private Bme280Compensation compensation;

  @Override
  public List<ChannelDescriptor> channels() {
    return List.of(
        new ChannelDescriptor("temperature", "degC"),
        new ChannelDescriptor("humidity", "%RH"),
        new ChannelDescriptor("pressure", "hPa"));
  }

  @Override
  public void open(DriverContext context) throws HardwareIoException {
    options = Bme280Options.from(context.options());
    device = context.backend().i2c(options.bus(), options.address());
    int id = device.readRegister(REG_ID);
    if (id != 0x60) {
      throw new HardwareIoException(
          HardwareIoException.Kind.OTHER,
          String.format(
              "chip id 0x%02X at bus %d address 0x%02X is not a BME280 (0x60)%s",
              id, options.bus(), options.address(), id == 0x58 ? ": it is a BMP280" : ""));
    }
    device.writeRegister(REG_RESET, 0xB6);
    int polls = 0;
    while ((device.readRegister(REG_STATUS) & 0x01) != 0) {
      if (++polls > MAX_NVM_POLLS) {
        throw new HardwareIoException(
            HardwareIoException.Kind.TIMEOUT, "BME280 NVM copy did not finish after reset");
      }
    }
    byte[] b88 = new byte[26];
    device.readRegisters(0x88, b88);
    byte[] be1 = new byte[7];
    device.readRegisters(0xE1, be1);
    compensation = new Bme280Compensation(b88, be1);
    device.writeRegister(REG_CONFIG, 0x00);
    device.writeRegister(REG_CTRL_HUM, options.osrsH());
    device.writeRegister(REG_CTRL_MEAS, ctrlMeas(0));
  }

  private int ctrlMeas(int mode) {
    return (options.osrsT() << 5) | (options.osrsP() << 2) | mode;
  }

  @Override
  public SampleStep start() throws HardwareIoException {
    device.writeRegister(REG_CTRL_HUM, options.osrsH());
    device.writeRegister(REG_CTRL_MEAS, ctrlMeas(0x01));
    return SampleStep.pending(measurementTime());
  }

  @Override
  public SampleStep collect() throws HardwareIoException {
    if ((device.readRegister(REG_STATUS) & 0x08) != 0) {
      return SampleStep.pending(Duration.ofMillis(1));
    }
    byte[] d = new byte[8];
    device.readRegisters(REG_DATA, d);
    int adcP = ((d[0] & 0xFF) << 12) | ((d[1] & 0xFF) << 4) | ((d[2] & 0xFF) >> 4);
    int adcT = ((d[3] & 0xFF) << 12) | ((d[4] & 0xFF) << 4) | ((d[5] & 0xFF) >> 4);
    int adcH = ((d[6] & 0xFF) << 8) | (d[7] & 0xFF);
    if (options.osrsT() != 0 && adcT == 0x80000) {
      throw new HardwareIoException(
          HardwareIoException.Kind.OTHER, "BME280 results at reset value: chip was reset");
    }
    List<ChannelValue> values = new ArrayList<>(3);
    int tFine = compensation.tFine(adcT);
    values.add(
        options.osrsT() == 0
            ? ChannelValue.fault("temperature")
            : ChannelValue.good("temperature", compensation.temperatureCenti(tFine) / 100.0));
    values.add(
        options.osrsH() == 0 || adcH == 0x8000
            ? ChannelValue.fault("humidity")
            : ChannelValue.good("humidity", compensation.humidityQ10(adcH, tFine) / 1024.0));
    values.add(
        options.osrsP() == 0 || adcP == 0x80000
            ? ChannelValue.fault("pressure")
            : ChannelValue.good("pressure", compensation.pressureQ8(adcP, tFine) / 25600.0));
    return SampleStep.ready(values);
  }

  /** Datasheet appendix B maximum measurement time, rounded up to whole milliseconds. */
  Duration measurementTime() {
    double ms = 1.25 + 2.3 * factor(options.osrsT());
    if (options.osrsP() != 0) {
      ms += 2.3 * factor(options.osrsP()) + 0.575;
    }
    if (options.osrsH() != 0) {
      ms += 2.3 * factor(options.osrsH()) + 0.575;
    }
    return Duration.ofMillis((long) Math.ceil(ms));
  }

  private static int factor(int code) {
    return code == 0 ? 0 : 1 << (code - 1);
  }

  @Override
  public void close() {
    if (device != null) {
      device.close();
      device = null;
    }
  }
}
