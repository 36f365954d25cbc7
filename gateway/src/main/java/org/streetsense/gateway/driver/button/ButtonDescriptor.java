package org.streetsense.gateway.driver.button;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionRule;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.SimulationContext;
import org.streetsense.gateway.hardware.simulated.EdgeScript;
import org.streetsense.gateway.hardware.simulated.SimulatedPin;
import org.streetsense.gateway.hardware.simulated.signal.PoissonArrivals;
import org.streetsense.gateway.status.SensingKind;

/** The {@code button} driver as the installation file sees it. */
public final class ButtonDescriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("button", ConnectionKind.GPIO_INPUT)
          .summary("push button to GND, debounced, with press, hold, double press and stuck events")
          .channel("pressed", "bool")
          .eventsByDefault()
          .sensing(SensingKind.TOUCH)
          .option(OptionSpec.choice("pull", "up", List.of("up", "down", "off"),
              "the pin's internal pull resistor"))
          .option(OptionSpec.builder("activeLow", OptionType.BOOLEAN)
              .driverKey("active_low").defaultValue(true)
              .doc("pressed while the pin is low (a button to GND)").build())
          .option(OptionSpec.builder("debounce", OptionType.DURATION)
              .driverKey("debounce_ms").defaultValue(Duration.ofMillis(20)).range(0, 1_000)
              .doc("a level counts once it has been stable this long").build())
          .option(OptionSpec.builder("debounceMode", OptionType.CHOICE).driverKey("debounce_mode")
              .choices(List.of("leading", "trailing")).defaultValue("leading")
              .doc("leading: the first edge counts at once, then a lockout; trailing: a stable level")
              .build())
          .option(OptionSpec.builder("hold", OptionType.DURATION)
              .driverKey("hold_ms").defaultValue(Duration.ofMillis(800)).range(10, 60_000)
              .doc("a press this long is reported as hold; longer than debounce").build())
          .option(OptionSpec.builder("doublePress", OptionType.DURATION)
              .driverKey("double_press_ms").defaultValue(Duration.ofMillis(400)).range(10, 5_000)
              .doc("a second press starting this soon after the first is a double_press").build())
          .option(OptionSpec.builder("stuckAfter", OptionType.DURATION)
              .driverKey("stuck_after_ms").defaultValue(Duration.ofSeconds(30))
              .range(1_000, 86_400_000)
              .doc("a press this long is reported once as stuck (jammed or vandalised); longer than hold")
              .build())
          .rule(OptionRule.greater("hold", "debounce"))
          .rule(OptionRule.greater("stuckAfter", "hold"))
          .factory(o -> new ButtonDriver(o.stringValue("channel", "button")))
          .channelLayout((channels, options) -> channels.stream().findFirst()
              .ifPresent(c -> options.put("channel", c.name())))
          .simulated(ButtonDescriptor::presses)
          .build();

  private ButtonDescriptor() {}

  /** Passers-by press the button now and then, with contact bounce. */
  private static void presses(SimulationContext ctx) {
    SimulatedPin pin = ctx.backend().pin(ctx.options().intValue("pin"));
    Random random = new Random(ctx.seed());
    PoissonArrivals arrivals =
        new PoissonArrivals(2, Duration.ofMillis(150), ctx.monotonicNanos(), ctx.seed());
    pin.setLevel(true);
    ctx.everyTick(() -> {
      if (!arrivals.takeUntil(ctx.monotonicNanos()).isEmpty()) {
        pin.play(EdgeScript.builder()
            .pulse(Duration.ZERO, Duration.ofMillis(80 + random.nextInt(300)), false)
            .bounce(3, Duration.ofMillis(1))
            .build());
      }
    });
  }
}
