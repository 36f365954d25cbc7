package org.streetsense.gateway.command;

import java.util.Locale;

/** Why a command was not executed. Counted per reason; the wire name is snake case. */
public enum RejectReason {
  MALFORMED,
  TOO_LARGE,
  EXPIRED,
  UNKNOWN_ACTUATOR,
  NOT_ALLOWED,
  OUT_OF_RANGE,
  MAX_ON_TIME,
  QUIET_HOURS,
  RATE_LIMITED,
  OVERLOADED,
  HARDWARE_ERROR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
