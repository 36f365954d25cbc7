package org.streetsense.gateway.driver.vl53l0x;

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
import org.streetsense.gateway.hardware.simulated.chips.Vl53l0xChip;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

/**
 * The VL53L0X under the device runner: a VCSEL failure and an unplugged sensor are faults; the
 * runner re-opens it, recalibrates and the distance is GOOD again.
 */
class Vl53l0xRunnerTest {

  private final ManualScheduler scheduler = new ManualScheduler();
  private final TestBackend backend = new TestBackend(scheduler);
  private final List<Observation> out = new CopyOnWriteArrayList<>();

  @Test
  void faultsAreRetriedUntilTheSensorRangesAgain() {
    Vl53l0xChip chip = new Vl53l0xChip(scheduler).distance(() -> 900);
    TestI2cSlot slot = backend.attach(1, 0x29, chip);
    DeviceRunner runner = new DeviceRunner(
        DeviceRunnerOptions.of("street", new DeviceOptions("spot", Map.of()))
            .withInterval(Duration.ofMillis(250))
            .withBackoff(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 2)),
        new Vl53l0xDriver(), backend, scheduler, out::add);
    runner.start();
    scheduler.advance(Duration.ofSeconds(1), Duration.ofMillis(1));
    chip.vcselFailure(true);
    scheduler.advance(Duration.ofSeconds(1), Duration.ofMillis(1));
    assertThat(runner.status().lastError()).hasValueSatisfying(
        m -> assertThat(m).contains("VCSEL continuity test failure"));
    chip.vcselFailure(false);
    scheduler.advance(Duration.ofSeconds(3), Duration.ofMillis(1));
    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.RUNNING);

    slot.unplug();
    scheduler.advance(Duration.ofSeconds(3), Duration.ofMillis(1));
    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.FAULT);
    chip.onPowerUp();
    slot.plugIn();
    scheduler.advance(Duration.ofSeconds(6), Duration.ofMillis(1));

    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.RUNNING);
    assertThat(chip.calibrated()).as("recalibrated after power-up").isTrue();
    List<Quality> transitions = new ArrayList<>();
    for (Reading r : distances()) {
      if (transitions.isEmpty() || transitions.get(transitions.size() - 1) != r.quality()) {
        transitions.add(r.quality());
      }
    }
    assertThat(transitions).containsExactly(Quality.GOOD, Quality.FAULT, Quality.GOOD,
        Quality.FAULT, Quality.GOOD);
    assertThat(distances().get(distances().size() - 1).value()).isEqualTo(900.0);
    runner.close();
  }

  private List<Reading> distances() {
    return out.stream().filter(Reading.class::isInstance).map(Reading.class::cast)
        .filter(r -> r.channel().equals("distance")).toList();
  }
}
