package org.streetsense.gateway.driver.led;

import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.OutputSpec;
import org.streetsense.gateway.status.SensingKind;

/**
 * The {@code led} output as the installation file sees it: an LED (or a MOSFET for a lamp) on a
 * GPIO pin, on or off. app/Devices builds it as a {@code DigitalActuator}.
 */
public final class LedDescriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("led", ConnectionKind.GPIO_OUTPUT)
          .summary("LED or logic-level MOSFET on a GPIO pin, on or off")
          .sensing(SensingKind.INSTALLATION)
          .output(OutputSpec.onOff("light", false))
          .option(OptionSpec.builder("activeLow", OptionType.BOOLEAN).driverKey("active_low")
              .defaultValue(false).doc("the LED is on while the pin is low").build())
          .build();

  private LedDescriptor() {}
}
