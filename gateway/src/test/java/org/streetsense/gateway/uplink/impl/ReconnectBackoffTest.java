package org.streetsense.gateway.uplink.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

  private static final Duration MIN = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofSeconds(30);

  @Test
  void everyDelayLiesBetweenTheMinimumAndTheDoublingCeiling() {
    ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, new Random(7));
    for (int n = 0; n < 40; n++) {
      long ceiling = Math.min(MAX.toMillis(), MIN.toMillis() * (1L << Math.min(n + 1, 20)));
      assertThat(backoff.currentCeiling().toMillis()).isEqualTo(ceiling);
      Duration d = backoff.nextDelay();
      assertThat(d).isBetween(MIN, Duration.ofMillis(ceiling));
    }
  }

  @Test
  void ceilingIsCappedAtTheMaximumEvenAfterManyFailures() {
    ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, new Random(1));
    for (int n = 0; n < 1000; n++) {
      assertThat(backoff.nextDelay()).isLessThanOrEqualTo(MAX);
    }
    assertThat(backoff.currentCeiling()).isEqualTo(MAX);
  }

  @Test
  void jitterSpreadsDelaysAcrossTheWholeRange() {
    ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, new Random(42));
    for (int n = 0; n < 20; n++) {
      backoff.nextDelay();
    }
    List<Long> delays = new ArrayList<>();
    for (int n = 0; n < 200; n++) {
      delays.add(backoff.nextDelay().toMillis());
    }
    assertThat(delays.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(5_000);
    assertThat(delays.stream().mapToLong(Long::longValue).max().orElseThrow())
        .isGreaterThan(25_000);
    assertThat(delays.stream().distinct().count()).isGreaterThan(150);
  }

  @Test
  void successResetsToAJitteredFirstRetry() {
    ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, new Random(3));
    for (int n = 0; n < 10; n++) {
      backoff.nextDelay();
    }
    assertThat(backoff.failures()).isEqualTo(10);
    backoff.reset();
    assertThat(backoff.failures()).isZero();
    assertThat(backoff.currentCeiling()).isEqualTo(MIN.multipliedBy(2));
    assertThat(backoff.nextDelay()).isBetween(MIN, MIN.multipliedBy(2));
    assertThat(backoff.currentCeiling()).isEqualTo(MIN.multipliedBy(4));
  }

  @Test
  void sameSeedGivesTheSameDelays() {
    ReconnectBackoff a = new ReconnectBackoff(MIN, MAX, new Random(99));
    ReconnectBackoff b = new ReconnectBackoff(MIN, MAX, new Random(99));
    for (int n = 0; n < 30; n++) {
      assertThat(a.nextDelay()).isEqualTo(b.nextDelay());
    }
  }

  @Test
  void refusesAMaximumBelowTheMinimum() {
    assertThatThrownBy(() -> new ReconnectBackoff(MAX, MIN, new Random()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min <= max");
  }
}
