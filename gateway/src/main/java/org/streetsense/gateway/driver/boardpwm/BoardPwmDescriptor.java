package org.streetsense.gateway.driver.boardpwm;

import java.util.Set;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.OutputCapability;
import org.streetsense.gateway.driver.spec.OutputSpec;
import org.streetsense.gateway.status.SensingKind;

/**
 * The {@code board-pwm} driver as the installation file sees it: a PWM output (a digital pin such
 * as D9) of a microcontroller board, level 0..1 as duty 0..255 ({@code board.Boards}).
 */
public final class BoardPwmDescriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("board-pwm", ConnectionKind.BOARD)
          .summary("a PWM output pin (D3, D9...) of a microcontroller board: dimming")
          .sensing(SensingKind.INSTALLATION)
          .output(new OutputSpec(Set.of(OutputCapability.DIMMABLE), "light", false, "off"))
          .option(OptionSpec.builder("activeLow", OptionType.BOOLEAN).driverKey("active_low")
              .defaultValue(false).doc("full on while the pin is low (duty inverted)").build())
          .build();

  private BoardPwmDescriptor() {}
}
