package org.streetsense.gateway.hardware;

import java.io.IOException;

/**
 * A bus or pin operation failed the way real hardware fails: no acknowledgement, a timeout, a
 * device that is gone. Drivers catch it, mark their readings as faulty and retry; it never takes
 * the gateway down.
 */
public class HardwareIoException extends IOException {

  /** What kind of failure the bus reported. */
  public enum Kind {
    /** The addressed device did not acknowledge (absent, unplugged, wrong address). */
    NACK,
    /** The transaction did not complete in time (clock stretching, stuck bus). */
    TIMEOUT,
    /** The device or pin is not available (closed, unexported, permission denied). */
    UNAVAILABLE,
    /** Anything else the backend reported. */
    OTHER
  }

  private final Kind kind;

  public HardwareIoException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public HardwareIoException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
