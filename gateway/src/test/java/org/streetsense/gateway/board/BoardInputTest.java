package org.streetsense.gateway.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.channel.ChannelOptions;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.driver.testing.SimulatedClockScheduler;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Reading;

/**
 * A board's digital pin, as the serial reader hands its levels over: a bouncing press is one
 * {@code fall} at its first edge and one {@code rise}, on a virtual clock.
 */
class BoardInputTest {

  private static final long MS = 1_000_000L;

  private final ManualTimeSource clock = new ManualTimeSource();
  private final List<Observation> out = new CopyOnWriteArrayList<>();
  private final BoardInput button = new BoardInput("square",
      new BoardInputSpec("arcade-button", "board-pin", "uno-1", "D2", BoardInputKind.PIN,
          Duration.ZERO, ChannelOptions.builder("pressed").unit("bool").build(), "bool"),
      clock, out::add, new SimulatedClockScheduler(clock));

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
}
