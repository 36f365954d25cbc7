package org.streetsense.gateway.driver.digitalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.testing.DriverHarness;
import org.streetsense.gateway.driver.testing.RecordingSink;
import org.streetsense.gateway.driver.testing.TestDigitalInput;

class DigitalInDriverTest {

  private final DriverHarness h = new DriverHarness();
  private final RecordingSink sink = new RecordingSink();

  @Test
  void pushesInitialLevelAndDebouncedChangesActiveLow() throws Exception {
    TestDigitalInput pin = h.backend().input(6);
    pin.set(true);
    DigitalInDriver d = new DigitalInDriver("door");
    d.sink(sink);
    d.open(h.context("reed", Map.of("pin", 6, "active_low", true, "debounce_ms", 5)));
    pin.bounceTo(false, 3, Duration.ofMillis(1), h.scheduler());
    h.scheduler().advance(Duration.ofMillis(10));
    assertThat(sink.values()).extracting(v -> v.value().raw()).containsExactly(0.0, 1.0);
    assertThat(sink.values().get(1).value().channel()).isEqualTo("door");
  }

  @Test
  void rejectsUnknownPullWithNamedKey() {
    DigitalInDriver d = new DigitalInDriver("x");
    d.sink(sink);
    assertThatThrownBy(() -> d.open(h.context("reed", Map.of("pin", 6, "pull", "sideways"))))
        .hasMessageContaining("'reed'").hasMessageContaining("pull");
  }
}
