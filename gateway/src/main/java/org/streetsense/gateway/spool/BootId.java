package org.streetsense.gateway.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The id of the current boot, so monotonic times of another boot are recognised as such. */
public final class BootId {

  private static final Path LINUX_BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
  private static final String FALLBACK = "process-" + UUID.randomUUID();

  private BootId() {}

  /**
   * The Linux boot id; elsewhere a random id per process (treating each process start as a new
   * boot, which is the safe side: its monotonic times are never compared with another's).
   */
  public static String current() {
    try {
      return Files.readString(LINUX_BOOT_ID).trim();
    } catch (IOException | SecurityException e) {
      return FALLBACK;
    }
  }
}
