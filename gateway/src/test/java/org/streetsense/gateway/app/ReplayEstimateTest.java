package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayEstimateTest {

  @Test
  void nothingIsReplayedWhileDisconnectedEvenAfterManyDeliveries() {
    ReplayEstimate r = new ReplayEstimate();
    assertThat(r.update(true, 0, 5000).inProgress()).isFalse();
    assertThat(r.update(false, 1, 5000)).isEqualTo(new ReplayEstimate.Replay(false, 0));
    assertThat(r.update(false, 40, 5000)).isEqualTo(new ReplayEstimate.Replay(false, 0));
  }

  @Test
  void progressCountsOnlyThisReplaysWork() {
    ReplayEstimate r = new ReplayEstimate();
    r.update(true, 0, 5000);
    r.update(false, 100, 5000);
    assertThat(r.update(true, 100, 5000)).isEqualTo(new ReplayEstimate.Replay(true, 0));
    assertThat(r.update(true, 75, 5025)).isEqualTo(new ReplayEstimate.Replay(true, 0.25));
    assertThat(r.update(true, 0, 5100)).isEqualTo(new ReplayEstimate.Replay(false, 0));
  }

  @Test
  void aBacklogWhileConnectedWithoutAnOutageIsNotAReplay() {
    ReplayEstimate r = new ReplayEstimate();
    r.update(true, 0, 10);
    assertThat(r.update(true, 3, 12).inProgress()).isFalse();
  }

  @Test
  void aSpoolLeftFromBeforeARestartIsReplayedOnTheFirstConnection() {
    ReplayEstimate r = new ReplayEstimate();
    assertThat(r.update(false, 50, 0).inProgress()).isFalse();
    assertThat(r.update(true, 50, 0).inProgress()).isTrue();
    ReplayEstimate fresh = new ReplayEstimate();
    assertThat(fresh.update(true, 50, 0).inProgress()).isTrue();
  }
}
