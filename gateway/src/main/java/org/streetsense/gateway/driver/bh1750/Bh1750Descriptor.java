package org.streetsense.gateway.driver.bh1750;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.spec.ChipMatch;
import org.streetsense.gateway.driver.spec.ChipSignature;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.SimulationContext;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.simulated.chips.Bh1750Chip;
import org.streetsense.gateway.hardware.simulated.signal.DayCycle;
import org.streetsense.gateway.hardware.simulated.signal.Noise;
import org.streetsense.gateway.hardware.simulated.signal.SignalModel;
import org.streetsense.gateway.status.SensingKind;

/** The {@code bh1750} driver as the installation file sees it. */
public final class Bh1750Descriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("bh1750", ConnectionKind.I2C)
          .summary("ambient light (ROHM BH1750)")
          .addresses(0x23, 0x5C)
          .channel("illuminance", "lx")
          .samplesEvery(Duration.ofSeconds(1))
          .sensing(SensingKind.LIGHT)
          .option(OptionSpec.choice("mode", "one_time", List.of("one_time", "continuous"),
              "one measurement per sample (the chip sleeps between) or continuous measuring"))
          .factory(o -> new Bh1750Driver())
          .simulated(Bh1750Descriptor::simulate)
          .signature(ChipSignature.weak(Bh1750Descriptor::identify))
          .build();

  private Bh1750Descriptor() {}

  /** A day cycle of light from 5 to 20000 lx, peak at 13:00 UTC. */
  private static void simulate(SimulationContext ctx) {
    SignalModel lux = new Noise(DayCycle.builder().range(5, 20_000).peakAt(LocalTime.of(13, 0))
        .zone(ZoneOffset.UTC).build(), 20, ctx.seed());
    DeviceOptions o = ctx.options();
    ctx.backend().i2cBus(o.intValue("bus")).attach(o.intValue("address"),
        new Bh1750Chip(ctx.backend().time()).lux(() -> Math.max(0, lux.valueAt(ctx.wallNanos()))));
  }

  /** The chip has no id register: it acknowledges the power-on instruction 0x01. */
  static Optional<ChipMatch> identify(I2cDevice dev) {
    try {
      dev.write(new byte[] {0x01});
      return Optional.of(new ChipMatch("bh1750",
          "acknowledges the power-on instruction 0x01 (the chip has no id register)"));
    } catch (HardwareIoException e) {
      return Optional.empty();
    }
  }
}
