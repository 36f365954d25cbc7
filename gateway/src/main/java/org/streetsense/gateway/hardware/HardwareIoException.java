package org.streetsense.gateway.hardware;

import java.io.IOException;

/**
 * A bus or pin operation failed the way real hardware fails: no acknowledgement, a timeout, a
 * device that is gone. Drivers catch it, mark their readings as faulty and retry; it never takes
 * the gateway down.
 *
 * <p>The {@link Kind} is what the gateway acts on (device health, probe); the message is for
 * people. Every backend reports the same kind for the same fault: the simulated bus and the Pi4J
 * backend (from the kernel's errno, decision 0326) agree on NACK, TIMEOUT and BUS_GONE.
 */
public class HardwareIoException extends IOException {

  /** What kind of failure the bus reported. */
  public enum Kind {
    /**
     * The addressed device did not acknowledge (absent, unplugged, wrong address): EREMOTEIO,
     * "Remote I/O error".
     */
    NACK,
    /** The transaction did not complete in time (clock stretching, stuck bus): ETIMEDOUT. */
    TIMEOUT,
    /**
     * The bus itself is gone: its device node or adapter disappeared (a USB I2C adapter
     * unplugged, the I2C interface not enabled): ENODEV, ENXIO, ENOENT.
     */
    BUS_GONE,
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
