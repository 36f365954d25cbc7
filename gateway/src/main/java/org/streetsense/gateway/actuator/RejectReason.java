package org.streetsense.gateway.actuator;

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
  HARDWARE_ERROR,
  /** The output reached its max on-time and rests at its safe level for its cool-down. */
  COOL_DOWN,
  /** A pulse or fade longer than {@code safety.maxDuration} (or not representable). */
  DURATION_TOO_LONG,
  /** A retained MQTT command (delivered again at every subscribe): never executed. */
  RETAINED,
  /** An id in a space the gateway keeps for its own sources ({@code osc:}, {@code reflex:}). */
  RESERVED_ID,
  /** The command has a sender-clock expiry but the gateway's wall clock is not yet trusted. */
  CLOCK_UNTRUSTED,
  /** A running pulse or fade ended because a newer command for the actuator replaced it. */
  SUPERSEDED,
  /** A running pulse or fade ended because the gateway stopped and returned every output to safe. */
  SHUTDOWN,
  /**
   * A running pulse or fade ended because a new installation file was applied (a pulse on an
   * output kept at its level ends at its safe level; a fade stops where it is).
   */
  RECONFIGURED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
