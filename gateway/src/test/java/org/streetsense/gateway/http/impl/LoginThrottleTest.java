package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.http.LoginThrottleOptions;

class LoginThrottleTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final LoginThrottle throttle = new LoginThrottle(
      new LoginThrottleOptions(3, Duration.ofSeconds(1), Duration.ofSeconds(10)), nanos::get, 100);

  @Test
  void allowsTheFreeAttemptsWithoutDelay() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.retryAfter("10.0.0.1")).isZero();
      assertThat(throttle.failure("10.0.0.1")).isZero();
    }
    assertThat(throttle.retryAfter("10.0.0.1")).isZero();
  }

  @Test
  void locksOutExponentiallyAfterTheFreeAttemptsUpToTheCap() {
    for (int i = 0; i < 3; i++) {
      throttle.failure("10.0.0.1");
    }
    assertThat(throttle.failure("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    assertThat(throttle.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(throttle.failure("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(throttle.failure("10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
    nanos.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(throttle.failure("10.0.0.1")).isEqualTo(Duration.ofSeconds(8));
    nanos.addAndGet(Duration.ofSeconds(8).toNanos());
    assertThat(throttle.failure("10.0.0.1")).isEqualTo(Duration.ofSeconds(10));
    for (int i = 0; i < 100; i++) {
      assertThat(throttle.failure("10.0.0.1")).isEqualTo(Duration.ofSeconds(10));
    }
  }

  @Test
  void lockOutEndsWhenItsTimeHasPassed() {
    for (int i = 0; i < 4; i++) {
      throttle.failure("10.0.0.1");
    }
    nanos.addAndGet(Duration.ofMillis(400).toNanos());
    assertThat(throttle.retryAfter("10.0.0.1")).isEqualTo(Duration.ofMillis(600));
    nanos.addAndGet(Duration.ofMillis(600).toNanos());
    assertThat(throttle.retryAfter("10.0.0.1")).isZero();
  }

  @Test
  void successClearsTheRecord() {
    for (int i = 0; i < 4; i++) {
      throttle.failure("10.0.0.1");
    }
    throttle.success("10.0.0.1");
    assertThat(throttle.retryAfter("10.0.0.1")).isZero();
    assertThat(throttle.tracked()).isZero();
  }

  @Test
  void throttlesEachAddressSeparately() {
    for (int i = 0; i < 4; i++) {
      throttle.failure("10.0.0.1");
    }
    assertThat(throttle.retryAfter("10.0.0.1")).isPositive();
    assertThat(throttle.retryAfter("10.0.0.2")).isZero();
  }

  @Test
  void aFullTableNeverLocksOutAnAddressWithoutFailures() {
    LoginThrottle small = new LoginThrottle(
        new LoginThrottleOptions(1, Duration.ofSeconds(1), Duration.ofSeconds(10)), nanos::get, 2);
    small.failure("a");
    small.failure("a");
    small.failure("b");
    small.failure("b");
    assertThat(small.retryAfter("c")).isZero();
    assertThat(small.failure("c")).isZero();
    assertThat(small.tracked()).isEqualTo(2);
  }

  @Test
  void tenThousandAddressesWithOneFailureEachLockNobodyOutAndStayBounded() {
    for (int i = 0; i < 10_000; i++) {
      assertThat(throttle.failure("127.2." + (i >> 8) + "." + (i & 255))).isZero();
    }
    assertThat(throttle.tracked()).isEqualTo(100);
    assertThat(throttle.retryAfter("127.3.0.1")).isZero();
  }

  @Test
  void anAddressThatKeepsTryingStaysTrackedWhileOthersAreEvicted() {
    for (int i = 0; i < 4; i++) {
      throttle.failure("attacker");
    }
    for (int i = 0; i < 1_000; i++) {
      throttle.failure("other-" + i);
      assertThat(throttle.retryAfter("attacker")).as("after %d others", i).isPositive();
    }
  }

  @Test
  void retryAfterIsTheExactRemainingLockout() {
    for (int i = 0; i < 5; i++) {
      throttle.failure("10.0.0.1");
    }
    nanos.addAndGet(Duration.ofMillis(700).toNanos());
    assertThat(throttle.retryAfter("10.0.0.1")).isEqualTo(Duration.ofMillis(1300));
  }

  @Test
  void failuresLongAgoAreForgotten() {
    for (int i = 0; i < 6; i++) {
      throttle.failure("10.0.0.1");
    }
    nanos.addAndGet(Duration.ofSeconds(60).toNanos());
    assertThat(throttle.failure("10.0.0.1")).isZero();
  }
}
