package org.streetsense.gateway.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.testing.ManualScheduler;
import org.streetsense.gateway.driver.testing.TestBackend;
import org.streetsense.gateway.driver.testing.TestDigitalInput;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Reading;

class EventDriverRunnerTest {

  private final ManualScheduler scheduler = new ManualScheduler();
  private final TestBackend backend = new TestBackend(scheduler);

  @Test
  void buttonPressBecomesInteractionEventAtEdgeTime() {
    TestDigitalInput pin = backend.input(5);
    pin.set(true);
    DeviceOptions o = new DeviceOptions("bell", Map.of("pin", 5));
    List<Observation> out = new CopyOnWriteArrayList<>();
    DeviceRunner runner = new DeviceRunner(DeviceRunnerOptions.of("square", o),
        DriverRegistry.create("button", o), backend, scheduler, out::add);
    runner.start();
    scheduler.runDue();
    long edge = scheduler.monotonicNanos();
    pin.set(false);
    scheduler.advance(Duration.ofMillis(50));

    InteractionEvent press = out.stream().filter(InteractionEvent.class::isInstance)
        .map(InteractionEvent.class::cast).findFirst().orElseThrow();
    assertThat(press.type()).isEqualTo("press");
    assertThat(press.device()).isEqualTo("bell");
    assertThat(press.time().monotonicNanos()).isEqualTo(edge);
    assertThat(press.interactive()).isTrue();
    assertThat(out.stream().filter(Reading.class::isInstance).map(Reading.class::cast)
        .map(Reading::value)).containsExactly(0.0, 1.0);
    runner.close();
    assertThat(pin.listenerCount()).isZero();
  }

  @Test
  void registryNamesEveryDriverAndRejectsUnknownOnes() {
    assertThat(DriverRegistry.names()).containsExactly("button", "pir", "digital-in", "led",
        "relay", "bme280", "bh1750", "mpr121", "ads1115", "pca9685", "mcp3008", "board-pin",
        "board-distance", "board-output", "board-pwm", "board-servo", "scd41", "pms5003",
        "vl53l0x");
    assertThatThrownBy(() -> DriverRegistry.create("bme680", DeviceOptions.empty("x")))
        .hasMessageContaining("'x'").hasMessageContaining("bme680").hasMessageContaining("bme280");
  }

  @Test
  void deviceOptionsParseHexAddressesAndDurationsWithNamedErrors() {
    DeviceOptions o = new DeviceOptions("env", Map.of("address", "0x77", "hold_ms", 250,
        "bad", "x", "window", "PT2S"));
    assertThat(o.intValue("address", 0)).isEqualTo(0x77);
    assertThat(o.durationValue("hold_ms", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(o.durationValue("window", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> o.intValue("bad", 0))
        .hasMessage("device 'env' option 'bad' expected an integer, was \"x\"");
    assertThatThrownBy(() -> o.intValue("pin")).hasMessageContaining("'pin' is required");
  }
}
