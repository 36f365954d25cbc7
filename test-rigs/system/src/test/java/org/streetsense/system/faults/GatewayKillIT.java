package org.streetsense.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * on a copy): every reading in it must reach the subscriber. Because a killed spool cannot write
 * its exact sequence numbers, the next run resumes past its reservation, so a stream's numbers
 * jump once per kill; the test therefore also checks that every hole in what the subscriber got
 * starts exactly at the last number the killed run accepted (so nothing of a removed, already
 * acknowledged segment went missing either) and is shorter than the reservation (1,000).
 */
class GatewayKillIT {

  private static final int KILLS = 3;
  private static final int SEQ_RESERVATION = 1000;

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
          assertThat(last.isAlive()).isTrue();
        }
        StreamLedger got = sub.read(l -> l);
        System.out.printf("GatewayKillIT: logs %s; killed runs ended at %s%n%s", logs,
            audits.stream().map(a -> a.maxSeq(load.streams().get(0))).toList(), sub.read(StreamLedger::summary));
        for (String stream : load.streams()) {
          List<Long> runEnds = audits.stream().map(a -> a.maxSeq(stream)).toList();
          assertThat(runEnds).as("%s: every killed run accepted more than the one before", stream).isSorted();
          long lastEnd = runEnds.get(runEnds.size() - 1);
          List<Long> holes = sub.read(l -> l.missing(stream, 1, lastEnd));
          for (long seq : holes) {
            long before = seq - 1;
            assertThat(runEnds.stream().anyMatch(end -> end < seq && seq <= end + SEQ_RESERVATION
                    && sub.read(l -> l.missing(stream, end + 1, seq).size() == seq - end)))
                .as("%s: seq %d missing but not a restart jump (runs ended at %s, %d received before)",
                    stream, seq, runEnds, before)
                .isTrue();
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
