package org.streetsense.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.streetsense.rigs.load.LedgerSubscriber;
import org.streetsense.rigs.load.StreamLedger;

/** Shared waits and checks of the fault tests. */
final class FaultChecks {

  private FaultChecks() {}

  /** Waits until the subscriber has received {@code extra} more distinct observations. */
  static void awaitFlowing(LedgerSubscriber sub, long extra, Duration within) {
    long base = sub.read(StreamLedger::distinctTotal);
    Awaitility.await("subscriber receives " + extra + " more observations").atMost(within)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> sub.read(StreamLedger::distinctTotal) >= base + extra);
  }

  /**
   * Waits until every accepted observation ({@code 1..max} per stream) was received or is
   * covered by a gap report; on time-out fails listing what is still missing.
   */
  static void awaitNothingUnreported(LedgerSubscriber sub, Map<String, Long> accepted, Duration within) {
    try {
      Awaitility.await("every accepted observation received or reported").atMost(within)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> sub.read(l -> l.unreported(accepted).isEmpty()));
    } catch (ConditionTimeoutException e) {
      Map<String, List<Long>> lost = sub.read(l -> l.unreported(accepted));
      StringBuilder s = new StringBuilder("unreported losses:\n");
      lost.forEach((k, v) -> s.append("  ").append(k).append(": ").append(v.size()).append(" e.g. ")
          .append(v.subList(0, Math.min(10, v.size()))).append('\n'));
      s.append(sub.read(StreamLedger::summary));
      assertThat(lost).as(s.toString()).isEmpty();
    }
  }
}
