package org.streetsense.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

class InFlightWindowTest {

  @Test
  void settlesOnlyAContiguousRunOfAcknowledgedBatchesFromTheHead() {
    InFlightWindow w = new InFlightWindow(4, 10);
    w.sent(12, 2);
    w.sent(13, 1);
    w.sent(16, 3);

    assertThat(w.acknowledged(13)).isNull();
    assertThat(w.acknowledged(16)).isNull();
    assertThat(w.acknowledged(12)).isEqualTo(new InFlightWindow.Settled(16, 6));
    assertThat(w.isEmpty()).isTrue();
    assertThat(w.sendPosition()).isEqualTo(16);
  }

  @Test
  void isFullAtItsCapacityAndASettledBatchFreesASlot() {
    InFlightWindow w = new InFlightWindow(2, 0);
    w.sent(1, 1);
    w.sent(2, 1);
    assertThat(w.isFull()).isTrue();
    Future<Void> slot = w.whenSomethingSettles();
    assertThat(slot.isComplete()).isFalse();

    w.acknowledged(1);

    assertThat(slot.succeeded()).isTrue();
    assertThat(w.isFull()).isFalse();
  }

  @Test
  void afterAFailureNothingSettlesAndARestartGoesBackToTheFirstUnacknowledgedOffset() {
    InFlightWindow w = new InFlightWindow(4, 5);
    w.sent(6, 1);
    w.sent(7, 1);
    w.sent(8, 1);
    Future<Void> empty = w.whenEmpty();
    IllegalStateException cause = new IllegalStateException("broker gone");

    w.failed(6, cause);
    assertThat(w.failed()).isTrue();
    assertThat(w.acknowledged(7)).isNull();
    assertThat(empty.isComplete()).isFalse();
    w.failed(8, new IllegalStateException("later"));

    assertThat(empty.succeeded()).isTrue();
    assertThat(w.restart(5)).isSameAs(cause);
    assertThat(w.failed()).isFalse();
    assertThat(w.sendPosition()).isEqualTo(5);
  }

  @Test
  void refusesACapacityBelowOne() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new InFlightWindow(0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
  }
}
