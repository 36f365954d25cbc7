package org.streetsense.gateway.hardware.pi4j;

import java.util.Locale;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * Maps what Pi4J and the Linux drivers beneath it throw to {@link HardwareIoException}. Pi4J wraps
 * errno failures in runtime exceptions whose messages carry the kernel's text, so the kind is read
 * from the message chain: "Remote I/O error" (EREMOTEIO, no ACK) is NACK, "timed out" is TIMEOUT,
 * a missing device node, denied permission or a busy/reserved line is UNAVAILABLE.
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

  static HardwareIoException.Kind kindOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HardwareIoException hardware) {
        return hardware.kind();
      }
      String name = t.getClass().getSimpleName();
      String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (text.contains("remote i/o") || text.contains("eremoteio") || text.contains("errno 121")) {
        return HardwareIoException.Kind.NACK;
      }
      if (text.contains("timed out") || text.contains("timeout") || text.contains("etimedout")) {
        return HardwareIoException.Kind.TIMEOUT;
      }
      if (name.equals("IOAlreadyExistsException")
          || text.contains("does not exist")
          || text.contains("no such file")
          || text.contains("no such device")
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
