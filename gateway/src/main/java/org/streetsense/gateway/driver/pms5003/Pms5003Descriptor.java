package org.streetsense.gateway.driver.pms5003;

import java.time.Duration;
import java.util.List;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.SimulationContext;
import org.streetsense.gateway.hardware.simulated.chips.Pms5003Sensor;
import org.streetsense.gateway.hardware.simulated.signal.RandomWalk;
import org.streetsense.gateway.hardware.simulated.signal.SignalModel;
import org.streetsense.gateway.status.SensingKind;

/** The {@code pms5003} driver as the installation file sees it. */
public final class Pms5003Descriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("pms5003", ConnectionKind.SERIAL)
          .summary("particulate matter PM1.0, PM2.5, PM10 (Plantower PMS5003)")
          .channel("pm1_0", "ug/m3")
          .channel("pm2_5", "ug/m3")
          .channel("pm10", "ug/m3")
          .samplesEvery(Duration.ofSeconds(10))
          .sensing(SensingKind.AIR)
          .option(OptionSpec.choice("mode", "active", List.of("active", "passive"),
              "active: the sensor sends every 0.2 to 2.3 s; passive: one frame per sample"))
          .option(OptionSpec.choice("concentration", "atmospheric",
              List.of("atmospheric", "standard"),
              "which words to report: atmospheric environment or CF=1 standard particle"))
          .factory(o -> new Pms5003Driver())
          .simulated(Pms5003Descriptor::simulate)
          .build();

  private Pms5003Descriptor() {}

  /** A simulated PMS5003 on the device's port: PM2.5 wandering 3..80 ug/m3 (traffic, smoke). */
  private static void simulate(SimulationContext ctx) {
    SignalModel pm25 = RandomWalk.builder().bounds(3, 80).start(9)
        .stepSigma(0.8, Duration.ofSeconds(5)).seed(ctx.seed()).build();
    Pms5003Sensor sensor = new Pms5003Sensor(ctx.backend().time(), ctx.backend().scheduler(),
        "pms5003-" + ctx.options().deviceId())
        .pm1(() -> 0.65 * pm25.valueAt(ctx.monotonicNanos()))
        .pm25(() -> pm25.valueAt(ctx.monotonicNanos()))
        .pm10(() -> 1.45 * pm25.valueAt(ctx.monotonicNanos()));
    ctx.backend().attachSerial(ctx.options().stringValue("port", null), sensor::hostLink);
    sensor.start();
  }
}
