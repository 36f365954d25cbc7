package org.streetsense.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server binary (Mosquitto, influxd, victoria-metrics, socat) started by a test in its own
 * temporary directory, with its output captured to {@code server.log} there. Subclasses build
 * the command line and say when the server is ready. Stopping kills the whole process tree and
 * waits for it; {@link #close()} also deletes nothing, so logs stay for post-mortems under
 * {@code target/}.
 *
 * <p>Not thread-safe: one test thread drives one server.
 */
public abstract class ServerProcess implements AutoCloseable {

  private final String name;
  private final Path workDir;
  private Process process;
  private boolean paused;

  protected ServerProcess(String name, Path workDir) {
    this.name = name;
    this.workDir = workDir;
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates a fresh working directory under {@code target/servers} (or the system temp dir). */
  protected static Path newWorkDir(String prefix) {
    try {
      Path base = Path.of("target", "servers");
      Files.createDirectories(base);
      return Files.createTempDirectory(base.toAbsolutePath(), prefix + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The command line to run, resolved against {@link #workDir()}. */
  protected abstract List<String> command() throws IOException;

  /** Waits until the server accepts work; throws if it does not within the timeout. */
  protected abstract void awaitReady(Duration timeout);

  public final String name() {
    return name;
  }

  public final Path workDir() {
    return workDir;
  }

  public final Path logFile() {
    return workDir.resolve("server.log");
  }

  public final synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the server and waits up to 30 s for it to be ready. */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    try {
      List<String> cmd = new ArrayList<>(command());
      ProcessBuilder builder = new ProcessBuilder(cmd).directory(workDir.toFile());
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " in " + workDir, e);
    }
    try {
      awaitReady(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      String log = readLogQuietly();
      stop();
      throw new IllegalStateException(name + " did not become ready; log:\n" + log, e);
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    resume();
    Process p = process;
    process = null;
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Freezes the server (SIGSTOP): its connections stay open and nothing is answered, as a server
   * that hangs, until {@link #resume()}. {@link #stop()} resumes it first.
   */
  public synchronized void pause() {
    signal("STOP");
    paused = true;
  }

  /** Lets a {@link #pause() paused} server run again (SIGCONT). */
  public synchronized void resume() {
    if (paused) {
      signal("CONT");
      paused = false;
    }
  }

  private void signal(String name) {
    if (process == null) {
      throw new IllegalStateException(this.name + " is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
          .redirectErrorStream(true).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + this.name, e);
    }
  }

  /** Kills the server with SIGKILL, as a power cut or a crash would. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    Process p = process;
    process = null;
    paused = false;
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Waits until a TCP connect to 127.0.0.1:{@code port} succeeds. */
  protected void awaitTcp(int port, Duration timeout) {
    await(name + " listening on " + port)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(50))
        // start() holds this object's monitor; polling on another thread would block in
        // isRunning() until the timeout
        .pollInSameThread()
        .until(() -> {
          if (!isRunning()) {
            throw new IllegalStateException(name + " exited");
          }
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
          } catch (IOException e) {
            return false;
          }
        });
  }

  /** Resolves an executable from well-known locations; fails with what to install. */
  protected static String executable(String debianPackage, String... candidates) {
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    throw new IllegalStateException("none of " + List.of(candidates) + " is installed: "
        + "install the Debian package '" + debianPackage + "' (the README test command does)");
  }

  private String readLogQuietly() {
    try {
      return Files.readString(logFile());
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
