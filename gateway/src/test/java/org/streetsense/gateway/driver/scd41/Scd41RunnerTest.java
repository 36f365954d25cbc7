package org.streetsense.gateway.driver.scd41;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DeviceRunner;
import org.streetsense.gateway.driver.DeviceRunnerOptions;
import org.streetsense.gateway.driver.DeviceStatus;
import org.streetsense.gateway.driver.RetryBackoff;
import org.streetsense.gateway.driver.testing.ManualScheduler;
import org.streetsense.gateway.driver.testing.TestBackend;
import org.streetsense.gateway.driver.testing.TestI2cSlot;
import org.streetsense.gateway.hardware.simulated.chips.Scd41Chip;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

/** The SCD41 under the device runner: unplugged and plugged back, its CO2 goes GOOD, FAULT, GOOD. */
class Scd41RunnerTest {

  private final ManualScheduler scheduler = new ManualScheduler();
  private final TestBackend backend = new TestBackend(scheduler);
  private final List<Observation> out = new CopyOnWriteArrayList<>();

  @Test
  void anUnpluggedSensorIsAFaultAndMeasuresAgainOncePluggedBack() {
    Scd41Chip chip = new Scd41Chip(scheduler).co2(() -> 650);
    TestI2cSlot slot = backend.attach(1, 0x62, chip);
    DeviceRunner runner = new DeviceRunner(
        DeviceRunnerOptions.of("street", new DeviceOptions("air", Map.of()))
            .withInterval(Duration.ofSeconds(5))
            .withBackoff(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 2)),
        new Scd41Driver(), backend, scheduler, out::add);
    runner.start();
    scheduler.advance(Duration.ofSeconds(12), Duration.ofMillis(1));
    slot.unplug();
    scheduler.advance(Duration.ofSeconds(12), Duration.ofMillis(1));
    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.FAULT);
    assertThat(runner.status().lastError()).hasValueSatisfying(m -> assertThat(m).contains("NACK"));

    chip.onPowerUp();
    slot.plugIn();
    scheduler.advance(Duration.ofSeconds(20), Duration.ofMillis(1));

    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.RUNNING);
    List<Quality> transitions = new ArrayList<>();
    for (Reading r : co2()) {
      if (transitions.isEmpty() || transitions.get(transitions.size() - 1) != r.quality()) {
        transitions.add(r.quality());
      }
    }
    assertThat(transitions).containsExactly(Quality.GOOD, Quality.FAULT, Quality.GOOD);
    assertThat(co2().get(co2().size() - 1).value()).isEqualTo(650.0);
    assertThat(co2().get(0).unit()).isEqualTo("ppm");
    runner.close();
    assertThat(chip.periodic()).as("closing stops the measurement").isFalse();
  }

  private List<Reading> co2() {
    return out.stream().filter(Reading.class::isInstance).map(Reading.class::cast)
        .filter(r -> r.channel().equals("co2")).toList();
  }
}
