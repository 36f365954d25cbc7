package org.streetsense.gateway.driver.pir;

import java.time.Duration;
import java.util.List;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.SimulationContext;
import org.streetsense.gateway.hardware.simulated.SimulatedPin;
import org.streetsense.gateway.hardware.simulated.signal.PoissonArrivals;
import org.streetsense.gateway.status.SensingKind;

/** The {@code pir} driver as the installation file sees it. */
public final class PirDescriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("pir", ConnectionKind.GPIO_INPUT)
          .summary("PIR motion sensor (HC-SR501 style) with presence enter and leave")
          .channel("motion", "bool")
          .eventsByDefault()
          .sensing(SensingKind.PRESENCE)
          .reportsPresence()
          .option(OptionSpec.choice("pull", "off", List.of("up", "down", "off"),
              "the pin's internal pull resistor (the module drives its output)"))
          .option(OptionSpec.builder("warmUp", OptionType.DURATION).driverKey("warm_up_ms")
              .defaultValue(Duration.ofSeconds(60)).range(0, 600_000)
              .doc("triggers this soon after power-up are ignored while the sensor settles").build())
          .option(OptionSpec.builder("hold", OptionType.DURATION).driverKey("hold_ms")
              .defaultValue(Duration.ofSeconds(5)).range(0, 3_600_000)
              .doc("presence lasts this long after the last trigger; a re-trigger extends it").build())
          .factory(o -> new PirDriver())
          .simulated(PirDescriptor::passersBy)
          .build();

  private PirDescriptor() {}

  /** Passers-by arrive as a Poisson process and stay a few seconds. */
  private static void passersBy(SimulationContext ctx) {
    SimulatedPin pin = ctx.backend().pin(ctx.options().intValue("pin"));
    PoissonArrivals arrivals =
        new PoissonArrivals(4, Duration.ofSeconds(4), ctx.monotonicNanos(), ctx.seed());
    ctx.everyTick(() -> {
      boolean present = arrivals.valueAt(ctx.monotonicNanos()) > 0.5;
      if (present != pin.level()) {
        pin.setLevel(present);
      }
    });
  }
}
