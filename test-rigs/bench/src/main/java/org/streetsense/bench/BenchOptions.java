package org.streetsense.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one benchmark run does. Message counts bound each scenario's work and {@code timeout}
 * bounds its time; a scenario that times out reports what arrived, marked incomplete.
 *
 * @param results directory for {@code latest.md}, {@code latest.csv}, {@code latest.png}
 * @param work scratch directory for spools, brokers and Node-RED (on the real disk)
 * @param gatewayJar the shaded gateway jar, run as a child for the footprint
 * @param scale 1 for the full run, 0.2 for {@code --quick}
 * @param timeout longest any one scenario may take
 * @param only the scenario groups to run ({@link #GROUPS}); all but {@link #OPT_IN} when empty
 * @param unit the systemd unit whose {@code STREETSENSE_JAVA_OPTS} the footprint runs use
 * @param jvmOpts JVM options for the footprint runs instead of the unit's (to compare flags);
 *     empty for the unit's
 * @param launcher the unit's start script ({@code deploy/bin/streetsense-launch}), through which
 *     the footprint runs start the jar with its class-data archive, as the unit does
 */
public record BenchOptions(Path results, Path work, Path gatewayJar, double scale,
    Duration timeout, Set<String> only, Path unit, String jvmOpts, Path launcher) {

  /**
   * Scenario groups, in run order: {@code baselines} (Paho loop, mosquitto_pub, Node-RED),
   * {@code ceiling} (the broker and subscriber ceiling: a QoS 0 C publisher),
   * {@code throughput} (end-to-end, batched and per-reading), {@code latency} (interaction latency
   * from the spool hand-over, with its Paho baseline), {@code spool} (append, bytes, replay),
   * {@code footprint} (the shipped jar as a child process), {@code reflex} (a simulated GPIO edge
   * through the button driver: edge -> event and edge -> actuator write), {@code osc-fuzz}
   * (10 million seeded random and mutated OSC datagrams through the gateway's decoder; only when
   * named by {@code --only}, see {@link #OPT_IN}).
   */
  public static final List<String> GROUPS =
      List.of("baselines", "ceiling", "throughput", "latency", "spool", "footprint", "reflex",
          "osc-fuzz");

  /** Groups that run only when {@code --only} names them (long robustness runs, not figures). */
  public static final Set<String> OPT_IN = Set.of("osc-fuzz");

  public BenchOptions {
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(gatewayJar, "gatewayJar");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(jvmOpts, "jvmOpts");
    Objects.requireNonNull(launcher, "launcher");
    only = Set.copyOf(Objects.requireNonNull(only, "only"));
    if (!(scale > 0 && scale <= 1)) {
      throw new IllegalArgumentException("scale must be in (0, 1], was " + scale);
    }
    for (String g : only) {
      if (!GROUPS.contains(g)) {
        throw new IllegalArgumentException("--only: unknown scenario group '" + g
            + "'; expected one or more of " + String.join(", ", GROUPS));
      }
    }
  }

  /** Whether the run includes scenario group {@code group}. */
  public boolean runs(String group) {
    return only.isEmpty() ? !OPT_IN.contains(group) : only.contains(group);
  }

  /**
   * Parses {@code [--quick] [--only NAME[,NAME]] [--results DIR] [--work DIR]
   * [--gateway-jar FILE] [--unit FILE] [--jvm-opts "OPTIONS"] [--launcher FILE]}; {@code --only}
   * takes names from {@link #GROUPS}. Paths default to {@code bench/results},
   * {@code test-rigs/bench/target/bench-work}, {@code gateway/target/streetsense.jar},
   * {@code deploy/systemd/streetsense.service} and {@code deploy/bin/streetsense-launch}, relative
   * to the working directory (the repository root when started by {@code bench/run.sh}).
   */
  public static BenchOptions parse(String[] args) {
    Path results = Path.of("bench", "results");
    Path work = Path.of("test-rigs", "bench", "target", "bench-work");
    Path jar = Path.of("gateway", "target", "streetsense.jar");
    double scale = 1;
    Set<String> only = new LinkedHashSet<>();
    Path unit = Path.of("deploy", "systemd", "streetsense.service");
    String jvmOpts = "";
    Path launcher = Path.of("deploy", "bin", "streetsense-launch");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> scale = 0.2;
        case "--results" -> results = Path.of(value(args, ++i, "--results"));
        case "--work" -> work = Path.of(value(args, ++i, "--work"));
        case "--gateway-jar" -> jar = Path.of(value(args, ++i, "--gateway-jar"));
        case "--unit" -> unit = Path.of(value(args, ++i, "--unit"));
        case "--jvm-opts" -> jvmOpts = value(args, ++i, "--jvm-opts");
        case "--launcher" -> launcher = Path.of(value(args, ++i, "--launcher"));
        case "--only" -> {
          for (String g : value(args, ++i, "--only").split(",")) {
            if (!g.isBlank()) {
              only.add(g.strip());
            }
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + args[i]
            + "'; expected --quick, --only NAME[,NAME] (" + String.join(", ", GROUPS)
            + "), --results DIR, --work DIR, --gateway-jar FILE, --unit FILE, "
            + "--jvm-opts \"OPTIONS\", --launcher FILE");
      }
    }
    return new BenchOptions(results.toAbsolutePath(), work.toAbsolutePath(),
        jar.toAbsolutePath(), scale, Duration.ofSeconds(60), only, unit.toAbsolutePath(), jvmOpts,
        launcher.toAbsolutePath());
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
