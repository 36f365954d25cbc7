package org.streetsense.gateway.driver.spec;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A channel as the installation file declares it, in the terms a driver needs: its name, the
 * input or output it reads ({@code index}, for indexed chips) and, for touch electrodes, its own
 * touch and release thresholds.
 */
public record DeclaredChannel(String name, OptionalInt index, OptionalInt touchThreshold,
    OptionalInt releaseThreshold) {

  public DeclaredChannel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(touchThreshold, "touchThreshold");
    Objects.requireNonNull(releaseThreshold, "releaseThreshold");
  }

  /** A channel with a name only. */
  public static DeclaredChannel named(String name) {
    return new DeclaredChannel(name, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
  }

  /** The index, 0 when the channel has none. */
  public int indexOrZero() {
    return index.orElse(0);
  }
}
