package org.streetsense.gateway.driver.boardservo;

import java.util.Set;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.OutputCapability;
import org.streetsense.gateway.driver.spec.OutputSpec;
import org.streetsense.gateway.status.SensingKind;

/**
 * The {@code board-servo} driver as the installation file sees it: a servo on a digital pin of a
 * StandardFirmata board, level = angle 0..180 degrees ({@code board.Boards}). It has no
 * {@code safeState}: it rests at {@code safeAngle}.
 */
public final class BoardServoDescriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("board-servo", ConnectionKind.BOARD)
          .summary("a servo on a digital pin of a StandardFirmata board")
          .sensing(SensingKind.INSTALLATION)
          .output(new OutputSpec(Set.of(OutputCapability.ANGLE), "motion", false, ""))
          .option(OptionSpec.builder("safeAngle", OptionType.NUMBER).unit("degrees")
              .defaultValue(90.0).range(0, 180)
              .doc("the angle the servo rests at: at start, at shutdown and on lost control")
              .build())
          .build();

  private BoardServoDescriptor() {}
}
