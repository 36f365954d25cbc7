package org.streetsense.gateway.driver;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DeviceRunner} knows about its device, for dashboards and logs.
 *
 * @param deviceId device id
 * @param state lifecycle state
 * @param consecutiveFaults faults since the device last worked
 * @param lastError message of the most recent fault, if any; kept after the device recovers, so
 *     a technician arriving later still sees what happened
 * @param lastErrorAt wall-clock time of that fault, if any
 * @param totalFaults faults since the runner started, never reset by a recovery
 */
public record DeviceStatus(
    String deviceId, State state, int consecutiveFaults, Optional<String> lastError,
    Optional<java.time.Instant> lastErrorAt, long totalFaults) {

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
    Objects.requireNonNull(lastErrorAt, "lastErrorAt");
  }
}
