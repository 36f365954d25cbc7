package org.streetsense.gateway.driver.led;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.relay.RelayDriver;
import org.streetsense.gateway.driver.testing.DriverHarness;
import org.streetsense.gateway.driver.testing.TestDigitalOutput;

class SwitchedOutputsTest {

  private final DriverHarness h = new DriverHarness();

  @Test
  void ledStartsOffSwitchesAndFallsBackToOffOnClose() throws Exception {
    LedDriver led = new LedDriver();
    led.open(h.context("led", Map.of("pin", 12)));
    TestDigitalOutput out = h.backend().output(12);
    assertThat(out.state()).isFalse();
    led.set(true);
    assertThat(out.state()).isTrue();
    assertThat(led.isOn()).isTrue();
    led.close();
    assertThat(out.closed()).isTrue();
    assertThat(out.state()).isFalse();
  }

  @Test
  void activeLowRelayIsOffWithPinHighAndDeclaresHighShutdown() throws Exception {
    RelayDriver relay = new RelayDriver();
    relay.open(h.context("pump", Map.of("pin", 16)));
    TestDigitalOutput out = h.backend().output(16);
    assertThat(out.state()).as("off = high on an active-low module").isTrue();
    assertThat(out.shutdownState()).isTrue();
    relay.set(true);
    assertThat(out.state()).isFalse();
    relay.close();
    assertThat(out.history()).containsExactly(true, false, true);
  }

  @Test
  void safeStateOnKeepsAnOutputOnAtShutdown() throws Exception {
    RelayDriver relay = new RelayDriver();
    relay.open(h.context("lights", Map.of("pin", 20, "active_low", false, "safe_state", "on")));
    TestDigitalOutput out = h.backend().output(20);
    assertThat(out.state()).isTrue();
    relay.set(false);
    relay.close();
    assertThat(out.state()).isTrue();
  }
}
