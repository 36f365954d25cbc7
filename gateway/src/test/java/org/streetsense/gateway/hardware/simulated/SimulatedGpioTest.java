package org.streetsense.gateway.hardware.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.DigitalInputOptions;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.EdgeEvent;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.PullResistance;

class SimulatedGpioTest {

  private static final long MS = 1_000_000L;
  private static final EdgeScript PRESS_WITH_BOUNCE =
      EdgeScript.builder()
          .pulse(Duration.ofMillis(100), Duration.ofMillis(120), false)
          .bounce(3, Duration.ofMillis(1))
          .build();

  private final ManualTimeSource clock = new ManualTimeSource();
  private final SimulatedBackend backend =
      SimulatedBackend.builder().seed(42).timeSource(clock).build();

  @AfterEach
  void close() {
    backend.close();
  }

  @Test
  void scriptedPressDeliversEdgesStampedAtScriptedTimes() throws Exception {
    DigitalInput button =
        backend.digitalInput(new DigitalInputOptions(17, PullResistance.PULL_UP, Duration.ZERO));
    List<EdgeEvent> edges = record(button);
    long start = clock.monotonicNanos();

    backend
        .pin(17)
        .play(EdgeScript.builder().pulse(Duration.ofMillis(100), Duration.ofMillis(120), false).build());
    clock.advance(Duration.ofSeconds(1));

    assertThat(edges)
        .containsExactly(
            new EdgeEvent(17, false, start + 100 * MS), new EdgeEvent(17, true, start + 220 * MS));
    assertThat(button.read()).isTrue();
  }

  @Test
  void nothingHappensUntilTheVirtualClockReachesTheEdge() throws Exception {
    DigitalInput button = backend.digitalInput(DigitalInputOptions.of(17));
    List<EdgeEvent> edges = record(button);

    backend.pin(17).play(EdgeScript.builder().high(Duration.ofMillis(50)).build());
    clock.advance(Duration.ofMillis(49));
    assertThat(edges).isEmpty();

    clock.advance(Duration.ofMillis(1));
    assertThat(edges).hasSize(1);
  }

  @Test
  void bounceChattersAroundEveryTransitionAndSettlesOnTheScriptedLevel() throws Exception {
    DigitalInput button =
        backend.digitalInput(new DigitalInputOptions(17, PullResistance.PULL_UP, Duration.ZERO));
    List<EdgeEvent> edges = record(button);

    backend.pin(17).play(PRESS_WITH_BOUNCE);
    clock.advance(Duration.ofSeconds(1));

    assertThat(edges).hasSize(2 * (1 + 2 * 3));
    assertThat(edges.get(6).high()).isFalse();
    assertThat(edges.get(13).high()).isTrue();
    for (int i = 1; i < edges.size(); i++) {
      assertThat(edges.get(i).monotonicNanos()).isGreaterThan(edges.get(i - 1).monotonicNanos());
      assertThat(edges.get(i).high()).isNotEqualTo(edges.get(i - 1).high());
    }
  }

