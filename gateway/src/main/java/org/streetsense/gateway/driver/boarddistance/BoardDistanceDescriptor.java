package org.streetsense.gateway.driver.boarddistance;

import java.time.Duration;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.status.SensingKind;

/**
 * The {@code board-distance} driver as the installation file sees it: an HC-SR04 ultrasonic
 * ranger on a pin of a microcontroller board, measured by the board ({@code board.Boards}).
 */
public final class BoardDistanceDescriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("board-distance", ConnectionKind.BOARD)
          .summary("HC-SR04 ultrasonic ranger on a board pin, measured by the board")
          .channel("distance", "cm")
          .samplesEvery(Duration.ofMillis(250))
          .sensing(SensingKind.DISTANCE)
          .build();

  private BoardDistanceDescriptor() {}
}
