package org.streetsense.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.bench.baseline.CeilingPublisher;
import org.streetsense.bench.baseline.MosquittoPub;
import org.streetsense.bench.baseline.NodeRedFlow;
import org.streetsense.bench.baseline.NodeRedInstall;
import org.streetsense.bench.baseline.PahoLoop;
import org.streetsense.bench.broker.BenchBroker;
import org.streetsense.bench.broker.CountingSubscriber;
import org.streetsense.bench.gateway.ClassDataLauncher;
import org.streetsense.bench.gateway.EdgeToActuator;
import org.streetsense.bench.gateway.EndToEndThroughput;
import org.streetsense.bench.gateway.Footprint;
import org.streetsense.bench.gateway.InteractionLatency;
import org.streetsense.bench.gateway.MemoryBreakdown;
import org.streetsense.bench.gateway.OscFuzz;
import org.streetsense.bench.gateway.Percentiles;
import org.streetsense.bench.gateway.PhysicalLimit;
import org.streetsense.bench.gateway.SensorInstallationFile;
import org.streetsense.bench.gateway.ShippedJvmOptions;
import org.streetsense.bench.gateway.SpoolCost;
import org.streetsense.bench.report.BarChart;
import org.streetsense.bench.report.ResultsWriter;
import org.streetsense.bench.report.Row;
import org.streetsense.gateway.sink.mqtt.MqttSinkOptions;
import org.streetsense.gateway.spool.FsyncPolicy;

/**
 * Runs every benchmark once (or the groups named by {@code --only}), baselines first, and writes
 * {@code latest.md}, {@code latest.csv} and {@code latest.png}. Start it with
 * {@code bench/run.sh [--quick] [--only NAME[,NAME]]} from the repository root.
 * A scenario that fails reports its rows as not measured, with the reason; it never stops the
 * others and never yields a made-up figure.
 */
public final class BenchMain {

  private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

  /**
   * Messages per throughput run of a QoS 1 publisher (the bare Paho loop, mosquitto_pub, Node-RED
   * and the gateway's per-reading mode): at the 40k-60k/s they reach on the quiet development
   * machine, 5-8 s each, so that start-up (connecting, JIT warm-up, the first window of
   * acknowledgements) is a small part of the rate (decision 0371).
   */
  static final int QOS1_MESSAGES = 300_000;

  /**
   * Messages of the per-reading QoS 0 ceiling: at 230k-270k/s, 5-7 s, for the same reason.
   */
  static final int FAST_MESSAGES = 1_500_000;
  /**
   * Readings per pass in 500-reading messages (the gateway's batched mode and its ceiling): the
   * gateway's batched mode carries 700k-900k/s once its code is compiled (decision 0378), so
   * 3,000,000 last 3-4 s.
   */
  static final int BATCHED_READINGS = 3_000_000;
  /** Readings per message of the gateway's batched mode in the throughput rows. */
  static final int BATCH = 500;

