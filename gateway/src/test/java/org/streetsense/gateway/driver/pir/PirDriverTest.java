package org.streetsense.gateway.driver.pir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.testing.DriverHarness;
import org.streetsense.gateway.driver.testing.RecordingSink;
import org.streetsense.gateway.driver.testing.TestDigitalInput;

class PirDriverTest {

  private final DriverHarness h = new DriverHarness();
  private final RecordingSink sink = new RecordingSink();
  private final TestDigitalInput pin = h.backend().input(23);
  private final PirDriver driver = new PirDriver();

  @BeforeEach
  void open() throws Exception {
    driver.sink(sink);
    driver.open(h.context("pir", Map.of("pin", 23, "warm_up_ms", 30_000, "hold_ms", 4000)));
  }

  @Test
  void ignoresTriggersDuringWarmUp() {
    pin.set(true);
    h.scheduler().advance(Duration.ofSeconds(2));
    pin.set(false);
    h.scheduler().advance(Duration.ofSeconds(20));
    assertThat(sink.events()).isEmpty();
    h.scheduler().advance(Duration.ofSeconds(10));
    pin.set(true);
    h.scheduler().runDue();
    assertThat(sink.eventTypes()).containsExactly("presence_enter");
  }

  @Test
  void reportsPresenceHeldHighAtEndOfWarmUp() {
    h.scheduler().advance(Duration.ofSeconds(29));
    pin.set(true);
    h.scheduler().advance(Duration.ofSeconds(2));
    assertThat(sink.eventTypes()).containsExactly("presence_enter");
  }

  @Test
  void retriggerWithinHoldExtendsPresence() {
    h.scheduler().advance(Duration.ofSeconds(30));
    pin.set(true);
    h.scheduler().advance(Duration.ofSeconds(3));
    pin.set(false);
    h.scheduler().advance(Duration.ofSeconds(3));
    pin.set(true);
    h.scheduler().advance(Duration.ofSeconds(2));
    pin.set(false);
    h.scheduler().advance(Duration.ofSeconds(3));
    assertThat(sink.eventTypes()).containsExactly("presence_enter");
    h.scheduler().advance(Duration.ofSeconds(1));
    assertThat(sink.eventTypes()).containsExactly("presence_enter", "presence_leave");
    assertThat(sink.events().get(1).value()).isEqualTo(8000.0);
    assertThat(sink.events().get(1).channel()).isEqualTo("motion");
  }
}
