package org.streetsense.gateway.driver.boardoutput;

import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.OutputSpec;
import org.streetsense.gateway.status.SensingKind;

/**
 * The {@code board-output} driver as the installation file sees it: an on/off output pin of a
 * microcontroller board on the serial bridge, driven by the board ({@code board.Boards}).
 */
public final class BoardOutputDescriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("board-output", ConnectionKind.BOARD)
          .summary("an on/off output pin of a microcontroller board on the serial bridge")
          .sensing(SensingKind.INSTALLATION)
          .output(OutputSpec.onOff("light", false))
          .option(OptionSpec.builder("activeLow", OptionType.BOOLEAN).driverKey("active_low")
              .defaultValue(false).doc("the load is on while the pin is low").build())
          .build();

  private BoardOutputDescriptor() {}
}
