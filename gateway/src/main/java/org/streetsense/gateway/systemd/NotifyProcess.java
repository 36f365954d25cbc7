package org.streetsense.gateway.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code systemd-notify VAR=VALUE...} once, blocking the calling thread until it exits.
 * {@code systemd-notify} (without {@code --no-block}) waits until the service manager has
 * processed the message, so the message cannot be lost because the sender exited first.
 */
final class NotifyProcess {

  private final String executable;
  private final String notifySocket;
  private final Duration timeout;

  NotifyProcess(String executable, String notifySocket, Duration timeout) {
    this.executable = executable;
    this.notifySocket = notifySocket;
    this.timeout = timeout;
  }

  /** Sends the assignments; throws {@link SystemdNotifyException} when delivery failed. */
  void send(List<String> assignments) {
    List<String> command = new ArrayList<>(assignments.size() + 1);
    command.add(executable);
    command.addAll(assignments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("NOTIFY_SOCKET", notifySocket);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SystemdNotifyException("cannot run " + executable
          + " (install the Debian package 'systemd'): " + e.getMessage(), e);
    }
    try {
      process.getOutputStream().close();
      // Its output is a line at most, far below the pipe buffer: waiting first cannot deadlock.
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new SystemdNotifyException(executable + " did not exit within " + timeout);
      }
      int exit = process.exitValue();
      if (exit != 0) {
        byte[] output = process.getInputStream().readNBytes(4096);
        throw new SystemdNotifyException(executable + " exited with " + exit + ": "
            + new String(output, StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new SystemdNotifyException("reading output of " + executable + " failed", e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SystemdNotifyException("interrupted while waiting for " + executable, e);
    }
  }
}
