package org.streetsense.gateway.hardware.pi4j;

import java.util.Locale;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * Maps what Pi4J and the Linux drivers beneath it throw to {@link HardwareIoException} (decision
 * 0326). The kind comes from the errno where Pi4J keeps it (linuxfs's {@code LinuxFileException}
 * carries the code), else from the kernel's text in the message chain, which is
 * {@code strerror(errno)}: EREMOTEIO (121, "Remote I/O error", no ACK) is NACK; ETIMEDOUT (110,
 * "Connection timed out") is TIMEOUT; ENODEV (19, "No such device"), ENXIO (6, "No such device or
 * address"), ENOENT (2, "No such file or directory") and Pi4J's "... does not exist" for a bus
 * are BUS_GONE; denied permission or a busy/reserved line is UNAVAILABLE.
 */
final class Pi4jErrors {

  private Pi4jErrors() {}

  /**
   * @param where names the resource, e.g. {@code "i2c-1 0x76"}
   * @param action what was attempted, e.g. {@code "write 2 bytes"}
   */
  static HardwareIoException map(String where, String action, Throwable failure) {
    HardwareIoException.Kind kind = kindOf(failure);
    return new HardwareIoException(
        kind, where + ": " + action + " failed (" + describe(failure) + ")", failure);
  }

  /** Linux errno values the mapping knows. */
  static final int ENOENT = 2;
  static final int ENXIO = 6;
  static final int EACCES = 13;
  static final int EBUSY = 16;
  static final int ENODEV = 19;
  static final int ETIMEDOUT = 110;
  static final int EREMOTEIO = 121;

  /** The kind of a kernel errno; empty for one the mapping does not know. */
  static java.util.Optional<HardwareIoException.Kind> kindOfErrno(int errno) {
    return java.util.Optional.ofNullable(switch (errno) {
      case EREMOTEIO -> HardwareIoException.Kind.NACK;
      case ETIMEDOUT -> HardwareIoException.Kind.TIMEOUT;
      case ENODEV, ENXIO, ENOENT -> HardwareIoException.Kind.BUS_GONE;
      case EACCES, EBUSY -> HardwareIoException.Kind.UNAVAILABLE;
      default -> null;
    });
  }

  static HardwareIoException.Kind kindOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HardwareIoException hardware) {
        return hardware.kind();
      }
      if (t instanceof com.pi4j.library.linuxfs.LinuxFile.LinuxFileException f) {
        java.util.Optional<HardwareIoException.Kind> byCode = kindOfErrno(f.getCode());
        if (byCode.isPresent()) {
          return byCode.get();
        }
      }
      String name = t.getClass().getSimpleName();
      String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (text.contains("remote i/o") || text.contains("eremoteio") || text.contains("errno 121")) {
        return HardwareIoException.Kind.NACK;
      }
      if (text.contains("timed out") || text.contains("timeout") || text.contains("etimedout")
          || text.contains("errno 110")) {
        return HardwareIoException.Kind.TIMEOUT;
      }
      if (text.contains("no such device") // ENODEV, and ENXIO "no such device or address"
          || text.contains("no such file") // ENOENT
          || text.contains("enodev") || text.contains("enxio") || text.contains("enoent")
          || (text.contains("does not exist") && !name.equals("IOAlreadyExistsException"))) {
        return HardwareIoException.Kind.BUS_GONE;
      }
      if (name.equals("IOAlreadyExistsException")
          || text.contains("permission denied")
          || text.contains("busy")
          || text.contains("no gpio chip")
          || text.contains("not initialized")) {
        return HardwareIoException.Kind.UNAVAILABLE;
      }
    }
    return HardwareIoException.Kind.OTHER;
  }

  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null && text.length() < 300; t = t.getCause()) {
      if (text.length() > 0) {
        text.append("; caused by ");
      }
      text.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        text.append(": ").append(t.getMessage());
      }
    }
    return text.toString();
  }
}
