package org.streetsense.gateway.uplink.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TakeoverWatchTest {

  private static final long SHORT = Duration.ofSeconds(1).toNanos();
  private static final long LONG = Duration.ofSeconds(11).toNanos();

  private final TakeoverWatch watch = new TakeoverWatch(Duration.ofSeconds(10));

  @Test
  void threeShortSessionsInARowMakeATakeoverProbableOnce() {
    assertThat(watch.lost(SHORT)).isFalse();
    assertThat(watch.lost(SHORT)).isFalse();
    assertThat(watch.suspected()).isFalse();

    assertThat(watch.lost(SHORT)).as("the third short session starts the episode").isTrue();
    assertThat(watch.suspected()).isTrue();
    assertThat(watch.lost(SHORT)).as("later losses do not start it again").isFalse();
    assertThat(watch.lost(SHORT)).isFalse();
    assertThat(watch.losses()).isEqualTo(3);
  }

  @Test
  void aSessionThatStaysUpEndsTheTakeoverAndTheCountStartsOver() {
    watch.lost(SHORT);
    watch.lost(SHORT);
    watch.lost(SHORT);

    assertThat(watch.stable()).isTrue();
    assertThat(watch.suspected()).isFalse();
    assertThat(watch.stable()).as("ends once").isFalse();
    assertThat(watch.lost(SHORT)).isFalse();
    assertThat(watch.lost(SHORT)).isFalse();
    assertThat(watch.lost(SHORT)).as("a new episode").isTrue();
    assertThat(watch.losses()).isEqualTo(2);
  }

  @Test
  void aLongSessionBetweenShortOnesIsNoTakeover() {
    watch.lost(SHORT);
    watch.lost(SHORT);
    assertThat(watch.lost(LONG)).isFalse();
    watch.lost(SHORT);
    watch.lost(SHORT);
    assertThat(watch.suspected()).isFalse();
    assertThat(watch.losses()).isZero();
  }

  @Test
  void aFailedConnectBetweenShortSessionsIsABrokerAwayNotATakeover() {
    watch.lost(SHORT);
    watch.lost(SHORT);
    watch.connectFailed();
    assertThat(watch.lost(SHORT)).isFalse();
    assertThat(watch.lost(SHORT)).isFalse();
    assertThat(watch.suspected()).isFalse();
    assertThat(watch.lost(SHORT)).isTrue();
  }

  @Test
  void aFailedConnectDoesNotEndASuspectedTakeover() {
    watch.lost(SHORT);
    watch.lost(SHORT);
    watch.lost(SHORT);
    watch.connectFailed();
    assertThat(watch.suspected()).isTrue();
  }

  @Test
  void refusesANonPositiveStableTime() {
    assertThatThrownBy(() -> new TakeoverWatch(Duration.ZERO))
        .hasMessageContaining("stableSession must be positive");
  }
}
