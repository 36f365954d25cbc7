package org.streetsense.gateway.uplink;

import java.util.Objects;
import java.util.Optional;

/**
 * A change of the uplink's connection, as reported to
 * {@link MqttUplink#onConnectionChange}.
 *
 * @param status what happened
 * @param serverUri the broker concerned
 * @param reason human-readable reason for {@link Status#DISCONNECTED} (for example
 *     {@code "broker refused the connection: bad user name or password (MQTT return code 4)"});
 *     empty otherwise. Never contains the password.
 * @param cause the underlying failure, if any
 */
public record ConnectionState(Status status, String serverUri, String reason, Throwable cause) {

  /** Connection status. */
  public enum Status {
    /** A session is up; the birth message was sent and subscriptions are being made. */
    CONNECTED,
    /** A connect attempt failed or the session was lost; the reconnect loop is running. */
    DISCONNECTED,
    /** {@link MqttUplink#stop()} finished; no reconnect follows. */
    STOPPED
  }

  public ConnectionState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(serverUri, "serverUri");
    reason = reason == null ? "" : reason;
  }

  public boolean connected() {
    return status == Status.CONNECTED;
  }

  public Optional<Throwable> failure() {
    return Optional.ofNullable(cause);
  }
}
