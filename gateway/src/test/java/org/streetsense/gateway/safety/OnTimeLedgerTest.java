package org.streetsense.gateway.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OnTimeLedgerTest {

  private static final long MS = 1_000_000L;
  private final OnTimeLedger ledger = new OnTimeLedger(Duration.ofSeconds(2), Duration.ofSeconds(5));

  @Test
  void countsOnTimeFromTheMomentTheOutputLeavesItsSafeLevel() {
    ledger.level(true, 1_000 * MS);

    assertThat(ledger.onTime(1_000 * MS)).isEqualTo(Duration.ZERO);
    assertThat(ledger.remaining(2_500 * MS)).isEqualTo(Duration.ofMillis(500));
    assertThat(ledger.remaining(3_000 * MS)).isEqualTo(Duration.ZERO);
  }

  @Test
  void furtherWritesAwayFromSafeDoNotRestartTheCount() {
    ledger.level(true, 0);
    ledger.level(true, 1_500 * MS); // on again
    ledger.level(true, 1_900 * MS); // a fade step

    assertThat(ledger.remaining(1_900 * MS)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void addsUpOnTimeAcrossShortReturnsToSafe() {
    ledger.level(true, 0);
    ledger.level(false, 900 * MS);   // off for a moment
    ledger.level(true, 1_000 * MS);  // on again
    ledger.level(false, 1_900 * MS);
    ledger.level(true, 2_000 * MS);

    assertThat(ledger.onTime(2_000 * MS)).isEqualTo(Duration.ofMillis(1_800));
    assertThat(ledger.remaining(2_200 * MS)).isEqualTo(Duration.ZERO);
  }

  @Test
  void forgetsOnTimeOnlyAfterARestAsLongAsTheCoolDown() {
    ledger.level(true, 0);
    ledger.level(false, 1_000 * MS);
    ledger.level(true, 5_999 * MS);
    assertThat(ledger.onTime(5_999 * MS)).as("rested 4.999 s of 5").isEqualTo(Duration.ofSeconds(1));

    ledger.level(false, 6_000 * MS);
    assertThat(ledger.onTime(10_999 * MS)).isEqualTo(Duration.ofMillis(1_001));
    assertThat(ledger.onTime(11_000 * MS)).as("rested a full cool-down").isEqualTo(Duration.ZERO);
    ledger.level(true, 11_000 * MS);
    assertThat(ledger.remaining(11_000 * MS)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aCutOffStartsTheCoolDownThatThenEnds() {
    ledger.level(true, 0);
    assertThat(ledger.coolingDown(0)).isEqualTo(Duration.ZERO);

    ledger.cutOff(2_000 * MS);

    assertThat(ledger.away()).isFalse();
    assertThat(ledger.coolingDown(2_000 * MS)).isEqualTo(Duration.ofSeconds(5));
    assertThat(ledger.coolingDown(6_999 * MS)).isEqualTo(Duration.ofMillis(1));
    assertThat(ledger.coolingDown(7_000 * MS)).isEqualTo(Duration.ZERO);
    assertThat(ledger.remaining(7_000 * MS)).isEqualTo(Duration.ofSeconds(2));
  }
}
