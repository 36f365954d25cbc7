package org.streetsense.gateway.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.clock.ManualTimeSource;

class TokenBucketTest {

  private final ManualTimeSource time = new ManualTimeSource(0, 0);
  private final TokenBucket bucket = TokenBucket.perSecond(100, 50);

  private long now() {
    return time.monotonicNanos();
  }

  @Test
  void startsFullAndRefillsAtTheRateUpToTheBurst() {
    assertThat(bucket.available(now())).isEqualTo(50);
    bucket.take(50, now());
    assertThat(bucket.available(now())).isZero();
    assertThat(bucket.nanosUntilOne(now())).isEqualTo(10_000_000L);
    time.advance(Duration.ofMillis(200));
    assertThat(bucket.available(now())).isEqualTo(20);
    time.advance(Duration.ofSeconds(10));
    assertThat(bucket.available(now())).isEqualTo(50);
    assertThat(bucket.isFull(now())).isTrue();
  }

  @Test
  void overdrawDelaysTheNextGrant() {
    bucket.take(70, now());
    time.advance(Duration.ofMillis(100));
    assertThat(bucket.available(now())).isZero();
    time.advance(Duration.ofMillis(110));
    assertThat(bucket.available(now())).isEqualTo(1);
  }

  @Test
  void aNewRateAppliesFromNowOn() {
    bucket.take(50, now());
    time.advance(Duration.ofMillis(100));
    bucket.rate(1000, now());
    assertThat(bucket.available(now())).isEqualTo(10);
    time.advance(Duration.ofMillis(20));
    assertThat(bucket.available(now())).isEqualTo(30);
  }

  @Test
  void perPeriodGrantsTheCapacityThenOneTokenPerShareOfThePeriod() {
    TokenBucket perMinute = TokenBucket.perPeriod(6, Duration.ofMinutes(1));
    for (int i = 0; i < 6; i++) {
      assertThat(perMinute.tryTake(now())).isTrue();
    }
    assertThat(perMinute.tryTake(now())).isFalse();
    assertThat(perMinute.nanosUntilOne(now())).isEqualTo(Duration.ofSeconds(10).toNanos());
    time.advance(Duration.ofSeconds(9));
    assertThat(perMinute.tryTake(now())).isFalse();
    time.advance(Duration.ofSeconds(1));
    assertThat(perMinute.tryTake(now())).as("exactly one sixth of a minute earns one token")
        .isTrue();
    assertThat(perMinute.isFull(now())).isFalse();
  }

  @Test
  void waitingForSeveralTokensTakesTheirRefillAndNeverMoreThanUntilFull() {
    bucket.take(50, now());
    assertThat(bucket.nanosUntil(20, now())).isEqualTo(200_000_000L);
    assertThat(bucket.nanosUntil(500, now())).as("capped at the capacity of 50")
        .isEqualTo(500_000_000L);
    time.advance(Duration.ofMillis(200));
    assertThat(bucket.nanosUntil(20, now())).isZero();
  }

  @Test
  void aFailedTryTakeTakesNothing() {
    TokenBucket one = TokenBucket.perSecond(2.0, 1);
    assertThat(one.tryTake(now())).isTrue();
    assertThat(one.tryTake(now())).isFalse();
    assertThat(one.tryTake(now())).isFalse();
    assertThat(one.nanosUntilOne(now())).isEqualTo(500_000_000L);
  }

  @Test
  void aTimeBeforeTheLastOneSeenRefillsNothing() {
    TokenBucket one = TokenBucket.perSecond(1.0, 1);
    time.advance(Duration.ofSeconds(5));
    assertThat(one.tryTake(now())).isTrue();
    assertThat(one.tryTake(now() - Duration.ofSeconds(3).toNanos())).isFalse();
    assertThat(one.available(now())).isZero();
  }

  @Test
  void refusesAnEmptyBucketANonPositiveRateAndANonPositivePeriod() {
    assertThatThrownBy(() -> TokenBucket.perSecond(1, 0.5))
        .hasMessageContaining("capacity must be >= 1");
    assertThatThrownBy(() -> TokenBucket.perSecond(0, 5)).hasMessageContaining("rate must be > 0");
    assertThatThrownBy(() -> TokenBucket.perPeriod(5, Duration.ZERO))
        .hasMessageContaining("period must be positive");
    assertThatThrownBy(() -> bucket.rate(-1, now())).hasMessageContaining("rate must be > 0");
  }
}
