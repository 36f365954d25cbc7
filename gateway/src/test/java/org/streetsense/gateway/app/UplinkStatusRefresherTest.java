package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.spool.SpoolState;
import org.streetsense.gateway.spool.SpoolStats;

class UplinkStatusRefresherTest {

  private static SpoolStats withBytes(long bytes) {
    return new SpoolStats(SpoolState.OK, bytes, 1, 0, Map.of(), Map.of(), Map.of(), 0, 0, Map.of());
  }

  @Test
  void reportsSpoolFillAsAFractionOfItsCap() {
    assertThat(UplinkStatusRefresher.fill(withBytes(48L << 20), 64L << 20)).isEqualTo(0.75);
  }

  @Test
  void reportsAnEmptySpoolBeforeTheFirstStatsAndNeverMoreThanFull() {
    assertThat(UplinkStatusRefresher.fill(null, 64L << 20)).isZero();
    assertThat(UplinkStatusRefresher.fill(withBytes(70L << 20), 64L << 20)).isEqualTo(1.0);
  }
}
