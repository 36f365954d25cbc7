package org.streetsense.gateway.driver.mcp3008;

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
import org.streetsense.gateway.hardware.SpiDevice;
import org.streetsense.gateway.hardware.SpiOptions;

/**
 * Microchip MCP3008 8-channel 10-bit ADC on SPI mode 0. Each channel is one 3-byte transfer:
 * {@code {0x01, (single ? 0x80 : 0) | ch << 4, 0}}; the code is {@code ((rx[1] & 3) << 8) | rx[2]}.
 * Channels are raw counts 0..1023 (calibrate to volts with scale Vref/1024).
 *
 * <p>Options: {@code bus} (0), {@code chip_select} (0), {@code clock_hz} (1_000_000; the chip
 * allows 1.35 MHz at 2.7 V), {@code channels}: list of {@code {"name", "channel": 0..7,
 * "differential": false}} (default {@code ch0}).
 */
public final class Mcp3008Driver implements SampledDriver {

  private record Input(String name, int channel, boolean differential) {}

  private final List<Input> inputs = new ArrayList<>();
  private SpiDevice device;

  public Mcp3008Driver(DeviceOptions options) {
    List<?> list = options.listValue("channels");
    for (int i = 0; i < list.size(); i++) {
      String where = "channels[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
        throw options.error(where, "must be an object with a \"name\"");
      }
      if (!(m.get("channel") instanceof Number ch) || ch.intValue() < 0 || ch.intValue() > 7) {
        throw options.error(where + ".channel", "must be 0..7, was " + m.get("channel"));
      }
      inputs.add(new Input(name, ch.intValue(), Boolean.TRUE.equals(m.get("differential"))));
    }
    if (inputs.isEmpty()) {
      inputs.add(new Input("ch0", 0, false));
    }
  }

  @Override
  public List<ChannelDescriptor> channels() {
    return inputs.stream().map(i -> new ChannelDescriptor(i.name(), "counts")).toList();
  }

  @Override
  public void open(DriverContext context) throws HardwareIoException {
    DeviceOptions o = context.options();
    device =
        context
            .backend()
            .spi(new SpiOptions(
                o.intValue("bus", 0), o.intValue("chip_select", 0), 0,
                o.intValue("clock_hz", 1_000_000)));
  }

  @Override
  public SampleStep start() throws HardwareIoException {
    List<ChannelValue> values = new ArrayList<>(inputs.size());
    for (Input in : inputs) {
      byte[] rx =
          device.transfer(
              new byte[] {0x01, (byte) ((in.differential() ? 0 : 0x80) | in.channel() << 4), 0});
      int code = ((rx[1] & 0x03) << 8) | (rx[2] & 0xFF);
      values.add(ChannelValue.good(in.name(), code));
    }
    return SampleStep.ready(values);
  }

  @Override
  public SampleStep collect() throws HardwareIoException {
    return start();
  }

  @Override
  public void close() {
    if (device != null) {
      device.close();
      device = null;
    }
  }
}
