package org.streetsense.bench.gateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Footprint of the shipped gateway: runs
 * {@code java -Xmx64m -jar <jar> demo --mqtt-port P --http-port H} as a child process (the demo
 * installation with its embedded broker on P) and measures, from outside: time from process start
 * until a subscriber on P sees the first reading or event; then, after {@code settle}, RSS
 * ({@code VmRSS}) and thread count from {@code /proc/<pid>/status}, used heap from
 * {@code jcmd <pid> GC.heap_info}, and CPU% of one core from {@code utime+stime} of
 * {@code /proc/<pid>/stat} over {@code window}, with the readings/s the subscriber saw meanwhile.
 */
public final class Footprint {

  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  /**
   * @param startToFirstPublishSeconds process start to first reading at the subscriber
   * @param rssMb resident set in MiB
   * @param heapUsedMb used Java heap in MiB (NaN if jcmd failed)
   * @param threads OS threads of the JVM
   * @param cpuPercent CPU time over the window, percent of one core
   * @param readingsPerSecond what the subscriber received over the same window
   */
  public record Result(double startToFirstPublishSeconds, double rssMb, double heapUsedMb,
      long threads, double cpuPercent, double readingsPerSecond) { }

  private Footprint() {}

  public static Result run(Path jar, Path workDir, Duration settle, Duration window)
      throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("gateway jar " + jar + " not built");
    }
    Files.createDirectories(workDir);
    int mqtt = FreePorts.next();
    int http = FreePorts.next();
    Path log = workDir.resolve("demo.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long start = System.nanoTime();
    Process p = new ProcessBuilder(java, "-Xmx64m", "-jar", jar.toString(), "demo",
        "--mqtt-port", String.valueOf(mqtt), "--http-port", String.valueOf(http))
        .directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    try (CountingSubscriber sub = connectWhenUp(p, "tcp://127.0.0.1:" + mqtt, log)) {
      if (sub.awaitReadings(1, Duration.ofSeconds(30)) < 1) {
        throw new IllegalStateException("demo published nothing within 30 s; see " + log);
      }
      double firstPublish = (sub.firstNanos() - start) / 1e9;
      Pause.of(settle);
      requireAlive(p, log);
      long pid = p.pid();
      double rssMb = ProcFiles.rssKb(pid) / 1024.0;
      long threads = ProcFiles.threads(pid);
      double heapMb = heapUsedMb(pid);
      long ticks0 = ProcFiles.cpuTicks(pid);
      long readings0 = sub.readings();
      long t0 = System.nanoTime();
      Pause.of(window);
      requireAlive(p, log);
      long ticks1 = ProcFiles.cpuTicks(pid);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = 100.0 * (ticks1 - ticks0) / ProcFiles.TICKS_PER_SECOND / seconds;
      double rate = (sub.readings() - readings0) / seconds;
      return new Result(firstPublish, rssMb, heapMb, threads, cpu, rate);
    } finally {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static CountingSubscriber connectWhenUp(Process p, String url, Path log)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      requireAlive(p, log);
      try {
        return CountingSubscriber.connect(url, "streetsense/v1/+/+/reading");
      } catch (MqttException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("demo broker on " + url + " not up within 30 s; see "
              + log, e);
        }
        Pause.of(Duration.ofMillis(20));
      }
    }
  }

  private static void requireAlive(Process p, Path log) throws Exception {
    if (!p.isAlive()) {
      String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      throw new IllegalStateException("demo exited with " + p.exitValue() + ": "
          + lastLine(out));
    }
  }

  private static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1];
  }

  private static double heapUsedMb(long pid) {
    try {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      Process p = new ProcessBuilder(List.of(jcmd, String.valueOf(pid), "GC.heap_info"))
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(20, TimeUnit.SECONDS);
      Matcher m = HEAP_USED.matcher(out);
      return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
    } catch (Exception e) {
      return Double.NaN;
    }
  }
}
