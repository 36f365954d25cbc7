package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.streetsense.gateway.app.SimulatedOutputs.actuator;
import static org.streetsense.gateway.app.SimulatedOutputs.open;
import static org.streetsense.gateway.app.SimulatedOutputs.pca9685;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.BusFault;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cBus;
import org.streetsense.gateway.hardware.simulated.chips.Pca9685Chip;

/**
 * Issue 14, item 3: PCA9685 channels honour their chip's polarity ({@code activeLow}) at open, on
 * every command, at shutdown, on hardware loss (a failed write, an unplugged and replugged chip)
 * and in {@code safe-outputs}. Judged at the simulated chip's output: the fraction of each period
 * the channel's pin is high.
 */
class Pca9685PolarityTest {

  /** The documented example (docs/drivers.md, "pca9685"). */
  static final String ACTIVE_LOW_PCA9685 =
      DriversDocExamples.yaml("driver: pca9685", "activeLow: true");

  private static final int HIGH_CHIP = 0x40;
  private static final int LOW_CHIP = 0x41;
  private static final int CH = 3;

  private static Installation installation() throws Exception {
    return SimulatedOutputs.installation("pwm-polarity", """
        - id: strip
          driver: pca9685
          address: 0x40
          options: {frequency: 1000}
          channels:
            warm: {index: 3}
        """ + ACTIVE_LOW_PCA9685);
  }