  /**
   * Events per interaction-latency row and its Paho baseline, one every 10 ms: issue 17 judges
   * each target row over at least 1,000 (a p99 over 500 rests on five samples).
   */
  static final int LATENCY_EVENTS = 1_000;

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    for (Path dir : List.of(options.work(), options.results())) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        System.err.println("bench: cannot use " + dir + " as a directory: " + e);
        System.exit(2);
        return;
      }
    }
    long t0 = System.nanoTime();
    String loadBefore = loadAverage();
    List<Row> rows = new Scenarios(options).runAll();
    double minutes = (System.nanoTime() - t0) / 60e9;
    try {
      write(options, rows, minutes, loadBefore + " before, " + loadAverage() + " after");
    } catch (IOException e) {
      System.err.println("bench: cannot write the results to " + options.results() + ": " + e);
      System.exit(2);
      return;
    }
    System.exit(0);
  }

  private static void write(BenchOptions o, List<Row> rows, double minutes, String load)
      throws IOException {
    Files.createDirectories(o.results());
    String preamble = String.format(Locale.ROOT,
        "Run %s on %d cores, Java %s, %s; %s run took %.1f min; load average (1/5/15 min) %s. "
            + "Method: docs/performance.md.",
        Instant.now().toString().substring(0, 19) + "Z", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), os(), o.scale() < 1 ? "quick" : "full", minutes,
        load);
    String table = ResultsWriter.table(rows);
    System.out.println();
    System.out.println(preamble);
    System.out.println(table);
    ResultsWriter.writeMarkdown(o.results().resolve("latest.md"), rows, preamble);
    ResultsWriter.writeCsv(o.results().resolve("latest.csv"), rows);
    BarChart.write(o.results().resolve("latest.png"), rows,
        "Streetsense benchmarks (" + preamble.substring(4, 24) + ")");
    System.out.println("wrote " + o.results().resolve("latest.md") + ", latest.csv, latest.png");
  }

  /** The first three fields of {@code /proc/loadavg}: other work on the machine skews figures. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + "/" + f[1] + "/" + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String os() {
    return System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }

  /** The scenarios of one run, sharing one broker. */
  private static final class Scenarios {
    private final BenchOptions o;
    private final List<Row> rows = new ArrayList<>();
    private final byte[] payload = Workload.samplePayload();
    private double pahoRate = Double.NaN;
    private double ceilingRate = Double.NaN;
    private double batchedCeilingRate = Double.NaN;
    private double nodeRedRate = Double.NaN;
    private String nodeRedMissing = "";

    Scenarios(BenchOptions o) {
      this.o = o;
    }

    List<Row> runAll() throws IOException {
      Files.createDirectories(o.work());
      if (o.runs("baselines") || o.runs("ceiling") || o.runs("throughput") || o.runs("latency")
          || o.runs("reflex")) {
        withBroker();
      }
      if (o.runs("spool")) {
        spool();
        spoolWithoutForce();
      }
      if (o.runs("footprint")) {
        footprint();
      }
      if (o.runs("osc-fuzz")) {
        oscFuzz();
      }
      return rows;
    }

    private void withBroker() throws IOException {
      try (BenchBroker broker = new BenchBroker()) {
        broker.start();
        LOG.info("broker {}; payload {} bytes per reading", broker.url(), payload.length);
        if (o.runs("baselines") || o.runs("ceiling") || o.runs("throughput")) {
          try (CountingSubscriber readings = counter(broker)) {
            if (o.runs("baselines")) {
              baselines(broker, readings);
            }
            if (o.runs("ceiling")) {
              ceiling(broker, readings);
            }
            if (o.runs("throughput")) {
              throughput(broker, readings);
            }
          }
        }
        if (o.runs("latency") || o.runs("reflex")) {
          try (CountingSubscriber events = eventTimer(broker);
              CountingSubscriber readings = counter(broker)) {
            if (o.runs("latency")) {
              latency(broker, events, readings);
              latencyWithoutCommitWait(broker, events, readings);
              latencyOneReadingPerMessage(broker, events, readings);
              pahoLatencyUnderLoad(broker, events);
            }
            if (o.runs("reflex")) {
              edgeAndReflex(broker, events, readings);
            }
          }
        }
      } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
        throw new IOException("cannot subscribe to the bench broker: " + e.getMessage(), e);
      }
    }

    /**
     * The counting subscriber on the bench's reading topics; when it cannot start (no gcc or
     * libmosquitto-dev, say), one whose use fails with the reason, so every row that needs it
     * reads "not measured" with that reason and the other rows still run.
     */
    private CountingSubscriber counter(BenchBroker broker)
        throws org.eclipse.paho.client.mqttv3.MqttException {
      return orUnavailable("counting subscriber", () -> CountingSubscriber.external(o.work(),
          broker.url(), broker.port(), "streetsense/v1/bench/+/reading",
          "streetsense/v1/bench/probe/reading"));
    }

    /**
     * The subscriber that times the events (count_sub with arrival stamps, in its own process, so
     * the latency rows do not include this JVM's own subscriber work); when it cannot start,
     * one whose use fails with the reason, as for {@link #counter}.
     */
    private CountingSubscriber eventTimer(BenchBroker broker)
        throws org.eclipse.paho.client.mqttv3.MqttException {
      return orUnavailable("event subscriber", () -> CountingSubscriber.externalStamped(
          o.work(), broker.url(), broker.port(), "streetsense/v1/bench/+/event",
          "streetsense/v1/bench/probe/event"));
    }

    /** Starts an external subscriber. */
    @FunctionalInterface
    private interface SubscriberStart {
      CountingSubscriber start() throws IOException, org.eclipse.paho.client.mqttv3.MqttException;
    }

    private static CountingSubscriber orUnavailable(String what, SubscriberStart start)
        throws org.eclipse.paho.client.mqttv3.MqttException {
      try {
        return start.start();
      } catch (IOException e) {
        LOG.warn("no {}: {}", what, e.getMessage());
        return CountingSubscriber.unavailable("the " + what + " did not start: "
            + e.getMessage());
      }
    }

    private void baselines(BenchBroker broker, CountingSubscriber sub) {
      String topic = Workload.baselineTopic();
      int n = o.count(QOS1_MESSAGES);
      step("bare Paho loop", () -> {
        Throughput t = Throughput.bestOfTwo(
            () -> PahoLoop.run(broker.url(), topic, payload, n, sub, o.timeout()));
        pahoRate = t.rate();
        rows.add(Row.of("baseline: bare Paho loop, QoS 1, 1000 in flight", t.rate(),
            "readings/s", Targets.NONE_T, t.describe()));
      }, "baseline: bare Paho loop, QoS 1, 1000 in flight", "readings/s");
      int m = o.count(QOS1_MESSAGES);
      step("mosquitto_pub", () -> {
        if (!MosquittoPub.available()) {
          throw new IllegalStateException("/usr/bin/mosquitto_pub not installed");
        }
        Throughput t = Throughput.bestOfTwo(
            () -> MosquittoPub.run(broker.port(), topic, payload, m, sub, o.timeout()));
        rows.add(Row.of("baseline: mosquitto_pub -l (C), QoS 1", t.rate(), "readings/s",
            Targets.NONE_T, t.describe()));
      }, "baseline: mosquitto_pub -l (C), QoS 1", "readings/s");
      int r = o.count(QOS1_MESSAGES);
      step("Node-RED flow", () -> {
        Path red;
        try {
          red = NodeRedInstall.ensure();
        } catch (IOException e) {
          nodeRedMissing = "Node-RED unavailable: " + e.getMessage();
          throw e;
        }
        Throughput t = NodeRedFlow.run(red, o.work().resolve("node-red-" + System.nanoTime()),
            broker.url(), broker.port(), topic, payload, r, sub, o.timeout());
        nodeRedRate = t.rate();
        rows.add(Row.of("baseline: Node-RED 4 flow (function -> mqtt out), QoS 1", t.rate(),
            "readings/s", Targets.NONE_T, t.describe()));
      }, "baseline: Node-RED 4 flow (function -> mqtt out), QoS 1", "readings/s");
    }

    /** The broker and subscriber ceiling: a QoS 0 C publisher, no acknowledgements to wait for. */
    private void ceiling(BenchBroker broker, CountingSubscriber sub) {
      String topic = Workload.baselineTopic();
      int c = o.count(FAST_MESSAGES);
      String ceiling = "baseline: broker + subscriber ceiling, QoS 0 C publisher (libmosquitto)";
      step("broker + subscriber ceiling", () -> {
        Throughput t = Throughput.bestOfTwo(() -> CeilingPublisher.run(o.work(), broker.port(),
            topic, payload, c, sub, o.timeout()));
        ceilingRate = t.rate();
        rows.add(Row.of(ceiling, t.rate(), "readings/s", Targets.NONE_T, String.format(Locale.ROOT,
            "%,d of %,d arrived in %.2f s%s; measures the rig (broker and subscriber), not a "
                + "publisher", t.received(), t.sent(), t.seconds(),
            t.complete() ? "" : " (QoS 0: the broker dropped the rest)") + t.otherPass()));
      }, ceiling, "readings/s");
      String batchedCeiling = "baseline: broker + subscriber ceiling, 500-reading payloads, QoS 0 "
          + "C publisher";
      step("broker + subscriber ceiling, 500-reading payloads", () -> {
        byte[] batch = Workload.sampleBatchPayload(BATCH);
        Throughput t = Throughput.bestOfTwo(() -> CeilingPublisher.run(o.work(), broker.port(),
            topic, batch, BATCH, Math.max(1, o.count(BATCHED_READINGS) / BATCH), sub,
            o.timeout()));
        batchedCeilingRate = t.rate();
        rows.add(Row.of(batchedCeiling, t.rate(), "readings/s", Targets.NONE_T,
            String.format(Locale.ROOT, "%,d of %,d readings arrived in %.2f s%s, in messages of "
                + "%,d bytes (the gateway's batched payload); the rig's ceiling for the batched "
                + "row", t.received(), t.sent(), t.seconds(),
                t.complete() ? "" : " (QoS 0: the broker dropped the rest)", batch.length)
                + t.otherPass()));
      }, batchedCeiling, "readings/s");
    }

    private void throughput(BenchBroker broker, CountingSubscriber sub) {
      int batched = o.count(BATCHED_READINGS);
      step("e2e batched", () -> {
        Throughput t = Throughput.bestOfTwo(() -> EndToEndThroughput.run(
            o.work().resolve("spool-batched-" + System.nanoTime()), broker.url(), sub,
            MqttSinkOptions.of(BATCH, 1), 20, batched, o.timeout()));
        rows.add(Row.of("e2e throughput, batched (20 devices, 500/message)", t.rate(),
            "readings/s", Targets.BATCHED, t.describe()
                + (Double.isNaN(nodeRedRate) ? "; Node-RED figure missing: " + missing(nodeRedMissing) : ""))
            .against("Node-RED flow", nodeRedRate));
        rows.add(Row.of("e2e throughput, batched (20 devices, 500/message), against the rig's "
            + "ceiling", t.rate(), "readings/s", Targets.NONE_T, t.describe() + "; the same run "
                + "as above, compared with what the broker and subscriber carry in 500-reading "
                + "messages").against("broker + subscriber ceiling, 500-reading payloads",
                    batchedCeilingRate));
      }, "e2e throughput, batched (20 devices, 500/message)", "readings/s");
      int single = o.count(QOS1_MESSAGES);
      step("e2e per-reading", () -> {
        Throughput t = Throughput.bestOfTwo(() -> EndToEndThroughput.run(
            o.work().resolve("spool-single-" + System.nanoTime()), broker.url(), sub,
            MqttSinkOptions.perObservation(), 20, single, o.timeout()));
        rows.add(Row.of("e2e throughput, per-reading (20 devices)", t.rate(), "readings/s",
            Targets.PER_READING, t.describe() + (Double.isNaN(pahoRate)
                ? "; bare Paho loop figure missing: " + missing("") : ""))
            .against("bare Paho loop", pahoRate));
        rows.add(Row.of("e2e throughput, per-reading (20 devices), against the rig's ceiling",
            t.rate(), "readings/s", Targets.NONE_T, t.describe() + "; the same run as above, "
                + "compared with what the broker and subscriber carry at all")
            .against("broker + subscriber ceiling", ceilingRate));
      }, "e2e throughput, per-reading (20 devices)", "readings/s");
    }

    private void latency(BenchBroker broker, CountingSubscriber sub,
        CountingSubscriber readings) {
      Duration period = Duration.ofMillis(10);
      double[] base = {Double.NaN, Double.NaN, Double.NaN};
      int pings = o.count(LATENCY_EVENTS);
      step("Paho latency baseline", () -> {
        long[] s = PahoLoop.latency(broker.url(), "streetsense/v1/bench/ping/event", payload,
            pings, period, sub, o.timeout());
        Percentiles p = Percentiles.of(s, s.length);
        base[0] = p.p50Millis();
        base[1] = p.p99Millis();
        base[2] = p.maxMillis();
      });
      for (int load : new int[] {0, 10_000}) {
        String label = load == 0 ? "idle" : "under 10,000 readings/s";
        int events = o.count(LATENCY_EVENTS);
        step("latency " + label, () -> {
          InteractionLatency.Result r = InteractionLatency.run(
              o.work().resolve("spool-latency-" + load + "-" + System.nanoTime()),
              broker.url(), sub, readings, events, period, load, FsyncPolicy.GROUP,
              InteractionLatency.BATCHED, o.timeout());
          Percentiles p = r.latency();
          String note = String.format(Locale.ROOT, "%d of %d events%s; readingsPerMessage: "
              + "500; baseline: bare Paho publish -> subscriber, idle", p.count(), r.sent(),
              load == 0 ? ""
              : String.format(Locale.ROOT, ", background received %,.0f readings/s",
                  r.backgroundRate()));
          rows.add(Row.of("interaction latency p50, " + label, p.p50Millis(), "ms",
              Targets.NONE_T, note).against("Paho p50", base[0]));
          rows.add(Row.of("interaction latency p99, " + label, p.p99Millis(), "ms",
              load == 0 ? Targets.NONE_T : Targets.LATENCY_P99, note)
              .against("Paho p99", base[1]));
          rows.add(Row.of("interaction latency max, " + label, p.maxMillis(), "ms",
              Targets.NONE_T, note).against("Paho max", base[2]));
        }, "interaction latency p99, " + label, "ms");
      }
    }

    /**
     * Diagnostic: the bare Paho loop's latency under the same background telemetry, through the
     * same broker and subscriber: the machine's own tail under that load.
     */
    private void pahoLatencyUnderLoad(BenchBroker broker, CountingSubscriber sub) {
      String measure = "diagnostic: bare Paho latency p99, under 10,000 readings/s";
      int pings = o.count(LATENCY_EVENTS);
      step("Paho latency under load", () -> {
        long[] s = InteractionLatency.pahoUnderLoad(
            o.work().resolve("spool-paho-load-" + System.nanoTime()), broker.url(), sub,
            "streetsense/v1/bench/ping/event", payload, pings, Duration.ofMillis(10), 10_000,
            o.timeout());
        Percentiles p = Percentiles.of(s, s.length);
        rows.add(Row.of(measure, p.p99Millis(), "ms", Targets.NONE_T, String.format(Locale.ROOT,
            "p50 %.2f ms, max %.1f ms; %d of %d messages; a message that does not pass through "
                + "the gateway, while a gateway rig in this JVM carries the background",
            p.p50Millis(), p.maxMillis(), p.count(), pings)));
      }, measure, "ms");
    }

    /**
     * Diagnostic: the same loaded latency run with one reading per message, the installation
     * file's default (the rows with targets run as {@code readingsPerMessage: 500} selects).
     */
    private void latencyOneReadingPerMessage(BenchBroker broker, CountingSubscriber sub,
        CountingSubscriber readings) {
      String measure = "diagnostic: interaction latency p99, under 10,000 readings/s, one reading "
          + "per message";
      int events = o.count(LATENCY_EVENTS);
      step("latency, one reading per message", () -> {
        InteractionLatency.Result r = InteractionLatency.run(
            o.work().resolve("spool-latency-single-" + System.nanoTime()), broker.url(), sub,
            readings, events, Duration.ofMillis(10), 10_000, FsyncPolicy.GROUP,
            MqttSinkOptions.perObservation(), o.timeout());
        Percentiles p = r.latency();
        rows.add(Row.of(measure, p.p99Millis(), "ms", Targets.NONE_T, String.format(Locale.ROOT,
            "p50 %.1f ms, max %.1f ms; %d of %d events, background received %,.0f readings/s; "
                + "the file's default readingsPerMessage: 1 (the target rows run with "
                + "readingsPerMessage: 500)", p.p50Millis(), p.maxMillis(), p.count(), r.sent(),
            r.backgroundRate())));
      }, measure, "ms");
    }

    /** Diagnostic: the same loaded latency run with fsync OS, where appends commit at once. */
    private void latencyWithoutCommitWait(BenchBroker broker, CountingSubscriber sub,
        CountingSubscriber readings) {
      String measure = "diagnostic: interaction latency p99, under 10,000 readings/s, fsync OS";
      int events = o.count(LATENCY_EVENTS);
      step("latency, fsync OS", () -> {
        InteractionLatency.Result r = InteractionLatency.run(
            o.work().resolve("spool-latency-os-" + System.nanoTime()), broker.url(), sub,
            readings, events, Duration.ofMillis(10), 10_000, FsyncPolicy.OS,
            InteractionLatency.BATCHED, o.timeout());
        Percentiles p = r.latency();
        rows.add(Row.of(measure, p.p99Millis(), "ms", Targets.NONE_T, String.format(Locale.ROOT,
            "p50 %.1f ms, max %.1f ms; %d of %d events; shows the path without waiting for a "
                + "group commit", p.p50Millis(), p.maxMillis(), p.count(), r.sent())));
      }, measure, "ms");
    }

    /**
     * A simulated GPIO edge through the real button driver: to the spool hand-over and the
     * subscriber (edge -> event), and through the reflex engine to the LED write.
     */
    private void edgeAndReflex(BenchBroker broker, CountingSubscriber sub,
        CountingSubscriber readings) {
      int presses = o.count(1_000);
      Duration period = EdgeToActuator.PERIOD;
      Duration timeout = o.timeout().plus(period.multipliedBy(presses));
      Percentiles[] limit = {new Percentiles(0, Double.NaN, Double.NaN, Double.NaN)};
      String limitRow = "baseline: physical limit, edge -> output write p99 (no gateway)";
      step("physical limit", () -> {
        Percentiles p = PhysicalLimit.run(presses, period, timeout);
        limit[0] = p;
        rows.add(Row.of(limitRow, p.p99Millis(), "ms", Targets.NONE_T, String.format(Locale.ROOT,
            "p50 %.3f ms, p99 - p50 %.3f ms, max %.3f ms; %d of %d presses; a loop on the same "
                + "simulated pin writing the same simulated output directly",
            p.p50Millis(), p.p99Millis() - p.p50Millis(), p.maxMillis(), p.count(), presses)));
      }, limitRow, "ms");
      for (int load : new int[] {0, 10_000}) {
        String label = load == 0 ? "idle" : "under 10,000 readings/s";
        step("edge and reflex " + label, () -> {
          EdgeToActuator.Result r = EdgeToActuator.run(
              o.work().resolve("spool-edge-" + load + "-" + System.nanoTime()), broker.url(), sub,
              readings, presses, period, load, timeout);
          String bg = r.backgroundRate() == 0 ? "" : String.format(Locale.ROOT,
              ", background received %,.0f readings/s", r.backgroundRate());
          String debounce = r.debounce().toMillis() + " ms";
          Percentiles lim = limit[0];
          Percentiles h = r.handover();
          Percentiles s = r.subscriber();
          rows.add(Row.of("edge -> event at subscriber p99, " + label, s.p99Millis(), "ms",
              load == 0 ? Targets.NONE_T : Targets.EDGE_EVENT_P99, String.format(Locale.ROOT,
                  "p50 %.2f ms, max %.1f ms; %d of %d presses, leading edge (%s lockout); "
                  + "QoS 1 subscriber; edge -> handed to the spool p50 %.2f / p99 %.2f / "
                  + "max %.1f ms (%d)%s",
                  s.p50Millis(), s.maxMillis(), s.count(), r.sent(), debounce, h.p50Millis(),
                  h.p99Millis(), h.maxMillis(), h.count(), bg))
              .against("physical limit p99", lim.p99Millis()));
          Percentiles a = r.actuator();
          String note = String.format(Locale.ROOT,
              "p50 %.3f ms, max %.1f ms; %d of %d presses, leading edge (%s lockout), contact "
                  + "bounce; reflex engine's own p99 %.2f ms; %d lamp writes for %d edges%s",
              a.p50Millis(), a.maxMillis(), a.count(), r.sent(), debounce,
              r.engineP99Millis(), r.lampWrites(), r.edgesSeen(), bg);
          rows.add(Row.of("local reflex latency p99, edge -> actuator write, " + label,
              a.p99Millis(), "ms", Targets.REFLEX_P99, note)
              .against("physical limit p99", lim.p99Millis()));
          rows.add(Row.of("local reflex latency p99 - p50, edge -> actuator write, " + label,
              a.p99Millis() - a.p50Millis(), "ms", Targets.REFLEX_SPREAD, note)
              .against("physical limit p99 - p50", lim.p99Millis() - lim.p50Millis()));
        }, "edge -> event at subscriber p99, " + label, "ms",
            "local reflex latency p99, edge -> actuator write, " + label, "ms",
            "local reflex latency p99 - p50, edge -> actuator write, " + label, "ms");
      }
    }

    private void spool() {
      int n = o.count(300_000);
      step("spool", () -> {
        SpoolCost.Result r = SpoolCost.run(o.work().resolve("spool-cost-" + System.nanoTime()), n,
            FsyncPolicy.GROUP, o.timeout());
        String note = String.format(Locale.ROOT, "%,d readings, default options (group fsync)",
            r.readings());
        rows.add(Row.of("spool append, default fsync policy", r.appendRate(), "readings/s",
            Targets.SPOOL_APPEND, note));
        rows.add(Row.of("spool bytes written per reading (/proc/self/io)",
            r.writeBytesPerReading(), "bytes", Targets.SPOOL_BYTES,
            note + String.format(Locale.ROOT, "; segment files grew %.1f bytes/reading; "
                + "baseline: the reading's JSON payload", r.fileBytesPerReading()))
            .against("JSON payload", payload.length));
        rows.add(Row.of("spool replay (read + acknowledge)", r.replayRate(), "readings/s",
            Targets.NONE_T, note));
      }, "spool append, default fsync policy", "readings/s",
          "spool bytes written per reading (/proc/self/io)", "bytes");
    }

    private void spoolWithoutForce() {
      int n = o.count(300_000);
      step("spool, fsync OS", () -> {
        SpoolCost.Result r = SpoolCost.run(o.work().resolve("spool-os-" + System.nanoTime()), n,
            FsyncPolicy.OS, o.timeout());
        rows.add(Row.of("spool append, fsync OS (diagnostic: no forcing)", r.appendRate(),
            "readings/s", Targets.NONE_T, String.format(Locale.ROOT,
                "%,d readings; shows what group commit costs", r.readings())));
      }, "spool append, fsync OS (diagnostic: no forcing)", "readings/s");
    }

    private void footprint() {
      List<String> flags;
      String flagSource;
      try {
        flags = o.jvmOpts().isBlank() ? ShippedJvmOptions.fromUnit(o.unit())
            : ShippedJvmOptions.split(o.jvmOpts());
        flagSource = o.jvmOpts().isBlank() ? "the systemd unit's STREETSENSE_JAVA_OPTS"
            : "--jvm-opts";
      } catch (IOException | RuntimeException e) {
        LOG.warn("footprint: no JVM options: {}", e.toString());
        for (String m : new String[] {"footprint: RSS", "footprint: start to first publish",
            "footprint: CPU, 20 devices x 10 Hz"}) {
          rows.add(Row.missing(m, m.contains("RSS") ? "MiB" : m.contains("CPU")
              ? "% of one core" : "s", Targets.forMeasure(m), "not measured: " + e));
        }
        return;
      }
      String jvm = String.join(" ", flags) + " (" + flagSource + ")";
      Duration window = Duration.ofSeconds(o.scale() < 1 ? 5 : 15);
      step("footprint, demo", () -> {
        // as the unit starts it: the first start records its classes, `prepare` makes the
        // class-data archive, the measured start maps it (decision 0386)
        ClassDataLauncher launcher = new ClassDataLauncher(o.launcher(),
            o.work().resolve("cds-demo-" + System.nanoTime()));
        Footprint.Result first = Footprint.run(o.gatewayJar(), o.work().resolve("demo-first-"
                + System.nanoTime()), Footprint.Launch.demo(flags).through(launcher),
            Duration.ZERO, Duration.ofSeconds(1));
        ClassDataLauncher.Prepared made = launcher.prepare(o.gatewayJar(), flags);
        rows.add(Row.of("footprint: start to first publish, first start (records its classes)",
            first.startToFirstPublishSeconds(), "s", Targets.NONE_T, String.format(Locale.ROOT,
                "streetsense.jar demo through deploy/bin/streetsense-launch with no class-data "
                + "archive yet: the first start after an install, a jar or a JVM update; %s",
                jvm)));
        rows.add(Row.of("footprint: class-data archive made", made.took().toMillis() / 1000.0,
            "s", Targets.NONE_T, String.format(Locale.ROOT, "streetsense-launch prepare (the "
                + "unit's ExecStartPre) from the first start's record: %.1f MiB archive",
                made.archiveBytes() / 1048576.0)));
        Footprint.Result r = Footprint.run(o.gatewayJar(), o.work().resolve("demo-"
                + System.nanoTime()), Footprint.Launch.demo(flags).through(launcher),
            Duration.ofSeconds(5), window);
        String note = String.format(Locale.ROOT, "streetsense.jar demo through "
            + "deploy/bin/streetsense-launch with its class-data archive, %s; subscriber saw "
            + "%,.1f readings/s during the CPU window", jvm, r.readingsPerSecond());
        rows.add(Row.of("footprint: RSS", r.rssMb(), "MiB", Targets.RSS, note));
        rows.add(Row.of("footprint: RSS at first publish", r.rssAtFirstPublishMb(), "MiB",
            Targets.NONE_T, note));
        rows.add(Row.of("footprint: heap used", r.heapUsedMb(), "MiB", Targets.NONE_T,
            note + "; jcmd GC.heap_info, all generations"));
        rows.add(Row.of("footprint: threads", r.threads(), "threads", Targets.NONE_T, note));
        rows.add(Row.of("footprint: start to first publish", r.startToFirstPublishSeconds(), "s",
            Targets.FIRST_PUBLISH, note));
        rows.add(Row.of("footprint: CPU, demo installation", r.cpuPercent(), "% of one core",
            Targets.NONE_T, note + " (the CPU target is on the 20 devices x 10 Hz row)"));
      }, "footprint: RSS", "MiB", "footprint: start to first publish", "s");
      step("footprint, 20 devices x 10 Hz", () -> {
        try (BenchBroker broker = new BenchBroker()) {
          broker.start();
          Path dir = o.work().resolve("sensors-" + System.nanoTime());
          Path file = SensorInstallationFile.write(dir, 20, Duration.ofMillis(100), broker.url(),
              org.streetsense.harness.FreePorts.next());
          // as the unit runs it, with the archive its own first start recorded
          ClassDataLauncher launcher = new ClassDataLauncher(o.launcher(), dir.resolve("cds"));
          Footprint.Launch launch =
              Footprint.Launch.installation(flags, file, broker.url()).through(launcher);
          Footprint.run(o.gatewayJar(), dir.resolve("first"), launch, Duration.ZERO,
              Duration.ofSeconds(1));
          launcher.prepare(o.gatewayJar(), flags);
          // steady state: start-up class loading and compilation are over after the settling
          Footprint.Result r = Footprint.run(o.gatewayJar(), dir, launch,
              Duration.ofSeconds(o.scale() < 1 ? 10 : 30), Duration.ofSeconds(o.scale() < 1 ? 5 : 30));
          String note = String.format(Locale.ROOT, "streetsense.jar run --config <generated: "
              + "20 simulated ads1115, one input each, period 100ms> to the bench Mosquitto, "
              + "through deploy/bin/streetsense-launch with the archive its first start "
              + "recorded, %s; "
              + "CPU over 30 s after 30 s of settling; subscriber saw %,.1f readings/s during "
              + "the CPU window (expected 200); RSS %.1f MiB, heap used %.1f MiB, %d threads",
              jvm, r.readingsPerSecond(),
              r.rssMb(), r.heapUsedMb(), r.threads());
          rows.add(Row.of("footprint: CPU, 20 devices x 10 Hz", r.cpuPercent(), "% of one core",
              Targets.CPU, note));
          rows.add(Row.of("footprint: RSS, 20 devices x 10 Hz", r.rssMb(), "MiB",
              Targets.NONE_T, note + "; read 60 s after the first publish (15 s with --quick)"));
          rows.add(Row.of("footprint: RSS at first publish, 20 devices x 10 Hz",
              r.rssAtFirstPublishMb(), "MiB", Targets.NONE_T, note));
        }
      }, "footprint: CPU, 20 devices x 10 Hz", "% of one core");
      step("footprint, demo memory breakdown", () -> footprintBreakdown(flags, window),
          "footprint breakdown: NMT total committed", "MiB");
    }

    /**
     * The demo again with Native Memory Tracking and a class-load log: committed memory per NMT
     * category and loaded classes per library, as info rows (NMT itself costs about 2 MiB, so
     * these are not the RSS row's figures).
     */
    private void footprintBreakdown(List<String> flags, Duration window)
        throws Exception {
      Path dir = o.work().resolve("demo-nmt-" + System.nanoTime());
      Files.createDirectories(dir);
      Path classLog = dir.resolve("class-load.log");
      List<String> nmtFlags = new ArrayList<>(flags);
      nmtFlags.addAll(MemoryBreakdown.jvmOptions(classLog));
      Footprint.Result r = Footprint.run(o.gatewayJar(), dir, Footprint.Launch.demo(nmtFlags),
          Duration.ofSeconds(5), window, List.of(MemoryBreakdown.NMT_COMMAND));
      Map<String, Long> nmt = MemoryBreakdown.nmtCommittedKb(r.jcmdOutputs().get(0));
      if (nmt.isEmpty()) {
        throw new IllegalStateException("jcmd printed no NMT summary");
      }
      String note = String.format(Locale.ROOT, "demo with the footprint rows' options plus "
          + "-XX:NativeMemoryTracking=summary (which costs about 2 MiB itself), started "
          + "directly, without the class-data archive (its classes are in Metaspace here, in "
          + "Shared class space with it); RSS of this run "
          + "%.1f MiB; committed, from jcmd VM.native_memory summary", r.rssMb());
      for (Map.Entry<String, Long> e : nmt.entrySet()) {
        if (e.getKey().equals("Total") || e.getValue() >= 512) {
          String name = e.getKey().equals("Total") ? "NMT total committed" : e.getKey();
          rows.add(Row.of("footprint breakdown: " + name, e.getValue() / 1024.0, "MiB",
              Targets.NONE_T, note));
        }
      }
      Map<String, Integer> classes =
          MemoryBreakdown.classesPerLibrary(MemoryBreakdown.readLog(classLog));
      int total = classes.values().stream().mapToInt(Integer::intValue).sum();
      for (Map.Entry<String, Integer> e : classes.entrySet()) {
        rows.add(Row.of("footprint breakdown: classes loaded, " + e.getKey(), e.getValue(),
            "classes", Targets.NONE_T, String.format(Locale.ROOT, "of %,d classes the demo "
                + "loaded (-Xlog:class+load), hidden classes and lambdas included", total)));
      }
    }

    /** The OSC decoder over seeded random and mutated datagrams; fails on the first escape. */
    private void oscFuzz() {
      int n = o.count(10_000_000);
      String measure = "OSC decoder fuzz, random and mutated datagrams";
      step("osc fuzz", () -> {
        OscFuzz.Result r = OscFuzz.run(n, OscFuzz.SEED, o.timeout().multipliedBy(10));
        rows.add(Row.of(measure, r.rate(), "datagrams/s", Targets.NONE_T, r.describe()));
      }, measure, "datagrams/s");
    }

    /**
     * Runs one scenario; on failure adds a not-measured row for each (measure, unit) pair given.
     */
    private void step(String name, Scenario s, String... measureAndUnit) {
      LOG.info("running {}", name);
      long t = System.nanoTime();
      try {
        s.run();
        LOG.info("{} done in {} s", name, String.format(Locale.ROOT, "%.1f",
            (System.nanoTime() - t) / 1e9));
      } catch (Exception e) {
        LOG.warn("{} failed: {}", name, e.toString());
        for (int i = 0; i + 1 < measureAndUnit.length; i += 2) {
          rows.add(Row.missing(measureAndUnit[i], measureAndUnit[i + 1],
              Targets.forMeasure(measureAndUnit[i]), "not measured: " + reason(e)));
        }
      }
    }

    /** Why a baseline figure is missing: {@code known}, else whether its group ran. */
    private String missing(String known) {
      return !known.isEmpty() ? known : o.runs("baselines")
          ? "its row says why" : "the baselines group did not run";
    }

    private static String reason(Throwable e) {
      Throwable c = e;
      while (c.getCause() != null && c.getMessage() == null) {
        c = c.getCause();
      }
      return c.getClass().getSimpleName() + ": " + c.getMessage();
    }
  }

  @FunctionalInterface
  private interface Scenario {
    void run() throws Exception;
  }
}
