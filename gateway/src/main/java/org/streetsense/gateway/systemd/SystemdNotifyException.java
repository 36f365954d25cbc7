package org.streetsense.gateway.systemd;

/** A notification could not be delivered: {@code systemd-notify} missing, failed or timed out. */
public final class SystemdNotifyException extends RuntimeException {

  public SystemdNotifyException(String message) {
    super(message);
  }

  public SystemdNotifyException(String message, Throwable cause) {
    super(message, cause);
  }
}
