package org.streetsense.gateway.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplingGridTest {

  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  @Test
  void aPeriodUpToOneSecondIsItsOwnGridALongerOneSamplesOnItsGreatestCommonDivisorWithOneSecond() {
    assertThat(SamplingGrid.spacing(100 * MS)).isEqualTo(100 * MS);
    assertThat(SamplingGrid.spacing(333 * MS)).isEqualTo(333 * MS);
    assertThat(SamplingGrid.spacing(S)).isEqualTo(S);
    assertThat(SamplingGrid.spacing(1500 * MS)).isEqualTo(500 * MS);
    assertThat(SamplingGrid.spacing(5 * S)).isEqualTo(S);
    assertThat(SamplingGrid.spacing(3600 * S)).isEqualTo(S);
    assertThatThrownBy(() -> SamplingGrid.spacing(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("period must be > 0 ns, was 0");
  }

  @Test
  void aFirstSampleTakenOffTheGridIsFollowedByTheFirstGridPointAtLeastOnePeriodLater() {
    assertThat(SamplingGrid.nextSlot(130 * MS, 100 * MS, 131 * MS)).isEqualTo(300 * MS);
    assertThat(SamplingGrid.nextSlot(7 * S + 1, 5 * S, 7 * S + 2)).isEqualTo(13 * S);
  }

  @Test
  void onTheGridTheNextSampleIsExactlyOnePeriodLater() {
    assertThat(SamplingGrid.nextSlot(300 * MS, 100 * MS, 308 * MS)).isEqualTo(400 * MS);
    assertThat(SamplingGrid.nextSlot(1500 * MS, 1500 * MS, 1510 * MS)).isEqualTo(3000 * MS);
  }

  @Test
  void aCycleThatEndsAfterItsSuccessorWasDueSkipsToTheNextGridPointInsteadOfCatchingUp() {
    assertThat(SamplingGrid.nextSlot(300 * MS, 100 * MS, 555 * MS)).isEqualTo(600 * MS);
  }

  @Test
  void devicesWithAPeriodThatDoesNotDivideOneSecondStillShareTheirGrid() {
    long a = SamplingGrid.nextSlot(1_000 * MS + 17 * MS, 333 * MS, 1_020 * MS);
    long b = SamplingGrid.nextSlot(1_000 * MS + 201 * MS, 333 * MS, 1_205 * MS);
    assertThat(a).isEqualTo(1_665 * MS);
    assertThat(b).isEqualTo(a);
  }

  @Test
  void negativeMonotonicTimesAlignLikeAnyOther() {
    assertThat(SamplingGrid.alignUp(-250 * MS, 100 * MS)).isEqualTo(-200 * MS);
    assertThat(SamplingGrid.nextSlot(-250 * MS, 100 * MS, -249 * MS)).isEqualTo(-100 * MS);
  }
}
