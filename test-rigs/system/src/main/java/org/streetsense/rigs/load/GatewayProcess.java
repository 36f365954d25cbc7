package org.streetsense.rigs.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as a separate operating-system process: {@code java -jar streetsense.jar run
 * --config FILE}, its output appended to a log file. {@link #kill()} is SIGKILL (nothing runs in
 * the gateway afterwards, as after a crash); {@link #stop()} is SIGTERM (a clean shutdown).
 */
public final class GatewayProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private GatewayProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code jar run --config config}, output appended to {@code log}. */
  public static GatewayProcess start(Path jar, Path config, Path log) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("gateway jar not found at " + jar.toAbsolutePath()
          + " (it is built in the package phase of module gateway)");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    try {
      Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toAbsolutePath().toString(),
          "run", "--config", config.toAbsolutePath().toString()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      return new GatewayProcess(p, log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the gateway: " + e, e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** SIGKILL, then waits up to 10 s for the process to be gone. */
  public void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** SIGTERM (the gateway's shutdown hook stops it cleanly), waits up to 60 s, then SIGKILL. */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  private void awaitExit() {
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }
}
