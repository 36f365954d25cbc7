package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.http.RateLimitOptions;

class TokenBucketLimiterTest {

  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final TokenBucketLimiter limiter =
      new TokenBucketLimiter(new RateLimitOptions(3, 2.0), nanos::get, 100);

  @Test
  void allowsABurstThenAsksToWaitForTheNextToken() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("1.2.3.4")).isZero();
    }
    assertThat(limiter.acquire("1.2.3.4")).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void refillsAtTheConfiguredRateUpToTheBurst() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire("1.2.3.4");
    }
    nanos.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(limiter.acquire("1.2.3.4")).isZero();
    assertThat(limiter.acquire("1.2.3.4")).isPositive();
    nanos.addAndGet(Duration.ofHours(1).toNanos());
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("1.2.3.4")).isZero();
    }
    assertThat(limiter.acquire("1.2.3.4")).isPositive();
  }

  @Test
  void limitsEachAddressSeparately() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire("1.2.3.4");
    }
    assertThat(limiter.acquire("1.2.3.4")).isPositive();
    assertThat(limiter.acquire("5.6.7.8")).isZero();
  }

  @Test
  void keepsAtMostTheConfiguredNumberOfBuckets() {
    TokenBucketLimiter small = new TokenBucketLimiter(new RateLimitOptions(1, 1.0), nanos::get, 2);
    small.acquire("a");
    small.acquire("b");
    assertThat(small.acquire("c")).isZero();
    assertThat(small.acquire("d")).as("shares the overflow bucket with c").isPositive();
    assertThat(small.tracked()).isLessThanOrEqualTo(3);
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(small.acquire("e")).isZero();
    assertThat(small.tracked()).isLessThanOrEqualTo(2);
  }

  @Test
  void aFloodOfNewAddressesSweepsTheFullTableAtMostOnceASecond() {
    TokenBucketLimiter small = new TokenBucketLimiter(new RateLimitOptions(1, 1.0), nanos::get, 2);
    small.acquire("a");
    small.acquire("b");
    small.acquire("c");
    nanos.addAndGet(Duration.ofMillis(999).toNanos());
    assertThat(small.acquire("d")).as("no sweep yet: shares the overflow bucket").isPositive();
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(small.acquire("e")).as("swept: a and b were idle").isZero();
  }
}
