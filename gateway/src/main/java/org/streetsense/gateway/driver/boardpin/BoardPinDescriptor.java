package org.streetsense.gateway.driver.boardpin;

import java.time.Duration;
import java.util.List;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;

/**
 * The {@code board-pin} driver as the installation file sees it: one analog (A0..) or digital
 * (D0..) pin of a microcontroller board on the serial bridge, sampled by the board itself
 * ({@code board.Boards}). A digital pin's edges are debounced in the gateway (the boards'
 * firmware does not), with the options {@code debounce} and {@code debounceMode} of the Pi's
 * {@code button} and {@code digital-in} (decision 0368); an analog pin refuses them.
 */
public final class BoardPinDescriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("board-pin", ConnectionKind.BOARD)
          .summary("one analog or digital pin of a microcontroller board on the serial bridge")
          .singleChannel("raw")
          .samplesEvery(Duration.ofSeconds(1))
          .eventCapable()
          .option(OptionSpec.builder("debounce", OptionType.DURATION).driverKey("debounce_ms")
              .defaultValue(Duration.ofMillis(20)).range(0, 1_000)
              .doc("digital pins only: the lockout after an edge (leading) or how long a level "
                  + "must be stable (trailing); 0ms reports every edge")
              .build())
          .option(OptionSpec.builder("debounceMode", OptionType.CHOICE).driverKey("debounce_mode")
              .choices(List.of("leading", "trailing")).defaultValue("leading")
              .doc("digital pins only: leading: the first edge counts at once, then a lockout; "
                  + "trailing: a stable level")
              .build())
          .build();

  private BoardPinDescriptor() {}
}
