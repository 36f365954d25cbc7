package org.streetsense.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code deploy/bin/streetsense-launch}, the systemd unit's {@code ExecStartPre=} and
 * {@code ExecStart=} (decision 0386), with its class-data archive in a directory of the bench's
 * own: the first start through it records the classes the gateway loads, {@link #prepare()} makes
 * the archive from that record, and later starts map it, as on a Pi.
 *
 * @param script the launcher script
 * @param archiveDir where the record and the archive are kept (the unit's
 *     {@code /var/lib/streetsense/cds})
 */
public record ClassDataLauncher(Path script, Path archiveDir) {

  /** What {@link #prepare()} did. */
  public record Prepared(Duration took, long archiveBytes) {}

  /** The command before the gateway's arguments. */
  List<String> service() {
    return List.of("sh", script.toString(), "service");
  }

  /** The environment the unit gives the launcher, for this java, jar and JVM options. */
  Map<String, String> environment(String java, Path jar, List<String> jvmFlags) {
    return Map.of("STREETSENSE_JAVA", java, "STREETSENSE_JAR", jar.toString(),
        "STREETSENSE_JAVA_OPTS", String.join(" ", jvmFlags),
        "STREETSENSE_CDS_DIR", archiveDir.toString());
  }

  /**
   * Runs {@code streetsense-launch prepare} for {@code jar} and {@code jvmFlags} (blocks up to 3
   * minutes).
   *
   * @throws IllegalStateException when it made no archive (its output says why)
   */
  public Prepared prepare(Path jar, List<String> jvmFlags) throws IOException,
      InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), "prepare")
        .redirectErrorStream(true);
    builder.environment().putAll(environment(java, jar, jvmFlags));
    long start = System.nanoTime();
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("streetsense-launch prepare did not end in 3 minutes");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    try (Stream<Path> files = Files.list(archiveDir)) {
      Path archive = files.filter(f -> f.toString().endsWith(".jsa")).findFirst()
          .orElseThrow(() -> new IllegalStateException("streetsense-launch prepare made no "
              + "archive in " + archiveDir + ": " + out.strip()));
      return new Prepared(took, Files.size(archive));
    }
  }
}
