package org.streetsense.gateway.driver.boardpin;

import java.time.Duration;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;

/**
 * The {@code board-pin} driver as the installation file sees it: one analog (A0..) or digital
 * (D0..) pin of a microcontroller board on the serial bridge, sampled by the board itself
 * ({@code board.Boards}).
 */
public final class BoardPinDescriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("board-pin", ConnectionKind.BOARD)
          .summary("one analog or digital pin of a microcontroller board on the serial bridge")
          .singleChannel("raw")
          .samplesEvery(Duration.ofSeconds(1))
          .eventCapable()
          .build();

  private BoardPinDescriptor() {}
}
