package org.streetsense.gateway.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.channel.ChannelOptions;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.driver.DebounceMode;
import org.streetsense.gateway.driver.testing.SimulatedClockScheduler;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Reading;

/**
 * A board's digital pin, as the serial reader hands its levels over: a bouncing press is one
 * {@code fall} at its first edge and one {@code rise}, on a virtual clock; the declared
 * {@code debounce} window and {@code debounceMode} decide what a bounce is.
 */
class BoardInputTest {

  private static final long MS = 1_000_000L;

  private final ManualTimeSource clock = new ManualTimeSource();
  private final List<Observation> out = new CopyOnWriteArrayList<>();
  private BoardInput button = input(BoardInputSpec.DEFAULT_DEBOUNCE, DebounceMode.LEADING);

  private BoardInput input(Duration debounce, DebounceMode mode) {
    return new BoardInput("square",
        new BoardInputSpec("arcade-button", "board-pin", "uno-1", "D2", BoardInputKind.PIN,
            Duration.ZERO, ChannelOptions.builder("pressed").unit("bool").build(), "bool",
            debounce, mode),
        clock, out::add, new SimulatedClockScheduler(clock));
  }

  private List<Long> eventTimes() {
    return out.stream().filter(InteractionEvent.class::isInstance)
        .map(o -> ((InteractionEvent) o).time().monotonicNanos()).toList();
  }

  /** A press at 100 ms whose contact bounces open and shut every 30 ms, released at 400 ms. */
  private void slowBouncingPress() {
    level(true, 0);
    level(false, 100);
    level(true, 30);
    level(false, 30);
    level(true, 30);
    level(false, 30);
    level(true, 180);
    clock.advance(Duration.ofMillis(500));
  }

  private List<String> events() {
    return out.stream().filter(InteractionEvent.class::isInstance)
        .map(o -> ((InteractionEvent) o).type()).toList();
  }

  private void level(boolean high, long afterMillis) {
    clock.advance(Duration.ofMillis(afterMillis));
    button.edge(high);
  }

  @Test
  void aBouncingPressIsOneFallAtItsFirstEdgeAndOneRise() {
    level(true, 0);
    assertThat(events()).as("the first level is not an edge").isEmpty();
    long pressAt = clock.monotonicNanos() + 100 * MS;

    level(false, 100);
    for (boolean b : new boolean[] {true, false, true, false}) {
      level(b, 1);
    }
    clock.advance(Duration.ofMillis(200));
    level(true, 0);
    level(false, 1);
    level(true, 1);
    clock.advance(Duration.ofMillis(100));

    assertThat(events()).containsExactly("fall", "rise");
    InteractionEvent fall = (InteractionEvent) out.stream()
        .filter(InteractionEvent.class::isInstance).findFirst().orElseThrow();
    assertThat(fall.time().monotonicNanos()).as("stamped at the first edge").isEqualTo(pressAt);
  }

  @Test
  void aTapShorterThanTheLockoutIsReportedWhenItEnds() {
    level(true, 0);
    level(false, 100);
    level(true, 5);
    clock.advance(Duration.ofMillis(50));

    assertThat(events()).containsExactly("fall", "rise");
    assertThat(out.stream().filter(Reading.class::isInstance).map(o -> ((Reading) o).value()))
        .endsWith(1.0);
  }

  @Test
  void bouncesSlowerThanTheDefaultLockoutAreEdgesOfTheirOwn() {
    slowBouncingPress();

    assertThat(events()).containsExactly("fall", "rise", "fall", "rise", "fall", "rise");
  }

  @Test
  void aDeclaredLongerLockoutIgnoresThemAndKeepsTheFirstEdge() {
    button = input(Duration.ofMillis(150), DebounceMode.LEADING);
    long pressAt = clock.monotonicNanos() + 100 * MS;

    slowBouncingPress();

    assertThat(events()).containsExactly("fall", "rise");
    assertThat(eventTimes().get(0)).as("stamped at the first edge").isEqualTo(pressAt);
    assertThat(eventTimes().get(1)).as("the release's own edge").isEqualTo(pressAt + 300 * MS);
  }

  @Test
  void trailingReportsALevelOnceStableStampedWhenItSettledAndDropsShortGlitches() {
    button = input(Duration.ofMillis(50), DebounceMode.TRAILING);
    level(true, 0);
    level(false, 100);
    level(true, 10);
    long settledAt = clock.monotonicNanos() + 10 * MS;
    level(false, 10);
    clock.advance(Duration.ofMillis(49));
    assertThat(events()).as("not yet stable for the window").isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(events()).containsExactly("fall");
    assertThat(eventTimes().get(0)).as("stamped with its last edge").isEqualTo(settledAt);

    level(true, 200);
    level(false, 20);
    clock.advance(Duration.ofMillis(200));
    assertThat(events()).as("a 20 ms glitch is shorter than the window").containsExactly("fall");
  }

  @Test
  void aZeroWindowReportsEveryEdge() {
    button = input(Duration.ZERO, DebounceMode.LEADING);
    level(true, 0);
    level(false, 100);
    level(true, 1);
    level(false, 1);
    level(true, 100);

    assertThat(events()).containsExactly("fall", "rise", "fall", "rise");
  }

  @Test
  void aDebounceOutsideTheOptionsRangeIsRefusedNamingTheDevice() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> input(Duration.ofSeconds(2),
            DebounceMode.LEADING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("debounce of arcade-button must be 0ms..1s");
  }
}
