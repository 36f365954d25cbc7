package org.streetsense.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LiveRateTest {

  private static final long SECOND = 1_000_000_000L;
  private final LiveRate rate = new LiveRate();

  @Test
  void isZeroUntilTwoSamplesWereTaken() {
    assertThat(rate.sample(500, 0)).isZero();
  }

  @Test
  void measuresTheCounterPerSecondAndFollowsAChange() {
    rate.sample(0, 0);
    assertThat(rate.sample(1000, SECOND)).isCloseTo(1000, within(1e-9));
    assertThat(rate.sample(1000 + 3000, 2 * SECOND)).isCloseTo(2000, within(1e-9));
    assertThat(rate.sample(4000 + 3000, 3 * SECOND)).isCloseTo(2500, within(1e-9));
  }

  @Test
  void ignoresASampleThatGoesBackwards() {
    rate.sample(100, SECOND);
    rate.sample(50, 2 * SECOND);
    assertThat(rate.perSecond()).isZero();
    assertThat(rate.sample(250, 3 * SECOND)).isCloseTo(200, within(1e-9));
  }
}
