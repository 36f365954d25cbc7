package org.streetsense.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.spool.ForwarderOptions;
import org.streetsense.harness.FreePorts;
import org.streetsense.rigs.load.DurableBroker;
import org.streetsense.rigs.load.GatewayUnderTest;
import org.streetsense.rigs.load.LedgerSubscriber;
import org.streetsense.rigs.load.LoadInstallation;
import org.streetsense.rigs.load.StreamLedger;

/**
 * Issue 3: the spool cap (1 MB, the smallest a file allows) reached while the broker is down.
 * Exactly the oldest undelivered readings are dropped, and gap events on MQTT carry the exact
 * count: per stream, the losses start right after what was delivered before the outage, the
 * newest readings (those accepted once the gateway is connected again) are kept, the reported ranges hold exactly the missing numbers, the gap counts
 * add up to the spool's own drop counter and equal what is missing, except readings of a dropped
 * segment that the forwarder already had in flight (they arrive anyway; at most one batch). (While the backlog drains, live
 * appends can push the spool over its cap again; then the oldest undelivered segment at that
 * moment goes, so the losses of one stream may be more than one run.)
 */
class SpoolCapIT {

  /**
   * What the forwarder can have in flight when the segment it came from is dropped: its telemetry
   * batches at the gateway's defaults.
   */
  private static final long IN_FLIGHT =
      ForwarderOptions.builder().build().telemetryRecordsInFlight();

  @TempDir Path tmp;

  @Test
  @Timeout(300)
  void capDropsExactlyTheOldestAndPublishesGapsWithTheExactCount() {
    try (DurableBroker broker = DurableBroker.local()) {
      broker.start();
      LoadInstallation load = LoadInstallation.builder("capped", tmp.resolve("spool"), broker.url())
          .devices(2).period(Duration.ofMillis(16)).spoolMaxBytes(1L << 20)
          .httpPort(FreePorts.next()).build();
      try (LedgerSubscriber sub = LedgerSubscriber.connect(broker.url(), "streetsense/v1/capped/+/+");
          GatewayUnderTest gw = GatewayUnderTest.start(load.load(tmp))) {
        FaultChecks.awaitFlowing(sub, 500, Duration.ofSeconds(30));
        broker.stop();
        Awaitility.await("spool drops at its cap").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> gw.spoolStats().dropsByReason().getOrDefault("spool_full", 0L) > 0);
        broker.start();
        // the uplink notices the broker only at its next reconnect attempt (back-off up to a
        // minute); until then the spool rightly keeps dropping at its cap, so "the newest are
        // kept" is judged from the moment the gateway is back: its first gap report says so
        Awaitility.await("gateway reconnected and reporting gaps").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> sub.read(l -> !l.gaps().isEmpty()));

        Map<String, Long> accepted = gw.acceptedSnapshot();
        FaultChecks.awaitNothingUnreported(sub, accepted, Duration.ofSeconds(60));
        Awaitility.await("gap reports delivered").atMost(Duration.ofSeconds(30))
            .until(() -> gw.spoolStats().pendingGapsPerSink().values().stream().allMatch(n -> n == 0));
        long dropped = gw.spoolStats().dropsByReason().getOrDefault("spool_full", 0L);

        System.out.printf("SpoolCapIT: %d dropped by the spool%n%s", dropped, sub.read(StreamLedger::summary));
        long gapTotal = 0;
        for (String stream : load.streams()) {
          List<Long> missing = sub.read(l -> l.missing(stream, 1, accepted.get(stream)));
          List<StreamLedger.GapReport> gaps = sub.read(l -> l.gaps().stream()
              .filter(g -> g.stream().equals(stream)).distinct().toList());
          assertThat(missing).as("%s loses something", stream).isNotEmpty();
          long first = missing.get(0);
          long last = missing.get(missing.size() - 1);
          assertThat(first).as("%s: everything before the first loss was delivered before the outage", stream)
              .isGreaterThan(1);
          assertThat(last).as("%s: the newest readings were kept and delivered", stream)
              .isLessThan(accepted.get(stream));
          assertThat(gaps).as("%s gap reasons", stream).allMatch(g -> g.reason().equals("spool_full"));
          List<Long> reported = gaps.stream()
              .flatMap(g -> java.util.stream.LongStream.rangeClosed(g.firstSeq(), g.lastSeq()).boxed())
              .filter(missing::contains).distinct().sorted().toList();
          assertThat(reported).as("%s: exactly the missing readings are reported", stream).isEqualTo(missing);
          long counted = gaps.stream().mapToLong(StreamLedger.GapReport::count).sum();
          // a segment dropped while the forwarder has a batch of it in flight is counted lost, and
          // that batch still arrives: reported may exceed missing by at most the batches in flight
          assertThat(counted - missing.size()).as("%s: gap count %d vs missing %d", stream, counted, missing.size())
              .isBetween(0L, IN_FLIGHT);
          gapTotal += counted;
        }
        assertThat(gapTotal).as("gap counts add up to the spool's drop counter").isEqualTo(dropped);
      }
    }
  }
}
