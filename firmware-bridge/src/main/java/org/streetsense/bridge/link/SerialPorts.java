package org.streetsense.bridge.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds serial ports by their stable names. Linux names USB serial devices under
 * {@code /dev/serial/by-id/} after vendor, product and serial number, so the same board keeps
 * its name across replugging and reboots, unlike {@code /dev/ttyACM0}.
 */
public final class SerialPorts {

  public static final Path BY_ID = Path.of("/dev/serial/by-id");

  private SerialPorts() {}

  /** The stable paths present now, sorted; empty if no USB serial device is plugged in. */
  public static List<Path> byId() {
    return list(BY_ID);
  }

  static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
