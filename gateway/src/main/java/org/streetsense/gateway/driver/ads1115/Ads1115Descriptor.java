package org.streetsense.gateway.driver.ads1115;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.spec.ChipMatch;
import org.streetsense.gateway.driver.spec.ChipSignature;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DeclaredChannel;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.SimulationContext;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.simulated.chips.Ads1115Chip;
import org.streetsense.gateway.hardware.simulated.signal.RandomWalk;
import org.streetsense.gateway.hardware.simulated.signal.SignalModel;

/** The {@code ads1115} driver as the installation file sees it. */
public final class Ads1115Descriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("ads1115", ConnectionKind.I2C)
          .summary("16-bit ADC, 4 inputs: sound envelope, potentiometers, light (TI ADS1115)")
          .addresses(0x48, 0x49, 0x4A, 0x4B)
          .indexed(4, "V")
          .samplesEvery(Duration.ofSeconds(1))
          .option(OptionSpec.builder("fullScale", OptionType.NUMBER).driverKey("full_scale")
              .unit("V").defaultValue(2.048)
              .choices(List.of("6.144", "4.096", "2.048", "1.024", "0.512", "0.256"))
              .doc("input range of every channel; a reading at full scale is suspect").build())
          .option(OptionSpec.builder("dataRate", OptionType.INTEGER).driverKey("data_rate")
              .unit("SPS").defaultValue(128L)
              .choices(List.of("8", "16", "32", "64", "128", "250", "475", "860"))
              .doc("conversions per second of every channel; slower is less noisy").build())
          .factory(Ads1115Driver::new)
          .channelLayout(Ads1115Descriptor::layout)
          .simulated(Ads1115Descriptor::simulate)
          .signature(ChipSignature.strong(Ads1115Descriptor::identify))
          .build();

  private Ads1115Descriptor() {}

  /** One single-ended input {@code ainN} per declared channel, at the device's range and rate. */
  private static void layout(List<DeclaredChannel> channels, Map<String, Object> options) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (DeclaredChannel c : channels) {
      inputs.add(Map.of("name", c.name(), "input", "ain" + c.indexOrZero(),
          "full_scale", options.get("full_scale"), "data_rate", options.get("data_rate")));
    }
    options.put("channels", inputs);
  }

  /** Each declared input wanders between 0.05 and 3.2 V. */
  private static void simulate(SimulationContext ctx) {
    Ads1115Chip chip = new Ads1115Chip(ctx.backend().time());
    for (DeclaredChannel c : ctx.channels()) {
      SignalModel v = RandomWalk.builder().bounds(0.05, 3.2).start(1.0)
          .stepSigma(0.02, Duration.ofSeconds(1)).seed(ctx.seed() + c.indexOrZero()).build();
      chip.input(c.indexOrZero(), () -> v.valueAt(ctx.monotonicNanos()));
    }
    DeviceOptions o = ctx.options();
    ctx.backend().i2cBus(o.intValue("bus")).attach(o.intValue("address"), chip);
  }

  /** The config register's power-on default 0x8583, or the threshold registers' defaults. */
  static Optional<ChipMatch> identify(I2cDevice dev) {
    try {
      int config = read16(dev, 0x01);
      if (config == 0x8583) {
        return Optional.of(new ChipMatch("ads1115", "config register = 0x8583 (power-on default)"));
      }
      int lo = read16(dev, 0x02);
      int hi = read16(dev, 0x03);
      if (lo == 0x8000 && hi == 0x7FFF) {
        return Optional.of(new ChipMatch("ads1115", String.format(
            "threshold registers at defaults 0x8000/0x7FFF, config 0x%04X", config)));
      }
      return Optional.empty();
    } catch (HardwareIoException e) {
      return Optional.empty();
    }
  }

  private static int read16(I2cDevice dev, int reg) throws HardwareIoException {
    byte[] b = new byte[2];
    dev.writeRead(new byte[] {(byte) reg}, b);
    return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
  }
}
