package org.streetsense.bench.gateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.streetsense.bench.Pause;
import org.streetsense.bench.broker.CountingSubscriber;
import org.streetsense.bench.proc.ProcFiles;
import org.streetsense.harness.FreePorts;

/**
 * Footprint of the shipped gateway jar, run as a child process with the JVM options it ships
 * with ({@link Launch#jvmFlags()}), directly or through the unit's launcher and its class-data
 * archive ({@link Launch#through}), measured from outside: time from process start until a
 * subscriber sees the first reading, and RSS ({@code VmRSS}) at that moment; then, after {@code settle}, CPU% of one core from
 * {@code utime+stime} of {@code /proc/<pid>/stat} over {@code window}, with the readings/s the
 * subscriber saw meanwhile; at the end of the window, RSS ({@code VmRSS}) and thread count from
 * {@code /proc/<pid>/status} and used heap from {@code jcmd <pid> GC.heap_info} (all
 * generations).
 */
public final class Footprint {

  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  /**
   * How to start the child and where its readings arrive.
   *
   * @param jvmFlags JVM options before {@code -jar}
   * @param args gateway arguments after the jar ({@code demo ...} or {@code run --config F})
   * @param brokerUrl broker the gateway publishes to
   * @param brokerInChild true when the child starts that broker itself (the demo's embedded
   *     broker): the subscriber connects once it is up
   */
  public record Launch(List<String> jvmFlags, List<String> args, String brokerUrl,
      boolean brokerInChild, ClassDataLauncher launcher) {
    public Launch {
      jvmFlags = List.copyOf(jvmFlags);
      args = List.copyOf(args);
    }

    public Launch(List<String> jvmFlags, List<String> args, String brokerUrl,
        boolean brokerInChild) {
      this(jvmFlags, args, brokerUrl, brokerInChild, null);
    }

    /**
     * The same start through {@code launcher} (the unit's {@code ExecStart=}): with its
     * class-data archive when one is made, else recording the classes for one.
     */
    public Launch through(ClassDataLauncher launcher) {
      return new Launch(jvmFlags, args, brokerUrl, brokerInChild, launcher);
    }

    /** The demo installation with its embedded broker on a free port. */
    public static Launch demo(List<String> jvmFlags) {
      int mqtt = FreePorts.next();
      int http = FreePorts.next();
      return new Launch(jvmFlags, List.of("demo", "--mqtt-port", String.valueOf(mqtt),
          "--http-port", String.valueOf(http)), "tcp://127.0.0.1:" + mqtt, true);
    }

    /** {@code run --config file}, publishing to {@code brokerUrl} (already running). */
    public static Launch installation(List<String> jvmFlags, Path file, String brokerUrl) {
      return new Launch(jvmFlags, List.of("run", "--config", file.toString()), brokerUrl, false);
    }
  }

  /**
   * @param startToFirstPublishSeconds process start to first reading at the subscriber
   * @param rssAtFirstPublishMb resident set in MiB when the subscriber saw the first reading
   * @param rssMb resident set in MiB at the end of the window
   * @param heapUsedMb used Java heap in MiB (NaN if jcmd failed)
   * @param threads OS threads of the JVM
   * @param cpuPercent CPU time over the window, percent of one core
   * @param readingsPerSecond what the subscriber received over the same window
   */
  public record Result(double startToFirstPublishSeconds, double rssAtFirstPublishMb,
      double rssMb, double heapUsedMb, long threads, double cpuPercent, double readingsPerSecond,
      List<String> jcmdOutputs) {
    public Result {
      jcmdOutputs = List.copyOf(jcmdOutputs);
    }
  }

  private Footprint() {}

  public static Result run(Path jar, Path workDir, Launch launch, Duration settle,
      Duration window) throws Exception {
    return run(jar, workDir, launch, settle, window, List.of());
  }

