package org.streetsense.gateway.driver;

import org.streetsense.gateway.hardware.HardwareIoException;

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
 * @param lastErrorKind what kind of hardware failure the most recent fault was; empty for none,
 *     or for a fault that was not a {@link HardwareIoException} (a driver error, bad options)
 */
public record DeviceStatus(
    String deviceId, State state, int consecutiveFaults, Optional<String> lastError,
    Optional<java.time.Instant> lastErrorAt, long totalFaults,
    Optional<HardwareIoException.Kind> lastErrorKind) {

  public DeviceStatus(String deviceId, State state, int consecutiveFaults,
      Optional<String> lastError, Optional<java.time.Instant> lastErrorAt, long totalFaults) {
    this(deviceId, state, consecutiveFaults, lastError, lastErrorAt, totalFaults, Optional.empty());
  }

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
    Objects.requireNonNull(lastErrorKind, "lastErrorKind");
  }
}
