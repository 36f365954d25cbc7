package org.streetsense.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.rigs.load.DurableBroker;
import org.streetsense.rigs.process.GatewayProcess;
import org.streetsense.rigs.load.LedgerSubscriber;
import org.streetsense.rigs.load.LoadInstallation;
import org.streetsense.rigs.load.SpoolAudit;
import org.streetsense.rigs.load.StreamLedger;

/**
 * Issue 3: the gateway process ({@code java -jar streetsense.jar run --config FILE}) killed with
 * SIGKILL three times mid-stream and started again on the same spool ({@code fsync: always}, so
 * every accepted reading is on the device before the append completes).
 *
 * <p>What the spool accepted is read from the spool itself after each kill ({@link SpoolAudit}
 * on a copy): every reading in it must reach the subscriber. A killed spool cannot write its
 * exact sequence numbers, so the next run resumes past its reservation; the numbers it jumps over
 * are reported as a gap with count 0 and reason {@code unused} (decision 0275). The test
 * therefore also checks that there is no hole at all: every number from 1 to the highest
 * received is received or covered by a gap, every gap is such an unused range, and each starts
 * past the last number the killed run accepted (so nothing of a removed, already acknowledged
 * segment is hidden by it).
 */
class GatewayKillIT {

  private static final int KILLS = 3;

  @TempDir Path tmp;

  @Test
  @Timeout(240)
  void readingsTheSpoolAcceptedSurviveThreeKillsOfTheGatewayProcess() {
    try (DurableBroker broker = DurableBroker.local()) {
      broker.start();
      LoadInstallation load = LoadInstallation.builder("killed", tmp.resolve("spool"), broker.url())
          .devices(1).period(Duration.ofMillis(20)).fsync("always").httpPort(FreePorts.next()).build();
      Path config = load.writeTo(tmp);
      List<Path> logs = new ArrayList<>();
      List<StreamLedger> audits = new ArrayList<>();
      try (LedgerSubscriber sub = LedgerSubscriber.connect(broker.url(), "streetsense/v1/killed/+/+")) {
        for (int i = 0; i < KILLS; i++) {
          GatewayProcess gw = GatewayProcess.start("run", "--config", config.toString());
          logs.add(gw.stdoutFile());
          try {
            FaultChecks.awaitFlowing(sub, 400, Duration.ofSeconds(60));
          } finally {
            gw.killAndWait();
          }
          audits.add(SpoolAudit.read(tmp.resolve("spool"), tmp));
        }
        try (GatewayProcess last = GatewayProcess.start("run", "--config", config.toString())) {
          logs.add(last.stdoutFile());
          FaultChecks.awaitFlowing(sub, 400, Duration.ofSeconds(60));
          for (String stream : load.streams()) {
            org.awaitility.Awaitility.await(stream + ": everything the killed runs accepted is received")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> audits.stream().allMatch(a -> sub.read(l -> covers(l, a, stream))));
          }
          Map<String, Long> highest = sub.read(l -> load.streams().stream()
              .collect(Collectors.toMap(st -> st, l::maxSeq)));
          FaultChecks.awaitNothingUnreported(sub, highest, Duration.ofSeconds(30));
          assertThat(last.isAlive()).isTrue();
        }
        StreamLedger got = sub.read(l -> l);
        System.out.printf("GatewayKillIT: logs %s; killed runs ended at %s%n%s", logs,
            audits.stream().map(a -> a.maxSeq(load.streams().get(0))).toList(), sub.read(StreamLedger::summary));
        for (String stream : load.streams()) {
          List<Long> runEnds = audits.stream().map(a -> a.maxSeq(stream)).toList();
          assertThat(runEnds).as("%s: every killed run accepted more than the one before", stream).isSorted();
          long lastEnd = runEnds.get(runEnds.size() - 1);
          List<StreamLedger.GapReport> gaps = got.gaps().stream().filter(g -> g.stream().equals(stream)).toList();
          assertThat(gaps.stream().map(StreamLedger.GapReport::firstSeq).distinct().count())
              .as("%s: one unused range per kill (a gap may arrive twice)", stream).isEqualTo(KILLS);
          for (StreamLedger.GapReport gap : gaps) {
            assertThat(gap.reason()).as("%s: nothing lost, only unused numbers", gap).isEqualTo("unused");
            assertThat(gap.count()).isZero();
            assertThat(runEnds).as("%s starts right after a killed run's last number", gap)
                .contains(gap.firstSeq() - 1);
            assertThat(got.has(stream, gap.firstSeq())).as("%s: its first number was never published", gap)
                .isFalse();
          }
          assertThat(got.maxSeq(stream)).as("%s: the last run numbers past every killed run", stream)
              .isGreaterThan(lastEnd);
        }
      }
    }
  }

  private static boolean covers(StreamLedger received, StreamLedger audit, String stream) {
    long max = audit.maxSeq(stream);
    for (long s = 1; s <= max; s++) {
      if (audit.has(stream, s) && !received.has(stream, s)) {
        return false;
      }
    }
    return true;
  }
}
