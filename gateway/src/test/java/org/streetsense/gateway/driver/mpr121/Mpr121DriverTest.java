package org.streetsense.gateway.driver.mpr121;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streetsense.gateway.driver.testing.DriverHarness.value;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.channel.ChannelOptions;
import org.streetsense.gateway.channel.HysteresisOptions;
import org.streetsense.gateway.channel.ReportOptions;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DeviceRunner;
import org.streetsense.gateway.driver.DeviceRunnerOptions;
import org.streetsense.gateway.driver.testing.DriverHarness;
import org.streetsense.gateway.driver.testing.TestDigitalInput;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.chips.Mpr121Chip;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;

class Mpr121DriverTest {

  private final DriverHarness h = new DriverHarness();
  private final Mpr121Chip chip = new Mpr121Chip();

  private Mpr121Driver open(Map<String, Object> o) throws HardwareIoException {
    h.backend().attach(1, 0x5A, chip);
    Mpr121Driver d = new Mpr121Driver(new DeviceOptions("touch", o));
    d.open(h.context("touch", o));
    return d;
  }

  @Test
  void reportsTouchBitsPerElectrode() throws Exception {
    Mpr121Driver d = open(Map.of());
    chip.touch(3, true);
    chip.touch(11, true);
    List<ChannelValue> v = h.sample(d);
    assertThat(v).hasSize(12);
    assertThat(value(v, "electrode3").raw()).isEqualTo(1);
    assertThat(value(v, "electrode11").raw()).isEqualTo(1);
    assertThat(value(v, "electrode0").raw()).isZero();
    chip.touch(3, false);
    assertThat(value(h.sample(d), "electrode3").raw()).isZero();
  }

  @Test
  void publishesBaselineMinusFilteredDeltasForTuning() throws Exception {
    Mpr121Driver d = open(Map.of("deltas", true, "electrodes", 2));
    chip.touchDelta(1, 45);
    chip.touch(1, true);
    List<ChannelValue> v = h.sample(d);
    assertThat(v).hasSize(4);
    // electrode 1 rests at 704 counts; baseline register holds 704 >> 2 = 176 -> 704
    assertThat(value(v, "electrode1_delta").raw()).isEqualTo(45);
    assertThat(value(v, "electrode0_delta").raw()).isZero();
  }

  @Test
  void configuresOnlyInStopModeSoNoWriteIsIgnored() throws Exception {
    open(Map.of());
    assertThat(chip.runModeWritesIgnored()).isZero();
  }

  @Test
  void chipIgnoresConfigWritesInRunModeLikeTheRealPart() throws Exception {
    chip.onWrite(new byte[] {0x5E, (byte) 0x8C});
    chip.onWrite(new byte[] {0x41, 40});
    assertThat(chip.runModeWritesIgnored()).isEqualTo(1);
    byte[] thr = new byte[1];
    chip.onWrite(new byte[] {0x41});
    chip.onRead(thr);
    assertThat(thr[0]).isZero();
  }

  @Test
  void appliesPerElectrodeThresholds() throws Exception {
    Mpr121Driver d = open(Map.of("touch_threshold", 40, "release_threshold", 20));
    chip.touchDelta(0, 30);
    chip.touch(0, true);
    assertThat(value(h.sample(d), "electrode0").raw()).as("delta 30 below threshold 40").isZero();
    chip.touchDelta(1, 50);
    chip.touch(1, true);
    assertThat(value(h.sample(d), "electrode1").raw()).isEqualTo(1);
  }

  @Test
  void eachElectrodeCanHaveItsOwnThresholds() throws Exception {
    Mpr121Driver d = open(Map.of("touch_threshold_0", 40, "release_threshold_0", 20,
        "touch_threshold_1", 10, "release_threshold_1", 5));
    chip.touchDelta(0, 30);
    chip.touch(0, true);
    chip.touchDelta(1, 30);
    chip.touch(1, true);
    assertThat(value(h.sample(d), "electrode0").raw()).as("delta 30 below its threshold 40").isZero();
    assertThat(value(h.sample(d), "electrode1").raw()).as("delta 30 above its threshold 10")
        .isEqualTo(1);
  }

  @Test
  void failsWhenConfig2DoesNotReadDefaultAfterReset() {
    h.backend().attach(1, 0x5B, new org.streetsense.gateway.hardware.simulated.chips.Pca9685Chip());
    Map<String, Object> o = Map.of("address", 0x5B);
    assertThatThrownBy(() -> new Mpr121Driver(new DeviceOptions("t", o)).open(h.context("t", o)))
        .isInstanceOf(HardwareIoException.class).hasMessageContaining("CONFIG2");
  }

  @Test
  void detectsChipResetAsFault() throws Exception {
    Mpr121Driver d = open(Map.of());
    chip.powerCycle();
    assertThatThrownBy(d::start).hasMessageContaining("reset");
  }

  @Test
  void irqLineTriggersImmediateSampleAndTouchEvents() {
    TestDigitalInput irq = h.backend().input(17);
    irq.set(true);
    chip.onIrq(irq::set);
    h.backend().attach(1, 0x5A, chip);
    List<Observation> out = new CopyOnWriteArrayList<>();
    DeviceRunnerOptions o = DeviceRunnerOptions.of("square",
            new DeviceOptions("touch", Map.of("irq_pin", 17, "electrodes", 4)))
        .withInterval(Duration.ofSeconds(10))
        .withChannels(Map.of("electrode2", ChannelOptions.builder("electrode2")
            .report(ReportOptions.NEVER).touch(HysteresisOptions.touch(0.5, 0.5)).build()));
    DeviceRunner runner = new DeviceRunner(o,
        new Mpr121Driver(o.driverOptions()), h.backend(), h.scheduler(), out::add);
    runner.start();
    h.scheduler().advance(Duration.ofMillis(5));
    assertThat(irq.listenerCount()).isEqualTo(1);

    h.scheduler().advance(Duration.ofMillis(100));
    chip.touch(2, true);
    h.scheduler().runDue();
    h.scheduler().advance(Duration.ofMillis(420));
    chip.touch(2, false);
    h.scheduler().runDue();

    List<InteractionEvent> events = out.stream().filter(InteractionEvent.class::isInstance)
        .map(InteractionEvent.class::cast).toList();
    assertThat(events).extracting(InteractionEvent::type).containsExactly("touch_start", "touch_end");
    assertThat(events.get(1).value()).isEqualTo(420.0);
    assertThat(irq.read()).as("IRQ released after status read").isTrue();
    runner.close();
    assertThat(irq.listenerCount()).isZero();
  }
}
