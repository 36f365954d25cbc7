package org.streetsense.bridge.firmata;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of a {@link FirmataClient}.
 *
 * @param startTimeout how long {@link FirmataClient#start()} waits for the firmware report (an
 *     Uno resets on open and StandardFirmata needs about 2 s to boot); default 6 s
 * @param queryInterval how often the firmware query is repeated while waiting; default 500 ms
 * @param requestTimeout how long a capability or analog-mapping query waits; default 2 s
 */
public record FirmataClientOptions(Duration startTimeout, Duration queryInterval,
    Duration requestTimeout) {

  public static final FirmataClientOptions DEFAULT = new FirmataClientOptions(
      Duration.ofSeconds(6), Duration.ofMillis(500), Duration.ofSeconds(2));

  public FirmataClientOptions {
    positive(startTimeout, "startTimeout");
    positive(queryInterval, "queryInterval");
    positive(requestTimeout, "requestTimeout");
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
