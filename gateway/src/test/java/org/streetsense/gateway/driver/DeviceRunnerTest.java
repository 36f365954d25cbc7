package org.streetsense.gateway.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.channel.ChannelOptions;
import org.streetsense.gateway.driver.bme280.Bme280Driver;
import org.streetsense.gateway.driver.testing.ManualScheduler;
import org.streetsense.gateway.driver.testing.TestBackend;
import org.streetsense.gateway.driver.testing.TestI2cSlot;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.chips.Bme280Chip;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

class DeviceRunnerTest {

  private final ManualScheduler scheduler = new ManualScheduler();
  private final TestBackend backend = new TestBackend(scheduler);
  private final List<Observation> out = new CopyOnWriteArrayList<>();
  private final Bme280Chip chip = new Bme280Chip(scheduler).temperature(() -> 21.5);
  private final TestI2cSlot slot = backend.attach(1, 0x76, chip);

  private DeviceRunnerOptions options() {
    return DeviceRunnerOptions.of("square", new DeviceOptions("env", Map.of()))
        .withInterval(Duration.ofSeconds(1))
        .withBackoff(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 2))
        .withChannels(Map.of("temperature", ChannelOptions.builder("temperature")
            .range(-40, 85).build()));
  }

  private List<Reading> temperatures() {
    return out.stream().filter(Reading.class::isInstance).map(Reading.class::cast)
        .filter(r -> r.channel().equals("temperature")).toList();
  }

  @Test
  void samplesOnIntervalAndEmitsReadingsWithUnits() {
    DeviceRunner runner = new DeviceRunner(options(), new Bme280Driver(), backend, scheduler,
        out::add);
    runner.start();
    scheduler.advance(Duration.ofMillis(3500), Duration.ofMillis(1));
    assertThat(temperatures()).hasSize(4);
    assertThat(temperatures()).allSatisfy(r -> {
      assertThat(r.unit()).isEqualTo("degC");
      assertThat(r.quality()).isEqualTo(Quality.GOOD);
      assertThat(r.value()).isBetween(21.49, 21.51);
      assertThat(r.device()).isEqualTo("env");
      assertThat(r.installation()).isEqualTo("square");
    });
    assertThat(out).extracting(Observation::channel)
        .contains("temperature", "humidity", "pressure");
    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.RUNNING);
    runner.close();
  }

  @Test
  void devicesWithTheSamePeriodSampleTogetherWhenTheyOpenedAtDifferentMoments() {
    List<Observation> second = new CopyOnWriteArrayList<>();
    backend.attach(1, 0x77, new Bme280Chip(scheduler).temperature(() -> 18.0));
    DeviceRunner first = new DeviceRunner(options(), new Bme280Driver(), backend, scheduler,
        out::add);
    DeviceRunner later = new DeviceRunner(
        DeviceRunnerOptions.of("square", new DeviceOptions("env-2", Map.of("address", 0x77)))
            .withInterval(Duration.ofSeconds(1)), new Bme280Driver(), backend, scheduler,
        second::add);
    scheduler.advance(Duration.ofMillis(130), Duration.ofMillis(1));
    first.start();
    scheduler.advance(Duration.ofMillis(420), Duration.ofMillis(1));
    later.start();
    scheduler.advance(Duration.ofSeconds(5), Duration.ofMillis(1));

    List<Long> a = sampleTimes(out);
    List<Long> b = sampleTimes(second);
    // each device's first sample is taken when it opens; from the second on, both on the grid
    assertThat(a.get(0)).isNotEqualTo(b.get(0));
    assertThat(a.subList(1, a.size())).containsAll(b.subList(1, b.size()));
    assertThat(b.size()).isGreaterThanOrEqualTo(4);
    for (List<Long> times : List.of(a, b)) {
      for (int i = 1; i < times.size(); i++) {
        assertThat(times.get(i) - times.get(i - 1)).as("gap before sample %d", i)
            .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
      }
    }
    first.close();
    later.close();
  }

  private static List<Long> sampleTimes(List<Observation> observations) {
    return observations.stream().filter(Reading.class::isInstance)
        .filter(o -> o.channel().equals("temperature"))
        .map(o -> o.time().monotonicNanos()).toList();
  }

  @Test
  void recoversFromUnplugAndReplugWithFaultThenGoodQuality() {
    DeviceRunner runner = new DeviceRunner(options(), new Bme280Driver(), backend, scheduler,
        out::add);
    runner.start();
    scheduler.advance(Duration.ofMillis(1500), Duration.ofMillis(1));
    slot.unplug();
    scheduler.advance(Duration.ofSeconds(10), Duration.ofMillis(1));
    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.FAULT);
    assertThat(runner.status().consecutiveFaults()).isGreaterThan(1);
    assertThat(runner.status().lastError()).hasValueSatisfying(m -> assertThat(m).contains("NACK"));
    int attemptsWhileUnplugged = slot.transactions();

    chip.powerCycle();
    slot.plugIn();
    scheduler.advance(Duration.ofSeconds(10), Duration.ofMillis(1));

    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.RUNNING);
    assertThat(slot.transactions()).isGreaterThan(attemptsWhileUnplugged);
    List<Quality> transitions = new java.util.ArrayList<>();
    for (Reading r : temperatures()) {
      if (transitions.isEmpty() || transitions.get(transitions.size() - 1) != r.quality()) {
        transitions.add(r.quality());
      }
    }
    assertThat(transitions).containsExactly(Quality.GOOD, Quality.FAULT, Quality.GOOD);
    Reading last = temperatures().get(temperatures().size() - 1);
    assertThat(last.value()).isBetween(21.49, 21.51);
    runner.close();
  }

  @Test
  void keepsTheLastErrorItsTimeAndTheErrorCountAfterRecovery() {
    DeviceRunner runner = new DeviceRunner(options(), new Bme280Driver(), backend, scheduler,
        out::add);
    runner.start();
    scheduler.advance(Duration.ofMillis(1500), Duration.ofMillis(1));
    slot.unplug();
    scheduler.advance(Duration.ofSeconds(10), Duration.ofMillis(1));
    DeviceStatus during = runner.status();
    assertThat(during.lastErrorAt()).isPresent();
    assertThat(during.totalFaults()).isEqualTo(during.consecutiveFaults()).isGreaterThan(1);

    chip.powerCycle();
    slot.plugIn();
    scheduler.advance(Duration.ofSeconds(10), Duration.ofMillis(1));

    DeviceStatus after = runner.status();
    assertThat(after.state()).isEqualTo(DeviceStatus.State.RUNNING);
    assertThat(after.consecutiveFaults()).isZero();
    assertThat(after.lastError()).isEqualTo(during.lastError());
    assertThat(after.lastErrorAt()).isEqualTo(during.lastErrorAt());
    assertThat(after.totalFaults()).isEqualTo(during.totalFaults());
    runner.close();
  }

  @Test
  void backsOffBetweenReopenAttempts() {
    slot.unplug();
    DeviceRunner runner = new DeviceRunner(options(), new Bme280Driver(), backend, scheduler,
        out::add);
    runner.start();
    scheduler.advance(Duration.ofSeconds(31), Duration.ofMillis(10));
    // attempts at 0, 1, 3, 7, 15, 23, 31 s (1, 2, 4, 8, 8, 8 s apart): one failed read each
    assertThat(slot.transactions()).isEqualTo(7);
    assertThat(runner.status().consecutiveFaults()).isEqualTo(7);
    runner.close();
  }

  @Test
  void reportsBusTimeoutAsFault() {
    slot.fault(TestI2cSlot.Fault.TIMEOUT);
    DeviceRunner runner = new DeviceRunner(options(), new Bme280Driver(), backend, scheduler,
        out::add);
    runner.start();
    scheduler.runDue();
    assertThat(temperatures()).extracting(Reading::quality).containsExactly(Quality.FAULT);
    assertThat(runner.status().lastError()).hasValueSatisfying(m -> assertThat(m).contains("TIMEOUT"));
    runner.close();
  }

  @Test
  void flagsOutOfRangePhysicalValueAsSuspect() {
    chip.temperature(() -> 120.0);
    DeviceRunner runner = new DeviceRunner(options(), new Bme280Driver(), backend, scheduler,
        out::add);
    runner.start();
    scheduler.advance(Duration.ofMillis(100), Duration.ofMillis(1));
    assertThat(temperatures()).extracting(Reading::quality).containsExactly(Quality.SUSPECT);
    runner.close();
  }

  @Test
  void flagsRailedChipAsSuspectThroughRangeCheck() {
    DeviceRunner runner = new DeviceRunner(options(), new Bme280Driver(), backend, scheduler,
        out::add);
    runner.start();
    scheduler.advance(Duration.ofMillis(500), Duration.ofMillis(1));
    chip.faults().railed(true);
    scheduler.advance(Duration.ofMillis(1000), Duration.ofMillis(1));
    assertThat(temperatures()).extracting(Reading::quality)
        .containsExactly(Quality.GOOD, Quality.SUSPECT);
    assertThat(temperatures().get(1).value()).isGreaterThan(85);
    runner.close();
  }

  @Test
  void flagsStuckChipAsSuspectThroughStuckCheck() {
    double[] t = {20.0};
    chip.temperature(() -> t[0] += 0.01);
    DeviceRunner runner = new DeviceRunner(
        options().withChannels(Map.of("temperature", ChannelOptions.builder("temperature")
            .stuckAfter(3).build())),
        new Bme280Driver(), backend, scheduler, out::add);
    runner.start();
    scheduler.advance(Duration.ofMillis(2500), Duration.ofMillis(1));
    chip.faults().stuck(true);
    scheduler.advance(Duration.ofMillis(3000), Duration.ofMillis(1));
    List<Quality> q = temperatures().stream().map(Reading::quality).toList();
    assertThat(q.subList(0, 3)).containsOnly(Quality.GOOD);
    assertThat(q.get(q.size() - 1)).isEqualTo(Quality.SUSPECT);
    runner.close();
  }

  @Test
  void timesOutADeviceThatStaysBusy() {
    SampledDriver busy = new SampledDriver() {
      @Override
      public List<ChannelDescriptor> channels() {
        return List.of(new ChannelDescriptor("x", "V"));
      }

      @Override
      public void open(DriverContext context) {}

      @Override
      public SampleStep start() {
        return SampleStep.pending(Duration.ofMillis(5));
      }

      @Override
      public SampleStep collect() {
        return SampleStep.pending(Duration.ofMillis(5));
      }

      @Override
      public void close() {}
    };
    DeviceRunner runner = new DeviceRunner(options(), busy, backend, scheduler, out::add);
    runner.start();
    scheduler.advance(Duration.ofMillis(500), Duration.ofMillis(1));
    assertThat(runner.status().lastError()).hasValueSatisfying(m -> assertThat(m).contains("busy"));
    assertThat(out).extracting(Observation::channel).contains("x");
    runner.close();
  }

  @Test
  void marksDeviceFailedOnBadOptionsWithoutTakingSchedulerDown() {
    DeviceRunnerOptions bad = DeviceRunnerOptions.of("square",
        new DeviceOptions("env", Map.of("oversampling_pressure", 3)));
    DeviceRunner broken = new DeviceRunner(bad, new Bme280Driver(), backend, scheduler, out::add);
    DeviceRunner good = new DeviceRunner(options(), new Bme280Driver(), backend, scheduler,
        out::add);
    broken.start();
    good.start();
    scheduler.advance(Duration.ofMillis(100), Duration.ofMillis(1));
    assertThat(broken.status().state()).isEqualTo(DeviceStatus.State.FAILED);
    assertThat(broken.status().lastError())
        .hasValueSatisfying(m -> assertThat(m).contains("oversampling_pressure"));
    assertThat(temperatures()).isNotEmpty();
    broken.close();
    good.close();
  }

  @Test
  void keepsSamplingWhenConsumerThrows() {
    List<Observation> seen = new CopyOnWriteArrayList<>();
    DeviceRunner runner = new DeviceRunner(options(), new Bme280Driver(), backend, scheduler, o -> {
      seen.add(o);
      throw new IllegalStateException("sink broke");
    });
    runner.start();
    scheduler.advance(Duration.ofMillis(2100), Duration.ofMillis(1));
    assertThat(seen.stream().filter(o -> o.channel().equals("temperature")).count()).isEqualTo(3);
    runner.close();
  }

  @Test
  void stopsSamplingWhenClosed() throws HardwareIoException {
    DeviceRunner runner = new DeviceRunner(options(), new Bme280Driver(), backend, scheduler,
        out::add);
    runner.start();
    scheduler.advance(Duration.ofMillis(100), Duration.ofMillis(1));
    runner.close();
    int before = out.size();
    scheduler.advance(Duration.ofSeconds(5), Duration.ofMillis(10));
    assertThat(out).hasSize(before);
    assertThat(runner.status().state()).isEqualTo(DeviceStatus.State.CLOSED);
  }
}