  /**
   * Like {@link #run(Path, Path, Launch, Duration, Duration)}, and at the end of the window runs
   * {@code jcmd <pid> <command>} for each of {@code jcmdCommands} (for example
   * {@code VM.native_memory summary}); their outputs are in {@link Result#jcmdOutputs()}, in
   * order, empty where jcmd failed.
   */
  public static Result run(Path jar, Path workDir, Launch launch, Duration settle,
      Duration window, List<String> jcmdCommands) throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("gateway jar " + jar + " not built");
    }
    Files.createDirectories(workDir);
    Path log = workDir.resolve("gateway.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    if (launch.launcher() != null) {
      command.addAll(launch.launcher().service());
    } else {
      command.add(java);
      command.addAll(launch.jvmFlags());
      command.add("-jar");
      command.add(jar.toString());
    }
    command.addAll(launch.args());
    String filter = "streetsense/v1/+/+/reading";
    CountingSubscriber early = launch.brokerInChild() ? null
        : CountingSubscriber.connect(launch.brokerUrl(), filter);
    long start = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    if (launch.launcher() != null) {
      builder.environment().putAll(launch.launcher().environment(java, jar, launch.jvmFlags()));
    }
    Process p = builder.start();
    try (CountingSubscriber sub = early != null ? early
        : connectWhenUp(p, launch.brokerUrl(), filter, log)) {
      if (sub.awaitReadings(1, Duration.ofSeconds(30)) < 1) {
        requireAlive(p, log);
        throw new IllegalStateException("gateway published nothing within 30 s; see " + log);
      }
      double firstPublish = (sub.firstNanos() - start) / 1e9;
      double rssAtFirstPublish = ProcFiles.rssKb(p.pid()) / 1024.0;
      Pause.of(settle);
      requireAlive(p, log);
      long pid = p.pid();
      long ticks0 = ProcFiles.cpuTicks(pid);
      long readings0 = sub.readings();
      long t0 = System.nanoTime();
      Pause.of(window);
      requireAlive(p, log);
      long ticks1 = ProcFiles.cpuTicks(pid);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = 100.0 * (ticks1 - ticks0) / ProcFiles.TICKS_PER_SECOND / seconds;
      double rate = (sub.readings() - readings0) / seconds;
      // after the window: RSS grows while the JIT compiles, so later is closer to steady state
      double rssMb = ProcFiles.rssKb(pid) / 1024.0;
      long threads = ProcFiles.threads(pid);
      double heapMb = heapUsedMb(pid);
      List<String> outputs = new ArrayList<>();
      for (String c : jcmdCommands) {
        outputs.add(jcmd(pid, ShippedJvmOptions.split(c)));
      }
      return new Result(firstPublish, rssAtFirstPublish, rssMb, heapMb, threads, cpu, rate,
          outputs);
    } finally {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static CountingSubscriber connectWhenUp(Process p, String url, String filter,
      Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      requireAlive(p, log);
      try {
        return CountingSubscriber.connect(url, filter);
      } catch (MqttException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("gateway's broker on " + url + " not up within 30 s; see "
              + log, e);
        }
        Pause.of(Duration.ofMillis(20));
      }
    }
  }

  private static void requireAlive(Process p, Path log) throws Exception {
    if (!p.isAlive()) {
      String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      throw new IllegalStateException("gateway exited with " + p.exitValue() + ": "
          + lastLine(out));
    }
  }

  private static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1];
  }

  /** Output of {@code jcmd <pid> <command...>}, empty if it could not run. */
  private static String jcmd(long pid, List<String> command) {
    try {
      List<String> line = new ArrayList<>();
      line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
      line.add(String.valueOf(pid));
      line.addAll(command);
      Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(20, TimeUnit.SECONDS);
      return out;
    } catch (Exception e) {
      return "";
    }
  }

  private static double heapUsedMb(long pid) {
    try {
      String out = jcmd(pid, List.of("GC.heap_info"));
      // G1 prints one heap line; Serial and Parallel one line per generation: add them up.
      Matcher m = HEAP_USED.matcher(out);
      long kb = 0;
      boolean found = false;
      while (m.find()) {
        kb += Long.parseLong(m.group(1));
        found = true;
      }
      return found ? kb / 1024.0 : Double.NaN;
    } catch (Exception e) {
      return Double.NaN;
    }
  }
}
