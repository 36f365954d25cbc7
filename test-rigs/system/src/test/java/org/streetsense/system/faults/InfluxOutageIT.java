package org.streetsense.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.InfluxDb1Server;
import org.streetsense.harness.ServerProcess;
import org.streetsense.harness.VictoriaMetricsServer;
import org.streetsense.rigs.load.DatabaseLedgers;
import org.streetsense.rigs.load.DurableBroker;
import org.streetsense.rigs.load.GatewayUnderTest;
import org.streetsense.rigs.load.LoadInstallation;
import org.streetsense.rigs.load.StreamLedger;

/**
 * Issue 3: InfluxDB down for {@link #OUTAGE} while the gateway streams 400 readings/s (one
 * MCP3008, 8 streams, every 20 ms) to it and to MQTT: after the server is back the backlog is
 * fully written, verified by querying the database for every {@code (device, channel, seq)} the
 * spool accepted. Once for InfluxDB 1.x ({@code /write}, v1 mode) and once for VictoriaMetrics
 * ({@code /api/v2/write}, v2 mode).
 */
class InfluxOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @Test
  @Timeout(150)
  void influxDb1BacklogIsFullyWrittenAfterAThirtySecondOutage() {
    try (InfluxDb1Server influx = new InfluxDb1Server()) {
      influx.start();
      influx.createDatabase("faults");
      runOutage(influx, b -> b.influxV1(influx.url(), "faults"), "influx1",
          () -> DatabaseLedgers.fromInflux1(influx.query("faults", DatabaseLedgers.INFLUX1_QUERY)));
    }
  }

  @Test
  @Timeout(150)
  void victoriaMetricsBacklogIsFullyWrittenAfterAThirtySecondOutage() {
    try (VictoriaMetricsServer vm = new VictoriaMetricsServer()) {
      vm.start();
      runOutage(vm, b -> b.influxV2(vm.url(), "streetsense", "faults"), "vm",
          () -> DatabaseLedgers.fromVictoriaMetrics(vm.export(DatabaseLedgers.victoriaMetricsSelector("vm"))));
    }
  }

  private void runOutage(ServerProcess db, java.util.function.UnaryOperator<LoadInstallation.Builder> sink,
      String id, Supplier<StreamLedger> stored) {
    try (DurableBroker broker = DurableBroker.local()) {
      broker.start();
      LoadInstallation load = sink.apply(LoadInstallation.builder(id, tmp.resolve("spool"), broker.url())
          .devices(1).period(Duration.ofMillis(20)).httpPort(FreePorts.next())).build();
      try (GatewayUnderTest gw = GatewayUnderTest.start(load.load(tmp))) {
        Awaitility.await("first points stored").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500)).until(() -> stored.get().distinctTotal() > 200);
        db.stop();
        long down = System.nanoTime();
        Awaitility.await("outage of " + OUTAGE).atMost(OUTAGE.plusSeconds(30)).pollDelay(OUTAGE)
            .until(() -> gw.spoolStats().pendingPerSink().values().stream().anyMatch(n -> n > 0));
        long backlog = gw.spoolStats().pendingPerSink().values().stream().mapToLong(Long::longValue).max().orElse(0);
        db.start();
        System.out.printf("InfluxOutageIT[%s]: down %.1f s, backlog %d%n", id, (System.nanoTime() - down) / 1e9, backlog);

        Map<String, Long> accepted = gw.acceptedSnapshot();
        try {
          Awaitility.await("every accepted reading stored").atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofSeconds(1))
              .until(() -> stored.get().missingTotal(accepted) == 0);
        } catch (ConditionTimeoutException e) {
          StreamLedger l = stored.get();
          assertThat(l.missingTotal(accepted)).as("missing in the database:\n" + l.summary()).isZero();
        }
        StreamLedger l = stored.get();
        System.out.printf("InfluxOutageIT[%s]: %d accepted, all stored%n%s", id,
            accepted.values().stream().mapToLong(Long::longValue).sum(), l.summary());
        assertThat(backlog).as("the outage built a backlog").isPositive();
        for (String stream : load.streams()) {
          List<Long> missing = l.missing(stream, 1, accepted.get(stream));
          assertThat(missing).as(stream).isEmpty();
        }
        assertThat(l.gaps()).isEmpty();
      }
    }
  }
}
