package org.streetsense.gateway.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTimeSourceTest {

  @Test
  void runsDueTasksInTimeOrderWithTheClockAtEachDueTime() {
    ManualTimeSource clock = new ManualTimeSource(Instant.parse("2026-06-01T12:00:00Z"), 500L);
    List<String> log = new ArrayList<>();
    clock.schedule(500L + 30, () -> log.add("b@" + clock.monotonicNanos()));
    clock.schedule(500L + 10, () -> log.add("a@" + clock.monotonicNanos()));
    clock.schedule(500L + 10, () -> log.add("a2@" + clock.monotonicNanos()));

    clock.advance(Duration.ofNanos(20));
    assertThat(log).containsExactly("a@510", "a2@510");
    assertThat(clock.monotonicNanos()).isEqualTo(520);

    clock.advance(Duration.ofNanos(20));
    assertThat(log).containsExactly("a@510", "a2@510", "b@530");
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void tasksScheduledByTasksRunInTheSameAdvance() {
    ManualTimeSource clock = new ManualTimeSource();
    List<Long> times = new ArrayList<>();
    long start = clock.monotonicNanos();
    clock.schedule(
        start + 5,
        () -> {
          times.add(clock.monotonicNanos() - start);
          clock.schedule(clock.monotonicNanos() + 5, () -> times.add(clock.monotonicNanos() - start));
        });

    clock.advance(Duration.ofNanos(100));

    assertThat(times).containsExactly(5L, 10L);
  }

  @Test
  void wallClockMovesWithTheMonotonicClock() {
    ManualTimeSource clock = new ManualTimeSource(Instant.parse("2026-06-01T12:00:00Z"), 0L);

    clock.advance(Duration.ofMinutes(90));

    assertThat(Instant.ofEpochMilli(clock.wallMillis())).isEqualTo("2026-06-01T13:30:00Z");
  }

  @Test
  void cancelledTaskNeverRuns() {
    ManualTimeSource clock = new ManualTimeSource();
    List<String> log = new ArrayList<>();
    var handle = clock.schedule(clock.monotonicNanos() + 10, () -> log.add("ran"));

    handle.cancel();
    clock.advance(Duration.ofSeconds(1));

    assertThat(log).isEmpty();
  }

  @Test
  void refusesToGoBackwards() {
    ManualTimeSource clock = new ManualTimeSource();

    assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step must not be negative");
  }

  @Test
  void theWallClockJumpsWhenSetAndThenFollowsMonotonicTimeAgain() {
    ManualTimeSource clock = new ManualTimeSource(1_000L, 7_000_000L);
    clock.advance(Duration.ofMillis(250));
    assertThat(clock.wallMillis()).isEqualTo(1_250L);
    clock.setWall(1_795_000_000_000L);
    assertThat(clock.wallMillis()).isEqualTo(1_795_000_000_000L);
    assertThat(clock.monotonicNanos()).as("monotonic time does not jump")
        .isEqualTo(7_000_000L + Duration.ofMillis(250).toNanos());
    clock.advance(Duration.ofSeconds(2));
    assertThat(clock.wallMillis()).isEqualTo(1_795_000_002_000L);
  }
}
