package org.streetsense.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What one benchmark run does. Message counts bound each scenario's work and {@code timeout}
 * bounds its time; a scenario that times out reports what arrived, marked incomplete.
 *
 * @param results directory for {@code latest.md}, {@code latest.csv}, {@code latest.png}
 * @param work scratch directory for spools, brokers and Node-RED (on the real disk)
 * @param gatewayJar the shaded gateway jar, run as a child for the footprint
 * @param scale 1 for the full run, 0.2 for {@code --quick}
 * @param timeout longest any one scenario may take
 */
public record BenchOptions(Path results, Path work, Path gatewayJar, double scale,
    Duration timeout) {

  public BenchOptions {
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(gatewayJar, "gatewayJar");
    Objects.requireNonNull(timeout, "timeout");
    if (!(scale > 0 && scale <= 1)) {
      throw new IllegalArgumentException("scale must be in (0, 1], was " + scale);
    }
  }

  /**
   * Parses {@code [--quick] [--results DIR] [--work DIR] [--gateway-jar FILE]}; paths default to
   * {@code bench/results}, {@code test-rigs/bench/target/bench-work} and
   * {@code gateway/target/streetsense.jar}, relative to the working directory (the repository
   * root when started by {@code bench/run.sh}).
   */
  public static BenchOptions parse(String[] args) {
    Path results = Path.of("bench", "results");
    Path work = Path.of("test-rigs", "bench", "target", "bench-work");
    Path jar = Path.of("gateway", "target", "streetsense.jar");
    double scale = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> scale = 0.2;
        case "--results" -> results = Path.of(value(args, ++i, "--results"));
        case "--work" -> work = Path.of(value(args, ++i, "--work"));
        case "--gateway-jar" -> jar = Path.of(value(args, ++i, "--gateway-jar"));
        default -> throw new IllegalArgumentException("unknown option '" + args[i]
            + "'; expected --quick, --results DIR, --work DIR, --gateway-jar FILE");
      }
    }
    return new BenchOptions(results.toAbsolutePath(), work.toAbsolutePath(),
        jar.toAbsolutePath(), scale, Duration.ofSeconds(60));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** {@code full} scaled for a quick run, at least 1. */
  public int count(int full) {
    return Math.max(1, (int) Math.round(full * scale));
  }
}
