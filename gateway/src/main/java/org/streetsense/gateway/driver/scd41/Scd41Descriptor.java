package org.streetsense.gateway.driver.scd41;

import org.streetsense.gateway.hardware.wire.Scd41Commands;
import org.streetsense.gateway.hardware.wire.SensirionCrc;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.spec.ChipMatch;
import org.streetsense.gateway.driver.spec.ChipSignature;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.SimulationContext;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.simulated.chips.Scd41Chip;
import org.streetsense.gateway.hardware.simulated.signal.DayCycle;
import org.streetsense.gateway.hardware.simulated.signal.Noise;
import org.streetsense.gateway.hardware.simulated.signal.RandomWalk;
import org.streetsense.gateway.hardware.simulated.signal.SignalModel;
import org.streetsense.gateway.status.SensingKind;

/** The {@code scd41} driver as the installation file sees it. */
public final class Scd41Descriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("scd41", ConnectionKind.I2C)
          .summary("CO2, temperature, humidity (Sensirion SCD41)")
          .addresses(Scd41Commands.ADDRESS)
          .channel("co2", "ppm")
          .channel("temperature", "degC")
          .channel("humidity", "%RH")
          .samplesEvery(Scd41Commands.SIGNAL_UPDATE_INTERVAL)
          .sensing(SensingKind.AIR)
          .factory(o -> new Scd41Driver())
          .simulated(Scd41Descriptor::simulate)
          .signature(ChipSignature.strong(Scd41Descriptor::identify))
          .build();

  private Scd41Descriptor() {}

  /** Street air: CO2 wandering 410..900 ppm (traffic, people), a day cycle of temperature. */
  private static void simulate(SimulationContext ctx) {
    long seed = ctx.seed();
    SignalModel co2 = RandomWalk.builder().bounds(410, 900).start(440)
        .stepSigma(8, Duration.ofSeconds(5)).seed(seed).build();
    SignalModel temp = new Noise(DayCycle.builder().range(9, 23).peakAt(LocalTime.of(15, 0))
        .zone(ZoneOffset.UTC).build(), 0.05, seed + 1);
    SignalModel hum = RandomWalk.builder().bounds(35, 85).start(58)
        .stepSigma(0.3, Duration.ofSeconds(5)).seed(seed + 2).build();
    DeviceOptions o = ctx.options();
    ctx.backend().i2cBus(o.intValue("bus")).attach(o.intValue("address"),
        new Scd41Chip(ctx.backend().time())
            .co2(() -> co2.valueAt(ctx.monotonicNanos()))
            .temperature(() -> temp.valueAt(ctx.wallNanos()))
            .humidity(() -> hum.valueAt(ctx.monotonicNanos())));
  }

  /**
   * The SCD4x has no id register: an idle sensor answers get_serial_number (0x3682) with three
   * words, a measuring one refuses it and answers get_data_ready_status (0xE4B8); either answer
   * must carry valid Sensirion CRC-8s. Waits the 1 ms execution time (setup time, probing thread);
   * does not stop a running measurement.
   */
  static Optional<ChipMatch> identify(I2cDevice dev) {
    try {
      byte[] serial = ask(dev, Scd41Commands.GET_SERIAL_NUMBER, 3);
      if (serial != null) {
        long number = 0;
        for (int i = 0; i < 3; i++) {
          int w = SensirionCrc.word(serial, i);
          if (w < 0) {
            return Optional.empty();
          }
          number = (number << 16) | w;
        }
        return Optional.of(new ChipMatch("scd41", String.format(
            "get_serial_number 0x3682 answers serial 0x%012X with valid Sensirion CRCs", number)));
      }
      byte[] ready = ask(dev, Scd41Commands.GET_DATA_READY_STATUS, 1);
      return ready != null && SensirionCrc.word(ready, 0) >= 0
          ? Optional.of(new ChipMatch("scd41",
              "measuring: get_data_ready_status 0xE4B8 answers with a valid Sensirion CRC"))
          : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Sends {@code command}, waits its execution time and reads {@code words}; null on a NACK. */
  private static byte[] ask(I2cDevice dev, int command, int words) throws InterruptedException {
    try {
      dev.write(Scd41Commands.bytes(command));
      Thread.sleep(Scd41Commands.READ_TIME.toMillis() + 1);
      byte[] r = new byte[3 * words];
      dev.read(r);
      return r;
    } catch (HardwareIoException e) {
      return null;
    }
  }
}
