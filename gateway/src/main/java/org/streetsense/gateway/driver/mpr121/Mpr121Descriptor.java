package org.streetsense.gateway.driver.mpr121;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.spec.ChipMatch;
import org.streetsense.gateway.driver.spec.ChipSignature;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DeclaredChannel;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionRule;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.SimulationContext;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.simulated.SimulatedPin;
import org.streetsense.gateway.hardware.simulated.chips.Mpr121Chip;
import org.streetsense.gateway.hardware.simulated.signal.PoissonArrivals;
import org.streetsense.gateway.status.SensingKind;

/** The {@code mpr121} driver as the installation file sees it. */
public final class Mpr121Descriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("mpr121", ConnectionKind.I2C)
          .summary("capacitive touch, 12 electrodes (NXP MPR121)")
          .addresses(0x5A, 0x5B, 0x5C, 0x5D)
          .indexed(12, "bool")
          .eventsByDefault()
          .sensing(SensingKind.TOUCH)
          .touchElectrodes()
          .option(OptionSpec.builder("touchThreshold", OptionType.INTEGER)
              .driverKey("touch_threshold").unit("counts").defaultValue(12L).range(1, 255)
              .doc("drop below the baseline that counts as a touch, for every electrode").build())
          .option(OptionSpec.builder("releaseThreshold", OptionType.INTEGER)
              .driverKey("release_threshold").unit("counts").defaultValue(6L).range(0, 254)
              .doc("drop below which a touch ends; smaller than touchThreshold").build())
          .option(OptionSpec.builder("irqPin", OptionType.GPIO_PIN).driverKey("irq_pin")
              .range(0, 27)
              .doc("BCM pin wired to the chip's IRQ output: a touch is read at once, not polled")
              .build())
          .option(OptionSpec.bool("deltas", false,
              "also publish electrodeN_delta (baseline minus filtered counts) for tuning"))
          .rule(OptionRule.greater("touchThreshold", "releaseThreshold"))
          .factory(Mpr121Driver::new)
          .channelLayout(Mpr121Descriptor::layout)
          .driverChannel(c -> "electrode" + c.indexOrZero())
          .simulated(Mpr121Descriptor::simulate)
          .signature(ChipSignature.strong(Mpr121Descriptor::identify))
          .build();

  private Mpr121Descriptor() {}

  /** Runs the electrodes up to the highest declared; each declared one with its own thresholds. */
  private static void layout(List<DeclaredChannel> channels, Map<String, Object> options) {
    int max = channels.stream().mapToInt(DeclaredChannel::indexOrZero).max().orElse(0);
    options.put("electrodes", max + 1);
    for (DeclaredChannel c : channels) {
      c.touchThreshold().ifPresent(t -> options.put("touch_threshold_" + c.indexOrZero(), t));
      c.releaseThreshold().ifPresent(r -> options.put("release_threshold_" + c.indexOrZero(), r));
    }
  }

  /** People touch a random declared electrode for 0.3 to 2.8 s. */
  private static void simulate(SimulationContext ctx) {
    DeviceOptions o = ctx.options();
    Mpr121Chip chip = new Mpr121Chip();
    ctx.backend().i2cBus(o.intValue("bus")).attach(o.intValue("address"), chip);
    if (o.has("irq_pin")) {
      // the chip drives the simulated GPIO pin declared as its irqPin (active low)
      SimulatedPin irq = ctx.backend().pin(o.intValue("irq_pin"));
      irq.setLevel(chip.irqLine());
      chip.onIrq(irq::setLevel);
    }
    List<Integer> electrodes = ctx.channels().stream().map(DeclaredChannel::indexOrZero).toList();
    Random random = new Random(ctx.seed());
    PoissonArrivals people =
        new PoissonArrivals(6, Duration.ofSeconds(2), ctx.monotonicNanos(), ctx.seed());
    int[] touched = {-1};
    long[] releaseAt = {0};
    ctx.everyTick(() -> {
      long now = ctx.monotonicNanos();
      if (touched[0] >= 0 && now >= releaseAt[0]) {
        chip.touch(touched[0], false);
        touched[0] = -1;
      }
      if (!people.takeUntil(now).isEmpty() && touched[0] < 0 && !electrodes.isEmpty()) {
        touched[0] = electrodes.get(random.nextInt(electrodes.size()));
        releaseAt[0] = now + Duration.ofMillis(300 + random.nextInt(2500)).toNanos();
        chip.touch(touched[0], true);
      }
    });
  }

  /** Soft reset, then CONFIG2 (0x5D) reads its reset value 0x24: the chip's only reliable signature. */
  static Optional<ChipMatch> identify(I2cDevice dev) {
    try {
      dev.writeRegister(0x80, 0x63);
      int config2 = dev.readRegister(0x5D);
      return config2 == 0x24
          ? Optional.of(new ChipMatch("mpr121", "CONFIG2 0x5D = 0x24 after soft reset"))
          : Optional.empty();
    } catch (HardwareIoException e) {
      return Optional.empty();
    }
  }
}
