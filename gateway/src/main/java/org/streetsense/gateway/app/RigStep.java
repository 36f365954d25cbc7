package org.streetsense.gateway.app;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One step of a scenario: at {@code at} from the start, do {@code action} to the simulated
 * installation; {@code description} is printed when it happens.
 */
public record RigStep(Duration at, String description, Consumer<RigControl> action) {

  public RigStep {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(action, "action");
  }
}
