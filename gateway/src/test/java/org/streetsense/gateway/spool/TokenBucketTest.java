package org.streetsense.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.clock.ManualTimeSource;

class TokenBucketTest {

  private final ManualTimeSource time = new ManualTimeSource(0, 0);
  private final TokenBucket bucket = new TokenBucket(time, 100, 50);

  @Test
  void startsFullAndRefillsAtTheRateUpToTheBurst() {
    assertThat(bucket.available()).isEqualTo(50);
    bucket.take(50);
    assertThat(bucket.available()).isZero();
    assertThat(bucket.nanosUntilOne()).isEqualTo(10_000_000L);
    time.advance(Duration.ofMillis(200));
    assertThat(bucket.available()).isEqualTo(20);
    time.advance(Duration.ofSeconds(10));
    assertThat(bucket.available()).isEqualTo(50);
  }

  @Test
  void overdrawDelaysTheNextGrant() {
    bucket.take(70);
    time.advance(Duration.ofMillis(100));
    assertThat(bucket.available()).isZero();
    time.advance(Duration.ofMillis(110));
    assertThat(bucket.available()).isEqualTo(1);
  }

  @Test
  void aNewRateAppliesFromNowOn() {
    bucket.take(50);
    time.advance(Duration.ofMillis(100));
    bucket.rate(1000);
    assertThat(bucket.available()).isEqualTo(10);
    time.advance(Duration.ofMillis(20));
    assertThat(bucket.available()).isEqualTo(30);
  }
}
