package org.streetsense.gateway.driver;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DeviceRunner} knows about its device, for dashboards and logs.
 *
 * @param deviceId device id
 * @param state lifecycle state
 * @param consecutiveFaults faults since the device last worked
 * @param lastError message of the last fault, if any
 */
public record DeviceStatus(
    String deviceId, State state, int consecutiveFaults, Optional<String> lastError) {

  public enum State {
    /** Not yet opened. */
    STARTING,
    /** Opened and delivering values. */
    RUNNING,
    /** Not answering; retrying with backoff. */
    FAULT,
    /** Misconfigured (bad options); not retried until restarted with new configuration. */
    FAILED,
    /** Closed. */
    CLOSED
  }

  public DeviceStatus {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lastError, "lastError");
  }
}
