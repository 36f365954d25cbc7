package org.streetsense.gateway.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.driver.button.ButtonDriver;
import org.streetsense.gateway.driver.digitalin.DigitalInDriver;
import org.streetsense.gateway.driver.testing.RecordingSink;
import org.streetsense.gateway.driver.testing.SimulatedClockScheduler;
import org.streetsense.gateway.hardware.simulated.EdgeScript;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;

/**
 * Leading and trailing debounce, observed on the simulated pin with scripted contact bounce: the
 * edges the script plays are the only input, the driver's events and levels the only output.
 */
class DebounceOnSimulatedPinTest {

  private static final long MS = 1_000_000L;
  private static final int PIN = 17;

  private final ManualTimeSource clock = new ManualTimeSource();
  private final SimulatedBackend backend =
      SimulatedBackend.builder().seed(7).timeSource(clock).build();
  private final RecordingSink sink = new RecordingSink();
  private EventDriver driver;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
    backend.close();
  }

  private void open(EventDriver d, String deviceId, Map<String, Object> options) throws Exception {
    Map<String, Object> o = new HashMap<>(options);
    o.put("pin", PIN);
    driver = d;
    d.sink(sink);
    d.open(new DriverContext(deviceId, backend, clock, new SimulatedClockScheduler(clock),
        new DeviceOptions(deviceId, o), () -> {}));
  }

  /** A press at 100 ms held 120 ms, each transition chattering {@code bounces} times ~1 ms apart. */
  private static EdgeScript press(int bounces) {
    return EdgeScript.builder()
        .pulse(Duration.ofMillis(100), Duration.ofMillis(120), false)
        .bounce(bounces, Duration.ofMillis(1))
        .build();
  }

  private void play(EdgeScript script) {
    backend.pin(PIN).play(script);
    clock.advance(Duration.ofSeconds(1));
  }

  @Test
  void aBouncingPressGivesExactlyOnePressAtItsFirstEdgeByDefault() throws Exception {
    open(new ButtonDriver("pressed"), "btn", Map.of("debounce_ms", 20));
    long start = clock.monotonicNanos();

    play(press(4));

    assertThat(sink.eventTypes()).containsExactly("press", "release");
    assertThat(sink.events().get(0).monotonicNanos()).as("the first edge's own time")
        .isEqualTo(start + 100 * MS);
    assertThat(sink.events().get(1).monotonicNanos()).isEqualTo(start + 220 * MS);
    assertThat(sink.values()).extracting(v -> v.value().raw()).containsExactly(0.0, 1.0, 0.0);
  }

  @Test
  void manyBouncingPressesGiveOneEventEachWhateverTheSeed() throws Exception {
    open(new ButtonDriver("pressed"), "btn", Map.of("debounce_ms", 20));
    EdgeScript.Builder b = EdgeScript.builder().bounce(6, Duration.ofMillis(1));
    for (int i = 0; i < 50; i++) {
      b.pulse(Duration.ofMillis(100 + 100L * i), Duration.ofMillis(50), false);
    }
    long start = clock.monotonicNanos();
    backend.pin(PIN).play(b.build());
    clock.advance(Duration.ofSeconds(6));

    assertThat(sink.eventTypes().stream().filter("press"::equals).count()).isEqualTo(50);
    assertThat(sink.eventTypes().stream().filter("release"::equals).count()).isEqualTo(50);
    List<DriverEvent> presses =
        sink.events().stream().filter(e -> e.type().equals("press")).toList();
    for (int i = 0; i < 50; i++) {
      assertThat(presses.get(i).monotonicNanos()).isEqualTo(start + (100 + 100L * i) * MS);
    }
  }

  @Test
  void trailingModeReportsTheBouncingPressOnceWhenTheContactHasSettled() throws Exception {
    open(new ButtonDriver("pressed"), "btn", Map.of("debounce_ms", 20, "debounce_mode", "trailing"));
    long start = clock.monotonicNanos();

    play(press(4));

    assertThat(sink.eventTypes()).containsExactly("press", "release");
    // four bounce pairs 0.5..1.5 ms apart each: the contact settles 4..12 ms after the first edge
    assertThat(sink.events().get(0).monotonicNanos()).as("stamped when the contact settled")
        .isBetween(start + 104 * MS, start + 112 * MS);
  }

  @Test
  void trailingModeStillFiltersAGlitch() throws Exception {
    open(new ButtonDriver("pressed"), "btn", Map.of("debounce_ms", 20, "debounce_mode", "trailing"));

    play(EdgeScript.builder().pulse(Duration.ofMillis(100), Duration.ofMillis(5), false).build());

    assertThat(sink.eventTypes()).isEmpty();
    assertThat(sink.values()).extracting(v -> v.value().raw()).containsExactly(0.0);
  }

  @Test
  void leadingModeReportsATapShorterThanTheWindowAndItsReleaseWhenTheLockoutEnds()
      throws Exception {
    open(new ButtonDriver("pressed"), "btn", Map.of("debounce_ms", 20));
    long start = clock.monotonicNanos();

    play(EdgeScript.builder().pulse(Duration.ofMillis(100), Duration.ofMillis(8), false).build());

    assertThat(sink.eventTypes()).containsExactly("press", "release");
    assertThat(sink.events().get(1).monotonicNanos()).as("the release edge's own time")
        .isEqualTo(start + 108 * MS);
    assertThat(sink.events().get(1).value()).isEqualTo(8.0);
  }

  @Test
  void aDigitalInputReportsItsFirstEdgeAtOnceAndTrailingModeFiltersItsGlitches()
      throws Exception {
    open(new DigitalInDriver("beam"), "beam", Map.of("debounce_ms", 10));
    long start = clock.monotonicNanos();
    play(EdgeScript.builder().pulse(Duration.ofMillis(100), Duration.ofMillis(120), true)
        .bounce(3, Duration.ofMillis(1)).build());
    assertThat(sink.values()).extracting(v -> v.value().raw()).containsExactly(0.0, 1.0, 0.0);
    assertThat(sink.values().get(1).monotonicNanos()).isEqualTo(start + 100 * MS);
    driver.close();

    RecordingSink trailing = new RecordingSink();
    DigitalInDriver pir = new DigitalInDriver("motion");
    pir.sink(trailing);
    pir.open(new DriverContext("pir", backend, clock, new SimulatedClockScheduler(clock),
        new DeviceOptions("pir", Map.of("pin", PIN, "debounce_ms", 10, "debounce_mode", "trailing")),
        () -> {}));
    driver = pir;
    play(EdgeScript.builder().pulse(Duration.ofMillis(100), Duration.ofMillis(4), true).build());
    assertThat(trailing.values()).extracting(v -> v.value().raw()).containsExactly(0.0);
  }
}
