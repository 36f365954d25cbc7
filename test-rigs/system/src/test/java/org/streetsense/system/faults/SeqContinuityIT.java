package org.streetsense.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.rigs.load.DurableBroker;
import org.streetsense.rigs.load.LedgerSubscriber;
import org.streetsense.rigs.load.LoadInstallation;
import org.streetsense.rigs.load.StreamLedger;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Issue 15, item 1: no unexplained hole in {@code seq}. The gateway process runs 8 streams at
 * 20 readings/s each; the broker is restarted twice, then the gateway is killed with SIGKILL and
 * started again on the same spool. An independent subscriber (Paho, persistent session on a
 * broker that keeps it across restarts) must have, for every stream, every number from 1 to the
 * highest it received either received or covered by a gap message; the numbers the killed run
 * reserved and never used are covered by a gap with count 0 and reason {@code unused}.
 */
class SeqContinuityIT {

  @TempDir Path tmp;

  @Test
  @Timeout(240)
  void everyNumberUpToTheHighestIsReceivedOrCoveredByAGapAcrossBrokerRestartsAndAKill() {
    try (DurableBroker broker = DurableBroker.local()) {
      broker.start();
      LoadInstallation load = LoadInstallation.builder("continuity", tmp.resolve("spool"), broker.url())
          .devices(1).period(Duration.ofMillis(50)).httpPort(FreePorts.next()).build();
      Path config = load.writeTo(tmp);
      try (LedgerSubscriber sub = LedgerSubscriber.connect(broker.url(), "streetsense/v1/continuity/+/+")) {
        GatewayProcess killed = GatewayProcess.start("run", "--config", config.toString());
        try {
          FaultChecks.awaitFlowing(sub, 300, Duration.ofSeconds(60));
          for (int i = 0; i < 2; i++) {
            broker.restart();
            FaultChecks.awaitFlowing(sub, 300, Duration.ofSeconds(60));
          }
        } finally {
          killed.killAndWait();
        }
        Map<String, Long> beforeKill = highest(sub, load.streams());
        try (GatewayProcess again = GatewayProcess.start("run", "--config", config.toString())) {
          FaultChecks.awaitFlowing(sub, 300, Duration.ofSeconds(60));
          Map<String, Long> highest = highest(sub, load.streams());
          FaultChecks.awaitNothingUnreported(sub, highest, Duration.ofSeconds(60));
          System.out.printf("SeqContinuityIT: highest before the kill %s, at the end %s%n%s",
              beforeKill, highest, sub.read(StreamLedger::summary));
          List<StreamLedger.GapReport> gaps = sub.read(StreamLedger::gaps);
          for (String stream : load.streams()) {
            assertThat(highest.get(stream)).as("%s continues after the kill", stream)
                .isGreaterThan(beforeKill.get(stream));
            assertThat(gaps).as("%s: the numbers the killed run skipped are reported unused", stream)
                .anyMatch(g -> g.stream().equals(stream) && g.reason().equals("unused")
                    && g.count() == 0 && g.firstSeq() > beforeKill.get(stream) - 1);
          }
          assertThat(gaps).as("nothing was lost: every gap is an unused range")
              .allMatch(g -> g.reason().equals("unused") && g.count() == 0);
          assertThat(again.isAlive()).isTrue();
        }
      }
    }
  }

  private static Map<String, Long> highest(LedgerSubscriber sub, List<String> streams) {
    return sub.read(l -> streams.stream()
        .collect(Collectors.toMap(Function.identity(), l::maxSeq)));
  }
}
