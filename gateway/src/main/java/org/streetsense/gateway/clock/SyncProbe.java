package org.streetsense.gateway.clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Says whether the operating system considers its clock synchronised. Blocking: call from a
 * worker thread, never from an event loop.
 */
@FunctionalInterface
public interface SyncProbe {

  boolean synchronised();

  /**
   * systemd: {@code /run/systemd/timesync/synchronized} exists (systemd-timesyncd touches it on
   * first sync), or {@code timedatectl show -p NTPSynchronized --value} prints {@code yes}
   * (covers chrony and ntpd). False when neither is available.
   */
  static SyncProbe systemd() {
    return () -> {
      if (Files.exists(Path.of("/run/systemd/timesync/synchronized"))) {
        return true;
      }
      try {
        Process p = new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value")
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return false;
        }
        return p.exitValue() == 0 && out.trim().equals("yes");
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    };
  }
}