  @Test
  void bothPolaritiesAreOffAtOpenFollowCommandsAndAreOffAfterShutdown() throws Exception {
    Installation inst = installation();
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      Devices devices = open(inst, backend);
      Pca9685Chip high = pca9685(backend, HIGH_CHIP);
      Pca9685Chip low = pca9685(backend, LOW_CHIP);
      Actuator strip = actuator(devices, "strip/warm");
      Actuator canopy = actuator(devices, "canopy/warm");

      assertThat(high.dutyCycle(CH)).as("active-high at open: low").isZero();
      assertThat(low.dutyCycle(CH)).as("active-low at open: high all the time").isEqualTo(1.0);
      assertThat(canopy.level()).isZero();
      assertThat(canopy.outputHigh()).isEqualTo(1.0);

      strip.apply(0.25);
      canopy.apply(0.25);
      assertThat(high.dutyCycle(CH)).isCloseTo(0.25, within(0.001));
      assertThat(low.dutyCycle(CH)).isCloseTo(0.75, within(0.001));
      assertThat(canopy.level()).isEqualTo(0.25);

      strip.apply(1.0);
      canopy.apply(1.0);
      assertThat(high.dutyCycle(CH)).isEqualTo(1.0);
      assertThat(low.dutyCycle(CH)).as("fully on: low all the time").isZero();

      canopy.apply(0.0);
      assertThat(low.dutyCycle(CH)).isEqualTo(1.0);
      canopy.apply(1.0);

      devices.close();
      assertThat(high.dutyCycle(CH)).as("active-high after shutdown").isZero();
      assertThat(high.sleeping()).isTrue();
      assertThat(low.sleeping()).as("an active-low chip stays awake to hold its outputs high")
          .isFalse();
      assertThat(low.dutyCycle(CH)).as("active-low after shutdown").isEqualTo(1.0);
      assertThat(low.dutyCycle(0)).as("undeclared channels too").isEqualTo(1.0);
    }
  }

  @Test
  void aFailedWriteReturnsTheActiveLowChannelToHighOnceTheBusAnswers() throws Exception {
    Installation inst = installation();
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      Devices devices = open(inst, backend);
      Pca9685Chip low = pca9685(backend, LOW_CHIP);
      Actuator canopy = actuator(devices, "canopy/warm");
      canopy.apply(1.0);

      backend.i2cBus(1).injectFault(LOW_CHIP, BusFault.nack(1));
      assertThatThrownBy(() -> canopy.apply(0.5)).isInstanceOf(HardwareIoException.class);
      canopy.toSafeState(); // what the command processor does after a hardware error

      assertThat(low.dutyCycle(CH)).isEqualTo(1.0);
      assertThat(canopy.level()).isZero();
      devices.close();
    }
  }

  @Test
  void anUnpluggedAndReplugedChipIsReinitialisedSafeForBothPolarities() throws Exception {
    Installation inst = installation();
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      Devices devices = open(inst, backend);
      SimulatedI2cBus bus = backend.i2cBus(1);
      Pca9685Chip high = pca9685(backend, HIGH_CHIP);
      Pca9685Chip low = pca9685(backend, LOW_CHIP);
      Actuator strip = actuator(devices, "strip/warm");
      Actuator canopy = actuator(devices, "canopy/warm");
      strip.apply(1.0);
      canopy.apply(1.0);

      bus.injectFault(HIGH_CHIP, BusFault.unplugged());
      bus.injectFault(LOW_CHIP, BusFault.unplugged());
      assertThatThrownBy(() -> canopy.apply(0.5)).isInstanceOf(HardwareIoException.class);
      assertThatThrownBy(() -> strip.apply(0.5)).isInstanceOf(HardwareIoException.class);
      canopy.toSafeState();
      strip.toSafeState();
      bus.clearFault(HIGH_CHIP); // plugged back: power-on reset, asleep, every output low
      bus.clearFault(LOW_CHIP);
      assertThat(low.dutyCycle(CH)).as("after the reset the active-low load is on").isZero();

      canopy.toSafeState();
      strip.toSafeState();

      assertThat(low.sleeping()).isFalse();
      assertThat(low.dutyCycle(CH)).as("reinitialised: high again").isEqualTo(1.0);
      assertThat(low.dutyCycle(0)).isEqualTo(1.0);
      assertThat(high.dutyCycle(CH)).isZero();
      assertThat(canopy.level()).isZero();
      assertThat(strip.level()).isZero();
      devices.close();
    }
  }

  @Test
  void safeOutputsDrivesAndReadsBackEachChannelsSafeOutput() throws Exception {
    Installation inst = installation();
    SimulatedBackend backend = SimulatedBackend.builder().seed(1).build();

    SafeOutputs.Report report = SafeOutputs.run(inst, backend, Duration.ofMillis(200));

    assertThat(report.outputs()).extracting(SafeOutputs.Output::actuator)
        .containsExactly("strip/warm", "canopy/warm");
    assertThat(report.outputs()).allMatch(SafeOutputs.Output::safe);
    assertThat(report.outputs()).extracting(SafeOutputs.Output::outputHigh)
        .containsExactly(0.0, 1.0);
    assertThat(pca9685(backend, HIGH_CHIP).dutyCycle(CH)).isZero();
    assertThat(pca9685(backend, LOW_CHIP).dutyCycle(CH)).isEqualTo(1.0);
  }

  @Test
  void aServoOnAnActiveLowChipIsRefusedAtOpenEvenWithoutValidate() throws Exception {
    Installation inst = installation();
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      SimulatedInstallation.populate(backend, inst);
      // the plan of a file that validate would refuse: the active-low channel as a servo
      InteractionPlan plan = InteractionPlan.from(inst);
      Devices devices = Devices.openOutputs(inst, backend, plan);
      devices.close();
      InteractionPlan servo = new InteractionPlan(plan.limits(), plan.quietHours(),
          plan.reflexes(), java.util.Map.of("canopy/warm",
              org.streetsense.gateway.actuator.ActuatorKind.MOTION), plan.oscTargets(),
          plan.oscRanges(), plan.oscListen(), plan.oscPrefix(), plan.snapshotInterval(),
          plan.maxDuration());
      assertThatThrownBy(() -> Devices.openOutputs(inst, backend, servo))
          .hasMessageContaining("canopy").hasMessageContaining("active_low")
          .hasMessageContaining("servo");
    }
  }
}
