package org.streetsense.gateway.driver.bh1750;

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
 * ROHM BH1750FVI ambient light sensor on I2C (0x23 with ADDR low, 0x5C with ADDR high). The chip
 * has no registers and no id: the driver sends one-byte instructions and reads two bytes.
 *
 * <p>Open: Power On (0x01), Reset (0x07), MTreg = 69 (0x42, 0x65); in {@code continuous} mode also Continuous H-resolution
 * (0x10). Each sample in {@code one_time} mode (default) sends Power On and One-time
 * H-resolution (0x20) and waits the datasheet's maximum 180 ms before reading; the chip powers
 * itself down afterwards. The chip has no ready flag, so the wait is the only guard.
 *
 * <p>Channel {@code illuminance} (lx) = count / 1.2; a count of 65535 is saturated and SUSPECT.
 */
public final class Bh1750Driver implements SampledDriver {

  static final Duration MAX_MEASUREMENT = Duration.ofMillis(180);

  private I2cDevice device;
  private boolean continuous;
  private boolean firstSample;

  @Override
  public List<ChannelDescriptor> channels() {
    return List.of(new ChannelDescriptor("illuminance", "lx"));
  }

  @Override
  public void open(DriverContext context) throws HardwareIoException {
    DeviceOptions o = context.options();
    int address = o.intValue("address", 0x23);
    if (address != 0x23 && address != 0x5C) {
      throw o.error("address", "must be 0x23 or 0x5C, was 0x" + Integer.toHexString(address));
    }
    String mode = o.stringValue("mode", "one_time");
    if (!mode.equals("one_time") && !mode.equals("continuous")) {
      throw o.error("mode", "must be \"one_time\" or \"continuous\", was \"" + mode + "\"");
    }
    continuous = mode.equals("continuous");
    device = context.backend().i2c(o.intValue("bus", 1), address);
    device.write(new byte[] {0x01});
    device.write(new byte[] {0x07});
    // MTreg back to its default 69 (0b010_00101): it survives Reset and a probe may have changed it
    device.write(new byte[] {0x42});
    device.write(new byte[] {0x65});
    if (continuous) {
      device.write(new byte[] {0x10});
    }
    firstSample = true;
  }

  @Override
  public SampleStep start() throws HardwareIoException {
    if (continuous) {
      Duration wait = firstSample ? MAX_MEASUREMENT : Duration.ZERO;
      firstSample = false;
      return SampleStep.pending(wait);
    }
    device.write(new byte[] {0x01});
    device.write(new byte[] {0x20});
    return SampleStep.pending(MAX_MEASUREMENT);
  }

  @Override
  public SampleStep collect() throws HardwareIoException {
    byte[] b = new byte[2];
    device.read(b);
    int count = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    double lux = count / 1.2;
    return SampleStep.ready(
        List.of(
            count == 0xFFFF
                ? ChannelValue.suspect("illuminance", lux)
                : ChannelValue.good("illuminance", lux)));
  }

  @Override
  public void close() {
    if (device != null) {
      device.close();
      device = null;
    }
  }
}
