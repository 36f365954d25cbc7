package org.streetsense.gateway.driver.ads1115;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.streetsense.gateway.driver.ChannelDescriptor;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.SampleStep;
import org.streetsense.gateway.driver.SampledDriver;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;

/**
 * TI ADS1115 16-bit ADC on I2C (0x48..0x4B by ADDR to GND/VDD/SDA/SCL), in single-shot mode. Each
 * configured channel is converted in turn: write config with OS=1, wait 1/DR plus 10 % (the
 * oscillator may run that slow), poll OS until it reads 1, read the conversion register
 * (big-endian two's complement). Channels are in volts; a code at 0x7FFF or 0x8000 means the
 * input exceeds the PGA's full scale and is SUSPECT.
 *
 * <p>Options: {@code bus} (1), {@code address} (0x48), {@code channels}: list of
 * {@code {"name", "input", "full_scale", "data_rate"}} (default one channel {@code ain0}).
 */
public final class Ads1115Driver implements SampledDriver {

  private static final int REG_CONVERSION = 0x00;
  private static final int REG_CONFIG = 0x01;

  private final List<Ads1115Input> inputs;
  private I2cDevice device;
  private int current;
  private final List<ChannelValue> values = new ArrayList<>();

  /** @param options the device options; the channel list is read here, before {@code open}. */
  public Ads1115Driver(DeviceOptions options) {
    List<?> list = options.listValue("channels");
    List<Ads1115Input> parsed = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw options.error("channels[" + i + "]", "must be an object");
      }
      parsed.add(Ads1115Input.parse(options, i, m));
    }
    if (parsed.isEmpty()) {
      parsed.add(new Ads1115Input("ain0", 4, 2, 4));
    }
    this.inputs = List.copyOf(parsed);
  }

  @Override
  public List<ChannelDescriptor> channels() {
    return inputs.stream().map(i -> new ChannelDescriptor(i.name(), "V")).toList();
  }

  @Override
  public void open(DriverContext context) throws HardwareIoException {
    DeviceOptions o = context.options();
    int address = o.intValue("address", 0x48);
    if (address < 0x48 || address > 0x4B) {
      throw o.error("address", "must be 0x48..0x4B, was 0x" + Integer.toHexString(address));
    }
    device = context.backend().i2c(o.intValue("bus", 1), address);
    readRegister(REG_CONFIG);
  }

  @Override
  public SampleStep start() throws HardwareIoException {
    values.clear();
    current = 0;
    return startConversion();
  }

  private SampleStep startConversion() throws HardwareIoException {
    Ads1115Input in = inputs.get(current);
    int config = in.configWord();
    device.write(new byte[] {REG_CONFIG, (byte) (config >> 8), (byte) config});
    return SampleStep.pending(conversionTime(in));
  }

  static Duration conversionTime(Ads1115Input in) {
    return Duration.ofNanos((long) Math.ceil(1.1e9 / in.samplesPerSecond()));
  }

  @Override
  public SampleStep collect() throws HardwareIoException {
    Ads1115Input in = inputs.get(current);
    if ((readRegister(REG_CONFIG) & 0x8000) == 0) {
      return SampleStep.pending(Duration.ofMillis(1));
    }
    int code = (short) readRegister(REG_CONVERSION);
    double volts = code * in.fullScaleVolts() / 32768.0;
    boolean saturated = code == 32767 || code == -32768;
    values.add(
        saturated ? ChannelValue.suspect(in.name(), volts) : ChannelValue.good(in.name(), volts));
    if (++current < inputs.size()) {
      return startConversion();
    }
    return SampleStep.ready(values);
  }

  private int readRegister(int reg) throws HardwareIoException {
    byte[] b = new byte[2];
    device.writeRead(new byte[] {(byte) reg}, b);
    return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
  }

  @Override
  public void close() {
    if (device != null) {
      device.close();
      device = null;
    }
  }
}
