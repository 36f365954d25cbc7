package org.streetsense.gateway.driver.bme280;

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
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.SimulationContext;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.simulated.chips.Bme280Chip;
import org.streetsense.gateway.hardware.simulated.signal.DayCycle;
import org.streetsense.gateway.hardware.simulated.signal.Noise;
import org.streetsense.gateway.hardware.simulated.signal.RandomWalk;
import org.streetsense.gateway.hardware.simulated.signal.SignalModel;
import org.streetsense.gateway.status.SensingKind;

/** The {@code bme280} driver as the installation file sees it. */
public final class Bme280Descriptor {

  private static final List<Long> OVERSAMPLING = List.of(0L, 1L, 2L, 4L, 8L, 16L);

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("bme280", ConnectionKind.I2C)
          .summary("temperature, humidity, pressure (Bosch BME280)")
          .addresses(0x76, 0x77)
          .channel("temperature", "degC")
          .channel("humidity", "%RH")
          .channel("pressure", "hPa")
          .samplesEvery(Duration.ofSeconds(10))
          .sensing(SensingKind.AIR)
          .option(oversampling("oversamplingTemperature", "oversampling_temperature",
              "temperature"))
          .option(oversampling("oversamplingPressure", "oversampling_pressure", "pressure"))
          .option(oversampling("oversamplingHumidity", "oversampling_humidity", "humidity"))
          .factory(o -> new Bme280Driver())
          .simulated(Bme280Descriptor::simulate)
          .signature(ChipSignature.strong(Bme280Descriptor::identify))
          .build();

  private Bme280Descriptor() {}

  private static OptionSpec oversampling(String key, String driverKey, String what) {
    return OptionSpec.builder(key, OptionType.INTEGER).driverKey(driverKey).unit("x")
        .defaultValue(1L).choices(OVERSAMPLING.stream().map(String::valueOf).toList())
        .doc("oversampling of " + what + "; 0 skips it, more lowers noise and takes longer")
        .build();
  }

  /** A day cycle of temperature (peak at 15:00 UTC), a random walk of humidity and pressure. */
  private static void simulate(SimulationContext ctx) {
    long seed = ctx.seed();
    SignalModel temp = new Noise(DayCycle.builder().range(8, 24).peakAt(LocalTime.of(15, 0))
        .zone(ZoneOffset.UTC).build(), 0.05, seed);
    SignalModel hum = RandomWalk.builder().bounds(35, 85).start(60)
        .stepSigma(0.3, Duration.ofSeconds(5)).seed(seed).build();
    SignalModel press = RandomWalk.builder().bounds(98_000, 103_000).start(101_325)
        .stepSigma(5, Duration.ofSeconds(5)).seed(seed + 1).build();
    DeviceOptions o = ctx.options();
    ctx.backend().i2cBus(o.intValue("bus")).attach(o.intValue("address"),
        new Bme280Chip(ctx.backend().time())
            .temperature(() -> temp.valueAt(ctx.wallNanos()))
            .humidity(() -> hum.valueAt(ctx.monotonicNanos()))
            .pressure(() -> press.valueAt(ctx.monotonicNanos())));
  }

  /** Chip id register 0xD0: 0x60 BME280; its relatives BMP280 (0x56..0x58) and BME680 (0x61). */
  static Optional<ChipMatch> identify(I2cDevice dev) {
    try {
      int id = dev.readRegister(0xD0);
      String evidence = String.format("chip id 0xD0 = 0x%02X", id);
      return switch (id) {
        case 0x60 -> Optional.of(new ChipMatch("bme280", evidence));
        case 0x56, 0x57, 0x58 -> Optional.of(new ChipMatch("bmp280", evidence));
        case 0x61 -> Optional.of(new ChipMatch("bme680", evidence));
        default -> Optional.empty();
      };
    } catch (HardwareIoException e) {
      return Optional.empty();
    }
  }
}
