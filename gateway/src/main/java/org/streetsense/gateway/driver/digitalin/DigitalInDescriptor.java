package org.streetsense.gateway.driver.digitalin;

import java.time.Duration;
import java.util.List;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.status.SensingKind;

/** The {@code digital-in} driver as the installation file sees it. */
public final class DigitalInDescriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("digital-in", ConnectionKind.GPIO_INPUT)
          .summary("any on/off signal: reed switch, beam break, open-collector output")
          .channel("state", "bool")
          .eventsByDefault()
          .sensing(SensingKind.OTHER)
          .option(OptionSpec.choice("pull", "off", List.of("up", "down", "off"),
              "the pin's internal pull resistor"))
          .option(OptionSpec.builder("activeLow", OptionType.BOOLEAN).driverKey("active_low")
              .defaultValue(false).doc("active (1) while the pin is low").build())
          .option(OptionSpec.builder("debounce", OptionType.DURATION).driverKey("debounce_ms")
              .defaultValue(Duration.ZERO).range(0, 1_000)
              .doc("a level counts once it has been stable this long; 0ms reports every edge").build())
          .option(OptionSpec.builder("debounceMode", OptionType.CHOICE).driverKey("debounce_mode")
              .choices(List.of("leading", "trailing")).defaultValue("leading")
              .doc("leading: the first edge counts at once, then a lockout; trailing: a stable level")
              .build())
          .factory(o -> new DigitalInDriver(o.stringValue("channel", "level")))
          .channelLayout((channels, options) -> channels.stream().findFirst()
              .ifPresent(c -> options.put("channel", c.name())))
          .build();

  private DigitalInDescriptor() {}
}
