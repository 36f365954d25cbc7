package org.streetsense.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.spool.ForwarderOptions;
import org.streetsense.gateway.spool.SpoolStats;
import org.streetsense.harness.FreePorts;
import org.streetsense.rigs.load.DurableBroker;
import org.streetsense.rigs.load.GatewayUnderTest;
import org.streetsense.rigs.load.LedgerSubscriber;
import org.streetsense.rigs.load.LoadInstallation;
import org.streetsense.rigs.load.StreamLedger;

/**
 * Issue 3: the broker stopped and restarted 5 times during a 1,000 readings/s stream (two
 * simulated MCP3008s, 16 streams, every 16 ms). The subscriber has a persistent session on a
 * broker that keeps it across restarts, so whatever it lacks would be the gateway's loss.
 */
class BrokerRestartsIT {

  private static final int RESTARTS = 5;
  /**
   * What one outage can bring twice: the uplink's in-flight window (1,000 publishes Paho may
   * resend), the forwarder's telemetry batches in flight sent again from the first
   * unacknowledged record (4 of 500 at the defaults), and the broker's in-flight window towards
   * the subscriber (100).
   */
  private static final long DUPLICATES_PER_OUTAGE =
      1000 + ForwarderOptions.builder().build().telemetryRecordsInFlight() + 100;

  @TempDir Path tmp;

  @Test
  @Timeout(180)
  void deliversEveryAcceptedReadingAcrossFiveBrokerRestartsAndCountsDuplicates() {
    try (DurableBroker broker = DurableBroker.local()) {
      broker.start();
      LoadInstallation load = LoadInstallation.builder("restarts", tmp.resolve("spool"), broker.url())
          .devices(2).period(Duration.ofMillis(16)).httpPort(FreePorts.next()).build();
      try (LedgerSubscriber sub = LedgerSubscriber.connect(broker.url(), "streetsense/v1/restarts/+/+");
          GatewayUnderTest gw = GatewayUnderTest.start(load.load(tmp))) {
        long started = System.nanoTime();
        FaultChecks.awaitFlowing(sub, 1000, Duration.ofSeconds(30));
        for (int i = 0; i < RESTARTS; i++) {
          broker.restart();
          FaultChecks.awaitFlowing(sub, 1000, Duration.ofSeconds(30));
        }
        Map<String, Long> accepted = gw.acceptedSnapshot();
        double seconds = (System.nanoTime() - started) / 1e9;
        SpoolStats stats = gw.spoolStats();
        long acceptedTotal = accepted.values().stream().mapToLong(Long::longValue).sum();
        assertThat(accepted.keySet()).containsExactlyInAnyOrderElementsOf(load.streams());
        assertThat(stats.appended()).as("spool's own count covers the snapshot").isGreaterThanOrEqualTo(acceptedTotal);
        assertThat(stats.dropsByReason().values().stream().mapToLong(Long::longValue).sum()).isZero();

        FaultChecks.awaitNothingUnreported(sub, accepted, Duration.ofSeconds(90));

        long duplicates = sub.read(StreamLedger::duplicateTotal);
        System.out.printf("BrokerRestartsIT: configured %.0f/s, %d accepted in %.1f s (%.0f/s on this machine),"
            + " %d distinct received, %d duplicates%n%s", load.readingsPerSecond(), acceptedTotal, seconds,
            acceptedTotal / seconds, sub.read(StreamLedger::distinctTotal), duplicates, sub.read(StreamLedger::summary));
        assertThat(sub.read(StreamLedger::gaps)).as("no gap: nothing was dropped").isEmpty();
        long missing = sub.read(l -> l.missingTotal(accepted));
        assertThat(missing).isZero();
        assertThat(duplicates).as("duplicates bounded by what each outage can bring twice")
            .isBetween(0L, (long) RESTARTS * DUPLICATES_PER_OUTAGE);
      }
    }
  }
}
