package org.streetsense.gateway.driver.button;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.DriverEvent;
import org.streetsense.gateway.driver.testing.DriverHarness;
import org.streetsense.gateway.driver.testing.RecordingSink;
import org.streetsense.gateway.driver.testing.TestDigitalInput;

class ButtonDriverTest {

  private static final Duration MS = Duration.ofMillis(1);
  private final DriverHarness h = new DriverHarness();
  private RecordingSink sink = new RecordingSink();
  private final TestDigitalInput pin = h.backend().input(5);
  private final ButtonDriver driver = new ButtonDriver("button");

  @BeforeEach
  void open() throws Exception {
    pin.set(true); // pulled up, not pressed (active low)
    driver.sink(sink);
    driver.open(h.context("btn", Map.of("pin", 5, "debounce_ms", 20, "hold_ms", 800,
        "double_press_ms", 400)));
  }

  private void press() {
    pin.bounceTo(false, 5, MS, h.scheduler());
    h.scheduler().advance(Duration.ofMillis(30));
  }

  private void release() {
    pin.bounceTo(true, 3, MS, h.scheduler());
    h.scheduler().advance(Duration.ofMillis(30));
  }

  @Test
  void debouncesBouncyContactIntoOnePressAndOneReleaseAtTheirFirstEdges() {
    long before = h.scheduler().monotonicNanos();
    press();
    h.scheduler().advance(Duration.ofMillis(200));
    release();
    assertThat(sink.eventTypes()).containsExactly("press", "release");
    DriverEvent pressEvent = sink.events().get(0);
    assertThat(pressEvent.monotonicNanos()).as("leading: stamped at the first edge")
        .isEqualTo(before);
    assertThat(sink.events().get(1).value()).isEqualTo(235.0);
  }

  @Test
  void trailingModeStampsThePressWhenTheContactSettled() throws Exception {
    reopen("trailing");
    long before = h.scheduler().monotonicNanos();
    press();
    h.scheduler().advance(Duration.ofMillis(200));
    release();
    assertThat(sink.eventTypes()).containsExactly("press", "release");
    assertThat(sink.events().get(0).monotonicNanos()).as("stamped when the contact settled")
        .isEqualTo(before + Duration.ofMillis(4).toNanos());
    assertThat(sink.events().get(1).value()).isEqualTo(233.0);
  }

  @Test
  void leadingModeReportsAGlitchAsAPressAndItsReleaseAfterTheLockout() {
    long before = h.scheduler().monotonicNanos();
    pin.set(false);
    h.scheduler().advance(Duration.ofMillis(10));
    pin.set(true);
    h.scheduler().advance(Duration.ofMillis(50));
    assertThat(sink.eventTypes()).containsExactly("press", "release");
    assertThat(sink.events().get(1).monotonicNanos()).as("stamped at the release edge")
        .isEqualTo(before + Duration.ofMillis(10).toNanos());
  }

  @Test
  void rejectsAnUnknownDebounceModeNamingDeviceAndKey() {
    driver.close();
    ButtonDriver other = new ButtonDriver("button");
    other.sink(sink);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.open(h.context("btn",
            Map.of("pin", 5, "debounce_mode", "middle"))))
        .hasMessageContaining("'btn'").hasMessageContaining("debounce_mode")
        .hasMessageContaining("leading or trailing");
  }

  private void reopen(String mode) throws Exception {
    driver.close();
    sink = new RecordingSink();
    driver.sink(sink);
    driver.open(h.context("btn", Map.of("pin", 5, "debounce_ms", 20, "hold_ms", 800,
        "double_press_ms", 400, "debounce_mode", mode)));
  }

  @Test
  void trailingModeIgnoresGlitchShorterThanDebounceWindow() throws Exception {
    reopen("trailing");
    pin.set(false);
    h.scheduler().advance(Duration.ofMillis(10));
    pin.set(true);
    h.scheduler().advance(Duration.ofMillis(50));
    assertThat(sink.eventTypes()).isEmpty();
  }

  @Test
  void reportsHoldAfterHoldTime() {
    press();
    h.scheduler().advance(Duration.ofMillis(700));
    assertThat(sink.eventTypes()).containsExactly("press");
    h.scheduler().advance(Duration.ofMillis(100));
    assertThat(sink.eventTypes()).containsExactly("press", "hold");
    release();
    assertThat(sink.eventTypes()).containsExactly("press", "hold", "release");
  }

  @Test
  void reportsDoublePressWithinWindowButNotForSlowSecondPress() {
    press();
    release();
    h.scheduler().advance(Duration.ofMillis(100));
    press();
    release();
    assertThat(sink.eventTypes())
        .containsExactly("press", "release", "press", "double_press", "release");
    h.scheduler().advance(Duration.ofSeconds(1));
    press();
    assertThat(sink.eventTypes()).endsWith("release", "press");
  }

  @Test
  void pushesDebouncedLevelAsChannelValue() {
    press();
    assertThat(sink.values()).extracting(v -> v.value().raw()).containsExactly(0.0, 1.0);
  }

  @Test
  void aPressHeldFarBeyondAnyHumanPressIsReportedStuckAndRecoversOnRelease() {
    press();
    h.scheduler().advance(Duration.ofSeconds(29));
    assertThat(sink.eventTypes()).containsExactly("press", "hold");
    h.scheduler().advance(Duration.ofSeconds(1));
    assertThat(sink.eventTypes()).containsExactly("press", "hold", "stuck");
    assertThat(sink.events().get(2).value()).isEqualTo(30_000.0);
    assertThat(sink.values().get(sink.values().size() - 1).value().quality())
        .isEqualTo(org.streetsense.gateway.pipeline.Quality.SUSPECT);

    release();

    assertThat(sink.eventTypes()).containsExactly("press", "hold", "stuck", "release");
    RecordingSink.TimedValue last = sink.values().get(sink.values().size() - 1);
    assertThat(last.value().raw()).isEqualTo(0.0);
    assertThat(last.value().quality()).isEqualTo(org.streetsense.gateway.pipeline.Quality.GOOD);
  }

  @Test
  void aShortPressIsNeverStuck() {
    press();
    release();
    h.scheduler().advance(Duration.ofMinutes(1));
    assertThat(sink.eventTypes()).containsExactly("press", "release");
  }

  @Test
  void releasesThePinOnClose() {
    driver.close();
    assertThat(pin.listenerCount()).isZero();
    assertThat(pin.isOpen()).isFalse();
  }
}
