package org.streetsense.gateway.safety;

import java.util.Objects;
import org.streetsense.gateway.actuator.RejectReason;

/**
 * The safety policy's answer to a command: accepted, accepted at a lower level (capped by quiet
 * hours), or rejected with a reason and a detail that names the value and the limit.
 *
 * @param cappedTo the level the command must run at instead of the one it asked for; NaN when
 *     it runs as asked
 */
public record Verdict(boolean accepted, RejectReason reason, String detail, double cappedTo) {

  private static final Verdict ACCEPT = new Verdict(true, null, "", Double.NaN);

  public Verdict {
    Objects.requireNonNull(detail, "detail");
    if (!accepted) {
      Objects.requireNonNull(reason, "reason");
    }
  }

  public static Verdict accept() {
    return ACCEPT;
  }

  public static Verdict reject(RejectReason reason, String detail) {
    return new Verdict(false, reason, detail, Double.NaN);
  }

  /** Accepted, to run at {@code level}; {@code detail} says why. */
  public static Verdict capped(double level, String detail) {
    return new Verdict(true, null, detail, level);
  }

  /** Whether the command must run at {@link #cappedTo} instead of its own level. */
  public boolean capped() {
    return !Double.isNaN(cappedTo);
  }
}
