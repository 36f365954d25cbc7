package org.streetsense.gateway.uplink;

/**
 * A publish was refused because the uplink has no session with the broker, or the session
 * dropped before the broker acknowledged it. The uplink does not buffer: the caller retries.
 */
public final class UplinkDisconnectedException extends RuntimeException {

  public UplinkDisconnectedException(String message) {
    super(message);
  }

  public UplinkDisconnectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
