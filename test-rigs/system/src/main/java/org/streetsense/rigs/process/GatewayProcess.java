package org.streetsense.rigs.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.streetsense.rigs.ProjectPaths;

/**
 * {@code java -jar gateway/target/streetsense.jar <args>} as a child process, the way operators
 * run it. Standard output and error go to files in a temporary directory, so they can be read at
 * any time while the process runs and after it ended, without reader threads.
 *
 * <p>The one gateway-process fixture of the test rigs. {@link #startAsUnit} runs the jar with the
 * JVM options the systemd unit ships ({@code STREETSENSE_JAVA_OPTS} in
 * {@code deploy/systemd/streetsense.service}: a 64 MB heap, SerialGC, exit on OutOfMemoryError),
 * so attack and fault tests see the process as it runs on a Pi.
 *
 * <p>{@link #close()} kills the process (SIGKILL) if it still runs. Not thread-safe.
 */
public final class GatewayProcess implements AutoCloseable {

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final List<String> command;

  private GatewayProcess(Process process, Path stdout, Path stderr, List<String> command) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.command = command;
  }

  /** Starts the gateway jar with {@code args} and a 256 MB heap, working directory the checkout root. */
  public static GatewayProcess start(String... args) {
    return start(List.of("-Xmx256m"), args);
  }

  /**
   * Starts the gateway jar with the JVM options of the shipped systemd unit and {@code args};
   * fails if the unit no longer declares them.
   */
  public static GatewayProcess startAsUnit(String... args) {
    return start(unitJvmOptions(), args);
  }

  /** The JVM options the systemd unit passes ({@code STREETSENSE_JAVA_OPTS}), in order. */
  public static List<String> unitJvmOptions() {
    Path unit = ProjectPaths.root().resolve("deploy/systemd/streetsense.service");
    try {
      for (String line : Files.readAllLines(unit, StandardCharsets.UTF_8)) {
        String prefix = "Environment=STREETSENSE_JAVA_OPTS=\"";
        if (line.startsWith(prefix) && line.endsWith("\"")) {
          return List.of(line.substring(prefix.length(), line.length() - 1).trim().split("\\s+"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + unit, e);
    }
    throw new IllegalStateException(unit + " declares no Environment=STREETSENSE_JAVA_OPTS=\"...\"");
  }

  /**
   * Like {@link #startAsUnit} with {@code environment} added to the child's environment (secrets
   * given as {@code {env: NAME}} in an installation file).
   */
  public static GatewayProcess startAsUnit(java.util.Map<String, String> environment,
      String... args) {
    return start(unitJvmOptions(), environment, args);
  }

  /** Starts the gateway jar with {@code jvmOptions} and {@code args}, working directory the checkout root. */
  public static GatewayProcess start(List<String> jvmOptions, String... args) {
    return start(jvmOptions, java.util.Map.of(), args);
  }

  /**
   * Starts the gateway the way the systemd unit's {@code ExecStart=} does: through
   * {@code deploy/bin/streetsense-launch service}, with the unit's JVM options, this build's java
   * and jar, {@code cdsDir} as the directory of the class-data archive (empty string: none), and
   * {@code workingDirectory} as the unit's {@code WorkingDirectory=} (where a crashing JVM writes
   * its {@code hs_err_pid*.log}). The script execs java, so {@link #pid()} is the gateway's.
   */
  public static GatewayProcess startThroughLauncher(Path workingDirectory, String cdsDir,
      String... args) {
    List<String> cmd = new ArrayList<>(List.of("sh",
        ProjectPaths.root().resolve("deploy/bin/streetsense-launch").toString(), "service"));
    cmd.addAll(List.of(args));
    return launch(cmd, launcherEnvironment(cdsDir), workingDirectory);
  }

  /**
   * The environment {@code deploy/bin/streetsense-launch} reads, as the unit gives it, for this
   * build's java and jar and the archive directory {@code cdsDir}.
   */
  public static java.util.Map<String, String> launcherEnvironment(String cdsDir) {
    return java.util.Map.of("STREETSENSE_JAVA", javaExecutable(),
        "STREETSENSE_JAR", ProjectPaths.gatewayJar().toString(),
        "STREETSENSE_JAVA_OPTS", String.join(" ", unitJvmOptions()),
        "STREETSENSE_CDS_DIR", cdsDir);
  }

  private static GatewayProcess start(List<String> jvmOptions,
      java.util.Map<String, String> environment, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.addAll(jvmOptions);
    cmd.add("-jar");
    cmd.add(ProjectPaths.gatewayJar().toString());
    cmd.addAll(List.of(args));
    return launch(cmd, environment, ProjectPaths.root());
  }

  private static GatewayProcess launch(List<String> command,
      java.util.Map<String, String> environment, Path workingDirectory) {
    try {
      Path dir = Files.createTempDirectory("streetsense-process-");
      List<String> cmd = new ArrayList<>();
      // SIGHUP at its default, as systemd starts the unit: a test JVM launched from a shell that
      // ignores HUP (nohup, a detached CI job) would pass the ignore on, and a JVM that starts
      // with HUP ignored never takes it, so `systemctl reload` could not be rehearsed. env execs
      // the command, so the pid is the gateway's.
      cmd.addAll(List.of("env", "--default-signal=HUP"));
      cmd.addAll(command);
      Path out = dir.resolve("stdout.txt");
      Path err = dir.resolve("stderr.txt");
      ProcessBuilder builder = new ProcessBuilder(cmd).directory(workingDirectory.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process p = builder.start();
      return new GatewayProcess(p, out, err, List.copyOf(cmd));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the gateway jar", e);
    }
  }

  /** Runs a command that ends by itself and waits for it, at most {@code timeout}. */
  public static GatewayProcess run(Duration timeout, String... args) {
    GatewayProcess p = start(args);
    p.awaitExit(timeout);
    return p;
  }

  private static String javaExecutable() {
    Optional<String> current = ProcessHandle.current().info().command();
    return current.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** Waits for the process to end and returns its exit code; fails after {@code timeout}. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(command + " still runs after " + timeout + "; output:\n" + stdout()
            + "\nerrors:\n" + stderr());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + command, e);
    }
  }

  /**
   * Waits until {@code run} says it runs (its "Stop with SIGTERM" line on standard output).
   *
   * @throws IllegalStateException with the process's errors if it ended first (a refused file, a
   *     port in use), or with its output if {@code timeout} passed
   */
  public GatewayProcess awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!stdout().contains("Stop with SIGTERM")) {
        // the poll interval is a wait for the process to end
        if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(command + " ended at start (exit "
              + process.exitValue() + "):\n" + stderr());
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(command + " does not run after " + timeout
              + "; output:\n" + stdout() + "\nerrors:\n" + stderr());
        }
      }
      return this;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + command, e);
    }
  }

  /** The exit code; fails while the process runs. */
  public int exitCode() {
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Everything the process printed on standard output so far. */
  public String stdout() {
    return read(stdout);
  }

  /** Everything the process printed on standard error so far. */
  public String stderr() {
    return read(stderr);
  }

  /** Asks the process to stop (SIGTERM): the shutdown hook stops the gateway cleanly. */
  public void terminate() {
    process.destroy();
  }

  /** Kills the process without warning (SIGKILL), like a power cut. */
  public void kill() {
    process.destroyForcibly();
  }

  /** SIGKILL, then waits up to 20 s for the process to be gone. */
  public void killAndWait() {
    process.destroyForcibly();
    try {
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM, waits up to {@code grace} for the shutdown hook to finish, then SIGKILL. */
  public void stop(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        killAndWait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killAndWait();
    }
  }

  /** The file standard output goes to. */
  public Path stdoutFile() {
    return stdout;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      killAndWait();
    }
  }

  @Override
  public String toString() {
    return String.join(" ", command);
  }
}
