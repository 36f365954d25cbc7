package org.streetsense.gateway.driver.vl53l0x;

import org.streetsense.gateway.hardware.wire.Vl53l0xRegisters;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.spec.ChipMatch;
import org.streetsense.gateway.driver.spec.ChipSignature;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.SimulationContext;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.simulated.chips.Vl53l0xChip;
import org.streetsense.gateway.hardware.simulated.signal.PoissonArrivals;
import org.streetsense.gateway.status.SensingKind;

/** The {@code vl53l0x} driver as the installation file sees it. */
public final class Vl53l0xDescriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("vl53l0x", ConnectionKind.I2C)
          .summary("time-of-flight distance: someone standing here (ST VL53L0X)")
          .addresses(Vl53l0xRegisters.ADDRESS)
          .channel("distance", "mm")
          .channel("present", "bool")
          .samplesEvery(Duration.ofMillis(250))
          .sensing(SensingKind.PRESENCE)
          .option(OptionSpec.builder("presence", OptionType.INTEGER).driverKey("presence_mm")
              .unit("mm").defaultValue(1000L).range(30, 2000)
              .doc("a valid range at most this far counts as someone standing here").build())
          .factory(o -> new Vl53l0xDriver())
          .simulated(Vl53l0xDescriptor::simulate)
          .signature(ChipSignature.strong(Vl53l0xDescriptor::identify))
          .build();

  private Vl53l0xDescriptor() {}

  /** People stop in front of the sensor as a Poisson process, 40 to 140 cm away. */
  private static void simulate(SimulationContext ctx) {
    PoissonArrivals people =
        new PoissonArrivals(3, Duration.ofSeconds(6), ctx.monotonicNanos(), ctx.seed());
    Random random = new Random(ctx.seed());
    AtomicLong standing = new AtomicLong(Double.doubleToLongBits(Double.NaN));
    ctx.everyTick(() -> {
      boolean present = people.valueAt(ctx.monotonicNanos()) > 0.5;
      double mm = Double.longBitsToDouble(standing.get());
      if (!present) {
        mm = Double.NaN;
      } else if (Double.isNaN(mm)) {
        mm = 400 + random.nextInt(1000);
      } else {
        mm = Math.max(300, Math.min(1500, mm + random.nextGaussian() * 5));
      }
      standing.set(Double.doubleToLongBits(mm));
    });
    DeviceOptions o = ctx.options();
    ctx.backend().i2cBus(o.intValue("bus")).attach(o.intValue("address"),
        new Vl53l0xChip(ctx.backend().time())
            .distance(() -> Double.longBitsToDouble(standing.get())));
  }

  /**
   * Model id 0xC0 = 0xEE and 0xC1 = 0xAA; a VL53L1X (16-bit registers, model id 0x010F = 0xEA
   * 0xCC) is named as such, so {@code probe} can say which sensor is wired.
   */
  static Optional<ChipMatch> identify(I2cDevice dev) {
    try {
      int model = dev.readRegister(Vl53l0xRegisters.IDENTIFICATION_MODEL_ID);
      int type = dev.readRegister(0xC1);
      if (model == Vl53l0xRegisters.MODEL_ID && type == 0xAA) {
        return Optional.of(new ChipMatch("vl53l0x", "model id 0xC0 = 0xEE, 0xC1 = 0xAA"));
      }
      byte[] l1 = new byte[2];
      dev.readRegisters16(0x010F, l1);
      if ((l1[0] & 0xFF) == 0xEA && (l1[1] & 0xFF) == 0xCC) {
        return Optional.of(new ChipMatch("vl53l1x", "model id 0x010F = 0xEACC"));
      }
      return Optional.empty();
    } catch (HardwareIoException e) {
      return Optional.empty();
    }
  }
}
