package org.streetsense.gateway.driver.relay;

import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.OutputSpec;
import org.streetsense.gateway.status.SensingKind;

/**
 * The {@code relay} output as the installation file sees it: a relay module on a GPIO pin. Most
 * modules switch on a low input, so it is active-low unless the file says otherwise. app/Devices
 * builds it as a {@code DigitalActuator}.
 */
public final class RelayDescriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("relay", ConnectionKind.GPIO_OUTPUT)
          .summary("relay module (transistor driver, flyback diode) on a GPIO pin")
          .sensing(SensingKind.INSTALLATION)
          .output(OutputSpec.onOff("switch", true))
          .option(OptionSpec.builder("activeLow", OptionType.BOOLEAN).driverKey("active_low")
              .defaultValue(true).doc("the module is on while the pin is low (most modules)")
              .build())
          .build();

  private RelayDescriptor() {}
}
