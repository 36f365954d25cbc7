package org.streetsense.gateway.driver.pms5003;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DeviceRunner;
import org.streetsense.gateway.driver.DeviceRunnerOptions;
import org.streetsense.gateway.driver.DeviceStatus;
import org.streetsense.gateway.driver.RetryBackoff;
import org.streetsense.gateway.driver.testing.ManualScheduler;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.chips.Pms5003Sensor;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

/**
 * The PMS5003 under the device runner on the simulated backend's serial line, on one virtual clock:
 * readings are SUSPECT while the fan settles and GOOD after; a sensor that goes silent and a line
 * that is unplugged are faults, and the runner re-opens the port once frames come again.
 */
class Pms5003RunnerTest {

  private final ManualScheduler scheduler = new ManualScheduler();
  private final SimulatedBackend backend =
      SimulatedBackend.builder().timeSource(scheduler.clock()).build();
  private final Pms5003Sensor sensor =
      new Pms5003Sensor(scheduler.clock(), scheduler.clock(), "pms").pm25(() -> 35);
  private final Pms5003Driver driver = new Pms5003Driver();
  private final List<Observation> out = new CopyOnWriteArrayList<>();
  private DeviceRunner runner;

  @AfterEach
  void tearDown() {
    if (runner != null) {
      runner.close();
    }
    sensor.close();
    backend.close();
  }

  @Test
  void silenceAndAnUnpluggedLineAreFaultsAndTheSensorIsReadAgainAfterwards() {
    backend.attachSerial("/dev/serial0", sensor::hostLink);
    sensor.start();
    runner = new DeviceRunner(
        DeviceRunnerOptions.of("street", new DeviceOptions("dust", Map.of("port", "/dev/serial0")))
            .withInterval(Duration.ofSeconds(10))
            .withBackoff(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 2)),
        driver, backend, scheduler, out::add);
    runner.start();
    run(Duration.ofSeconds(45));
    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.RUNNING);

    sensor.silent(true);
    run(Duration.ofSeconds(20));
    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.FAULT);
    assertThat(runner.status().lastError()).hasValueSatisfying(
        m -> assertThat(m).contains("TIMEOUT").contains("no valid PMS5003 frame"));
    sensor.silent(false);
    run(Duration.ofSeconds(45));
    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.RUNNING);

    sensor.unplug();
    run(Duration.ofSeconds(10));
    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.FAULT);
    sensor.plug();
    run(Duration.ofSeconds(45));
    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.RUNNING);

    List<Quality> transitions = new ArrayList<>();
    for (Reading r : pm25()) {
      if (transitions.isEmpty() || transitions.get(transitions.size() - 1) != r.quality()) {
        transitions.add(r.quality());
      }
    }
    assertThat(transitions).containsExactly(
        Quality.SUSPECT, Quality.GOOD, Quality.FAULT, Quality.SUSPECT, Quality.GOOD,
        Quality.FAULT, Quality.SUSPECT, Quality.GOOD);
    Reading last = pm25().get(pm25().size() - 1);
    assertThat(last.value()).isEqualTo(35.0);
    assertThat(last.unit()).isEqualTo("ug/m3");
  }

  /** Virtual time in 100 ms steps (the line delivers synchronously, on the advancing thread). */
  private void run(Duration total) {
    scheduler.advance(total, Duration.ofMillis(100));
  }

  private List<Reading> pm25() {
    return out.stream().filter(Reading.class::isInstance).map(Reading.class::cast)
        .filter(r -> r.channel().equals("pm2_5")).toList();
  }
}
