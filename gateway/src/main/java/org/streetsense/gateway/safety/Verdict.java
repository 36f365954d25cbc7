package org.streetsense.gateway.safety;

import java.util.Objects;
import org.streetsense.gateway.command.RejectReason;

/**
 * The safety policy's answer to a command: accepted, or rejected with a reason and a detail that
 * names the value and the limit.
 */
public record Verdict(boolean accepted, RejectReason reason, String detail) {

  private static final Verdict ACCEPT = new Verdict(true, null, "");

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
    return new Verdict(false, reason, detail);
  }
}
