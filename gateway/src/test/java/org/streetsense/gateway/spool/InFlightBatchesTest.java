package org.streetsense.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightBatchesTest {

  private final List<String> acknowledged = new ArrayList<>();

  @Test
  void acknowledgesBatchesOnlyInTheOrderTheyWereSent() {
    InFlightBatches batches = new InFlightBatches(4);
    Promise<Void> first = Promise.promise();
    Promise<Void> second = Promise.promise();
    Future<Void> firstSettled = batches.add(first.future(), ack("first"));
    Future<Void> secondSettled = batches.add(second.future(), ack("second"));

    second.complete();
    assertThat(acknowledged).isEmpty();
    assertThat(secondSettled.isComplete()).isFalse();

    first.complete();
    assertThat(acknowledged).containsExactly("first", "second");
    assertThat(firstSettled.succeeded()).isTrue();
    assertThat(secondSettled.succeeded()).isTrue();
    assertThat(batches.count()).isZero();
  }

  @Test
  void isNotAcceptingAtItsLimitAndASettledBatchFreesASlot() {
    InFlightBatches batches = new InFlightBatches(2);
    Promise<Void> first = Promise.promise();
    batches.add(first.future(), ack("first"));
    batches.add(Promise.<Void>promise().future(), ack("second"));
    assertThat(batches.accepting()).isFalse();

    first.complete();

    assertThat(batches.accepting()).isTrue();
    assertThat(batches.count()).isEqualTo(1);
  }

  @Test
  void aFailureFailsEveryLaterBatchAndStopsSendingUntilRestarted() {
    InFlightBatches batches = new InFlightBatches(4);
    Promise<Void> first = Promise.promise();
    Promise<Void> second = Promise.promise();
    Promise<Void> third = Promise.promise();
    batches.add(first.future(), ack("first"));
    Future<Void> secondSettled = batches.add(second.future(), ack("second"));
    Future<Void> thirdSettled = batches.add(third.future(), ack("third"));

    first.complete();
    third.complete();
    second.fail(new IllegalStateException("broker gone"));

    assertThat(acknowledged).containsExactly("first");
    assertThat(secondSettled.cause()).hasMessage("broker gone");
    assertThat(thirdSettled.cause()).hasMessage("broker gone");
    assertThat(batches.broken()).isTrue();
    assertThat(batches.accepting()).isFalse();
    batches.restart();
    assertThat(batches.accepting()).isTrue();
  }

  @Test
  void aLaterBatchWaitsForItsOwnDeliveryAfterAnEarlierFailure() {
    InFlightBatches batches = new InFlightBatches(4);
    Promise<Void> first = Promise.promise();
    Promise<Void> second = Promise.promise();
    batches.add(first.future(), ack("first"));
    Future<Void> secondSettled = batches.add(second.future(), ack("second"));

    first.fail(new IllegalStateException("timeout"));

    assertThat(secondSettled.isComplete()).isFalse();
    assertThatThrownBy(batches::restart).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 batches still in flight");
    second.complete();
    assertThat(secondSettled.failed()).isTrue();
    assertThat(acknowledged).isEmpty();
  }

  @Test
  void refusesALimitBelowOne() {
    assertThatThrownBy(() -> new InFlightBatches(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max must be >= 1");
  }

  private java.util.function.Supplier<Future<Void>> ack(String name) {
    return () -> {
      acknowledged.add(name);
      return Future.succeededFuture();
    };
  }
}
