package org.streetsense.gateway.command;

import java.util.Locale;

/** The answers a command gets, in order: ACCEPTED then DONE or FAILED; or REJECTED alone. */
public enum CommandStatus {
  /** Passed every check; execution started. */
  ACCEPTED,
  /** Refused with a reason; nothing was executed. */
  REJECTED,
  /** Finished (for pulses and fades: when the pulse or fade completed). */
  DONE,
  /** Accepted, but the hardware failed; the actuator was returned to its safe state. */
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
