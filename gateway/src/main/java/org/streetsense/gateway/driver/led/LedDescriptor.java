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
          .summary("LED or logic-level MOSFET on a GPIO pin: on/off, or dimmed by hardware PWM")
          .sensing(SensingKind.INSTALLATION)
          .output(OutputSpec.onOff("light", false))
          .option(OptionSpec.builder("activeLow", OptionType.BOOLEAN).driverKey("active_low")
              .defaultValue(false).doc("the LED is on while the pin is low").build())
          .option(OptionSpec.bool("dimmable", false,
              "dim 0..1 by hardware PWM; only on BCM 12, 13, 18 or 19"))
          .option(OptionSpec.builder("frequency", OptionType.INTEGER).driverKey("frequency_hz")
              .unit("Hz").defaultValue(1000L).range(1, 100_000)
              .doc("PWM frequency of a dimmable led").build())
          .option(OptionSpec.builder("pwmChannel", OptionType.INTEGER).driverKey("pwm_channel")
              .range(0, 3)
              .doc("channel of the PWM chip when it differs from the pin's (Pi 5: 12=0, 13=1, "
                  + "18=2, 19=3)").build())
          .build();

  private LedDescriptor() {}
}
