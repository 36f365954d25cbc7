package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
 * {@code safeState: on} (a normally lit sign, a fail-secure maglock) is honoured by a PCA9685
 * chip's light channels and by relays of both polarities: on at open, after "off" at shutdown,
 * after a replug of the chip and in {@code safe-outputs}. Judged at the simulated chip's output
 * (the fraction of each period the pin is high) and the simulated GPIO pin's level.
 */
class SafeStateOnOutputsTest {

  private static final int HIGH_CHIP = 0x40;
  private static final int LOW_CHIP = 0x41;
  private static final int CH = 3;
  private static final int LOW_RELAY = 23;
  private static final int HIGH_RELAY = 24;

  private static Installation installation() throws Exception {
    return SimulatedOutputs.installation("safe-on", """
        - id: sign
          driver: pca9685
          address: 0x40
          safeState: on
          options: {frequency: 1000}
          channels:
            warm: {index: 3}
        - id: canopy
          driver: pca9685
          address: 0x41
          safeState: on
          options: {frequency: 1000, activeLow: true}
          channels:
            warm: {index: 3}
        - {id: maglock, driver: relay, pin: %d, safeState: on}
        - {id: vent, driver: relay, pin: %d, safeState: on, options: {activeLow: false}}
        """.formatted(LOW_RELAY, HIGH_RELAY));
  }

  @Test
  void safeOnOutputsAreOnAtOpenAndOnAgainAfterShutdownForBothPolarities() throws Exception {
    Installation inst = installation();
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      Devices devices = open(inst, backend);
      Pca9685Chip high = pca9685(backend, HIGH_CHIP);
      Pca9685Chip low = pca9685(backend, LOW_CHIP);

      assertThat(high.dutyCycle(CH)).as("active-high chip at open: high").isEqualTo(1.0);
      assertThat(low.dutyCycle(CH)).as("active-low chip at open: low").isZero();
      assertThat(high.dutyCycle(0)).as("an undeclared channel stays off").isZero();
      assertThat(backend.pin(LOW_RELAY).level()).as("active-low relay energised: low").isFalse();
      assertThat(backend.pin(HIGH_RELAY).level()).as("active-high relay energised: high").isTrue();
      for (String id : new String[] {"sign/warm", "canopy/warm", "maglock", "vent"}) {
        assertThat(actuator(devices, id).safeLevel()).as(id).isEqualTo(1.0);
        assertThat(actuator(devices, id).level()).as(id).isEqualTo(1.0);
      }

      for (String id : new String[] {"sign/warm", "canopy/warm", "maglock", "vent"}) {
        actuator(devices, id).apply(0.0);
      }
      assertThat(high.dutyCycle(CH)).isZero();
      assertThat(low.dutyCycle(CH)).isEqualTo(1.0);
      assertThat(backend.pin(LOW_RELAY).level()).as("active-low relay off: high").isTrue();
      assertThat(backend.pin(HIGH_RELAY).level()).as("active-high relay off: low").isFalse();

      devices.close();
      assertThat(high.sleeping()).as("a sleeping chip would drive its outputs low").isFalse();
      assertThat(high.dutyCycle(CH)).as("active-high chip after shutdown").isEqualTo(1.0);
      assertThat(low.dutyCycle(CH)).as("active-low chip after shutdown").isZero();
      assertThat(low.dutyCycle(0)).as("its undeclared channels off: high").isEqualTo(1.0);
      assertThat(backend.pin(LOW_RELAY).level()).as("active-low relay after shutdown").isFalse();
      assertThat(backend.pin(HIGH_RELAY).level()).as("active-high relay after shutdown").isTrue();
    }
  }

  @Test
  void aReplugedChipComesBackWithItsSafeOnChannelsOn() throws Exception {
    Installation inst = installation();
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      Devices devices = open(inst, backend);
      SimulatedI2cBus bus = backend.i2cBus(1);
      Actuator sign = actuator(devices, "sign/warm");
      Actuator canopy = actuator(devices, "canopy/warm");
      sign.apply(0.0);
      canopy.apply(0.0);

      bus.injectFault(HIGH_CHIP, BusFault.unplugged());
      bus.injectFault(LOW_CHIP, BusFault.unplugged());
      assertThatThrownBy(() -> sign.apply(0.5)).isInstanceOf(HardwareIoException.class);
      assertThatThrownBy(() -> canopy.apply(0.5)).isInstanceOf(HardwareIoException.class);
      bus.clearFault(HIGH_CHIP); // power-on reset: asleep, every output low
      bus.clearFault(LOW_CHIP);
      sign.toSafeState(); // what the command processor does on hardware loss
      canopy.toSafeState();

      assertThat(pca9685(backend, HIGH_CHIP).dutyCycle(CH)).isEqualTo(1.0);
      assertThat(pca9685(backend, LOW_CHIP).dutyCycle(CH)).isZero();
      assertThat(pca9685(backend, LOW_CHIP).dutyCycle(0)).as("undeclared: off, high").isEqualTo(1.0);
      assertThat(sign.level()).isEqualTo(1.0);
      assertThat(canopy.level()).isEqualTo(1.0);
      devices.close();
    }
  }

  @Test
  void safeOutputsPutsSafeOnOutputsOnAndSaysSo() throws Exception {
    Installation inst = installation();
    SimulatedBackend backend = SimulatedBackend.builder().seed(1).build();

    SafeOutputs.Report report = SafeOutputs.run(inst, backend, Duration.ofMillis(200));

    assertThat(report.outputs()).extracting(SafeOutputs.Output::actuator)
        .containsExactly("sign/warm", "canopy/warm", "maglock", "vent");
    assertThat(report.outputs()).allMatch(SafeOutputs.Output::safe);
    assertThat(report.outputs()).extracting(SafeOutputs.Output::outputHigh)
        .containsExactly(1.0, 0.0, 0.0, 1.0);
    assertThat(pca9685(backend, HIGH_CHIP).dutyCycle(CH)).isEqualTo(1.0);
    assertThat(pca9685(backend, LOW_CHIP).dutyCycle(CH)).isZero();
    assertThat(backend.pin(LOW_RELAY).level()).isFalse();
    assertThat(backend.pin(HIGH_RELAY).level()).isTrue();
  }
}