  @Test
  void bounceIsReproducibleBySeed() throws Exception {
    List<Long> first = bounceOffsets(42);
    List<Long> again = bounceOffsets(42);
    List<Long> other = bounceOffsets(43);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void hardwareDebounceReportsOnlySettledLevels() throws Exception {
    DigitalInput button =
        backend.digitalInput(
            new DigitalInputOptions(17, PullResistance.PULL_UP, Duration.ofMillis(10)));
    List<EdgeEvent> edges = record(button);
    long start = clock.monotonicNanos();

    backend.pin(17).play(PRESS_WITH_BOUNCE);
    clock.advance(Duration.ofSeconds(1));

    assertThat(edges).extracting(EdgeEvent::high).containsExactly(false, true);
    assertThat(edges.get(0).monotonicNanos()).isBetween(start + 110 * MS, start + 120 * MS);
  }

  @Test
  void inputReadsItsPullLevelUntilSomethingDrivesThePin() throws Exception {
    DigitalInput up =
        backend.digitalInput(new DigitalInputOptions(5, PullResistance.PULL_UP, Duration.ZERO));
    DigitalInput down =
        backend.digitalInput(new DigitalInputOptions(6, PullResistance.PULL_DOWN, Duration.ZERO));

    assertThat(up.read()).isTrue();
    assertThat(down.read()).isFalse();
    backend.pin(5).setLevel(false);
    assertThat(up.read()).isFalse();
  }

  @Test
  void throwingListenerStaysRegistered() throws Exception {
    DigitalInput input = backend.digitalInput(DigitalInputOptions.of(4));
    List<EdgeEvent> seen = new CopyOnWriteArrayList<>();
    input.onEdge(
        e -> {
          seen.add(e);
          throw new IllegalStateException("listener bug");
        });

    backend.pin(4).setLevel(true);
    backend.pin(4).setLevel(false);

    assertThat(seen).hasSize(2);
  }

  @Test
  void closedRegistrationStopsDelivery() throws Exception {
    DigitalInput input = backend.digitalInput(DigitalInputOptions.of(4));
    List<EdgeEvent> seen = new CopyOnWriteArrayList<>();
    var registration = input.onEdge(seen::add);

    backend.pin(4).setLevel(true);
    registration.close();
    backend.pin(4).setLevel(false);

    assertThat(seen).hasSize(1);
  }

  @Test
  void outputRecordsLevelsDrivesThePinAndFallsToShutdownStateOnBackendClose() throws Exception {
    SimulatedDigitalOutput relay =
        (SimulatedDigitalOutput) backend.digitalOutput(new DigitalOutputOptions(22, false, false));
    List<EdgeEvent> wire = new CopyOnWriteArrayList<>();
    backend.pin(22).onEdge(wire::add);

    relay.write(true);
    clock.advance(Duration.ofMillis(5));
    assertThat(relay.state()).isTrue();
    assertThat(backend.pin(22).level()).isTrue();

    backend.close();

    assertThat(relay.isClosed()).isTrue();
    assertThat(relay.state()).isFalse();
    assertThat(relay.history())
        .extracting(LevelChange::high, LevelChange::shutdown)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(false, false),
            org.assertj.core.groups.Tuple.tuple(true, false),
            org.assertj.core.groups.Tuple.tuple(false, true));
    assertThat(wire).extracting(EdgeEvent::high).containsExactly(true, false);
    assertThatThrownBy(() -> relay.write(true))
        .isInstanceOfSatisfying(
            HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.UNAVAILABLE));
  }

  @Test
  void outputWithHighShutdownStateGoesHighOnClose() throws Exception {
    SimulatedDigitalOutput lock =
        (SimulatedDigitalOutput) backend.digitalOutput(new DigitalOutputOptions(23, false, true));

    lock.close();
    lock.close();

    assertThat(lock.state()).isTrue();
    assertThat(lock.history()).hasSize(2);
  }

  @Test
  void pinOpenedTwiceIsBusyUntilReleased() throws Exception {
    var output = backend.digitalOutput(DigitalOutputOptions.lowWhenIdle(12));

    assertThatThrownBy(() -> backend.digitalInput(DigitalInputOptions.of(12)))
        .isInstanceOfSatisfying(
            HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.UNAVAILABLE))
        .hasMessageContaining("pin 12 is busy (already opened as output)");

    output.close();
    assertThat(backend.digitalInput(DigitalInputOptions.of(12)).pin()).isEqualTo(12);
  }

  @Test
  void cancelledScriptPlaysNoFurtherEdges() throws Exception {
    DigitalInput input = backend.digitalInput(DigitalInputOptions.of(3));
    List<EdgeEvent> edges = record(input);

    var playback =
        backend
            .pin(3)
            .play(EdgeScript.builder().high(Duration.ofMillis(10)).low(Duration.ofMillis(20)).build());
    clock.advance(Duration.ofMillis(15));
    playback.cancel();
    clock.advance(Duration.ofSeconds(1));

    assertThat(edges).extracting(EdgeEvent::high).containsExactly(true);
  }

  private List<Long> bounceOffsets(long seed) throws Exception {
    ManualTimeSource time = new ManualTimeSource();
    try (SimulatedBackend run = SimulatedBackend.builder().seed(seed).timeSource(time).build()) {
      DigitalInput input =
          run.digitalInput(new DigitalInputOptions(17, PullResistance.PULL_UP, Duration.ZERO));
      List<EdgeEvent> edges = record(input);
      long start = time.monotonicNanos();
      run.pin(17).play(PRESS_WITH_BOUNCE);
      time.advance(Duration.ofSeconds(1));
      return edges.stream().map(e -> e.monotonicNanos() - start).toList();
    }
  }

  private static List<EdgeEvent> record(DigitalInput input) {
    List<EdgeEvent> edges = new CopyOnWriteArrayList<>();
    input.onEdge(edges::add);
    return edges;
  }
}
