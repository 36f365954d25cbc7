package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.pwm.MockPwm;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.command.ActuatorState;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.command.CommandResult;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.command.CommandStatus;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.hardware.pi4j.Pi4jBackend;
import org.streetsense.gateway.hardware.pi4j.Pi4jMockContexts;
import org.streetsense.gateway.hardware.simulated.PwmSetting;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedPwmChannel;
import org.streetsense.harness.FreePorts;

/**
 * Issue 14, item 3: a {@code led} declared {@code dimmable} on a hardware-PWM pin dims through
 * the backend's PWM. Judged at the simulated PWM channel's duty cycle (and the Pi4J mock PWM):
 * safe at open, the level (or {@code 1 - level} when active-low) on commands, a fade rendered in
 * steps, safe at close and when the backend goes away, and in {@code safe-outputs}.
 */
@Timeout(30)
class DimmableLedTest {

  /** The documented example (docs/drivers.md, "led"). */
  static final String DIMMABLE_LED = DriversDocExamples.yaml("driver: led", "dimmable: true");

  private static Installation installation(String devices) throws Exception {
    String yaml = """
        installation: dimmable
        site: Unit test bench
        hardware: {backend: simulated, seed: 1}
        devices:
        %s
        uplink:
          mqtt: {url: "tcp://127.0.0.1:%d"}
        spool: {dir: /tmp/streetsense-dimmable-test}
        safety:
          actuators:
            window-glow: {kind: light, operations: [set, on, off, fade], range: {min: 0, max: 0.8}}
        """.formatted(devices.indent(2).stripTrailing(), FreePorts.next());
    return InstallationLoader.load("dimmable.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static SimulatedPwmChannel channel(SimulatedBackend backend, int channel) {
    return backend.pwmChannel(0, channel).orElseThrow();
  }

  @Test
  void theDocumentedDimmableLedFollowsSetsAndRendersAFadeAtThePwmDuty() throws Exception {
    Installation inst = installation(DIMMABLE_LED);
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
      List<ActuatorState> states = new CopyOnWriteArrayList<>();
      try (CommandProcessor processor = new CommandProcessor(devices.actuators(),
          Interaction.policy(InteractionPlan.from(inst), backend.time()), backend.time(),
          new CommandProcessorOptions(64, 64, Duration.ofMillis(20), Duration.ofMillis(100)))) {
        processor.onState(states::add);
        SimulatedPwmChannel pwm = channel(backend, 0); // BCM 18 is channel 0 of pwmchip0
        assertThat(pwm.dutyCycle()).as("safe (off) at open").isZero();
        assertThat(pwm.frequencyHz()).isEqualTo(2000);
        assertThat(devices.actuators().get(0).onOff()).isFalse();

        assertThat(submit(processor, set(0.35)).status()).isEqualTo(CommandStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> pwm.dutyCycle() == 0.35);
        await().atMost(Duration.ofSeconds(5)).until(() -> states.stream()
            .anyMatch(s -> s.level() == 0.35));

        CommandResult tooBright = submit(processor, set(0.9));
        assertThat(tooBright.status()).isEqualTo(CommandStatus.REJECTED);
        assertThat(pwm.dutyCycle()).isEqualTo(0.35);

        int before = pwm.history().size();
        submit(processor, new Command("fade", "fade", "window-glow", Operation.FADE, 0.8,
            Duration.ofMillis(600), Long.MAX_VALUE, CommandSource.MQTT));
        await().atMost(Duration.ofSeconds(5)).until(() -> pwm.dutyCycle() == 0.8);
        List<Double> steps = pwm.history().subList(before, pwm.history().size()).stream()
            .map(PwmSetting::dutyCycle).toList();
        assertThat(steps).as("the fade is rendered in steps between 0.35 and 0.8")
            .filteredOn(d -> d > 0.36 && d < 0.79).hasSizeGreaterThan(3);
        assertThat(steps).isSorted();
      }
      // the processor's close drove the safe level; closing the devices releases the channel
      devices.close();
      assertThat(channel(backend, 0).dutyCycle()).as("off after close").isZero();
      assertThat(channel(backend, 0).closed()).isTrue();
    }
  }

  @Test
  void anActiveLowDimmableLedDrivesTheInvertedDutyAtOpenOnCommandsAtCloseAndOnLoss()
      throws Exception {
    Installation inst = installation("""
        - id: window-glow
          driver: led
          pin: 13
          options: {dimmable: true, activeLow: true}
        """);
    SimulatedBackend backend = SimulatedBackend.builder().seed(1).build();
    Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
    Actuator glow = devices.actuators().get(0);
    SimulatedPwmChannel pwm = channel(backend, 1); // BCM 13 is channel 1
    assertThat(pwm.frequencyHz()).isEqualTo(Devices.DIMMABLE_FREQUENCY_HZ);
    assertThat(pwm.dutyCycle()).as("off = pin high all the time").isEqualTo(1.0);
    assertThat(glow.level()).isZero();

    glow.apply(0.25);
    assertThat(pwm.dutyCycle()).isEqualTo(0.75);
    assertThat(glow.level()).isEqualTo(0.25);
    glow.apply(1.0);
    assertThat(pwm.dutyCycle()).isZero();

    backend.close(); // the hardware goes away under the actuator
    assertThat(pwm.dutyCycle()).as("the declared shutdown duty on loss").isEqualTo(1.0);
    assertThat(glow.level()).as("the level follows the channel").isZero();
    devices.close();
    assertThat(pwm.dutyCycle()).isEqualTo(1.0);
  }

  @Test
  void safeOutputsDrivesADimmableLedToItsSafeDutyForBothPolarities() throws Exception {
    Installation inst = installation("""
        - {id: window-glow, driver: led, pin: 18, options: {dimmable: true}}
        - {id: porch, driver: led, pin: 19, safeState: off, options: {dimmable: true, activeLow: true}}
        """);
    SafeOutputs.Report report = SafeOutputs.run(inst,
        SimulatedBackend.builder().seed(1).build(), Duration.ofMillis(200));

    assertThat(report.outputs()).extracting(SafeOutputs.Output::actuator)
        .containsExactly("window-glow", "porch");
    assertThat(report.outputs()).allMatch(SafeOutputs.Output::safe);
    assertThat(report.outputs()).extracting(SafeOutputs.Output::outputHigh)
        .as("duty read back: 0 for the active-high led, 1 for the active-low one")
        .containsExactly(0.0, 1.0);
  }

  @Test
  void onAPiTheDimmableLedDrivesPi4jsHardwarePwm() throws Exception {
    Installation inst = installation(DIMMABLE_LED);
    Context context = Pi4jMockContexts.mockContext();
    try (Pi4jBackend backend = Pi4jBackend.builder().context(context, false).build()) {
      Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
      MockPwm pwm = Pi4jMockContexts.only(context, MockPwm.class);
      assertThat(pwm.address()).isEqualTo(0);
      devices.actuators().get(0).apply(0.5);
      assertThat(pwm.isOn()).isTrue();
      assertThat(pwm.dutyCycle()).isEqualTo(50.0f);
      assertThat(pwm.frequency()).isEqualTo(2000);
      devices.close();
      assertThat(pwm.isOn()).isFalse();
    } finally {
      context.shutdown();
    }
  }

  @Test
  void onAPiAnActiveLowDimmableLedStartsAndEndsAtFullDuty() throws Exception {
    Installation inst = installation("""
        - {id: window-glow, driver: led, pin: 19, options: {dimmable: true, activeLow: true}}
        """);
    Context context = Pi4jMockContexts.mockContext();
    try (Pi4jBackend backend = Pi4jBackend.builder().context(context, false).build()) {
      Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
      MockPwm pwm = Pi4jMockContexts.only(context, MockPwm.class);
      assertThat(pwm.address()).isEqualTo(1);
      assertThat(pwm.config().initialValue()).as("off = high all the time").isEqualTo(100.0f);
      assertThat(pwm.config().shutdownValue()).isEqualTo(100.0f);
      devices.actuators().get(0).apply(0.25);
      assertThat(pwm.dutyCycle()).isEqualTo(75.0f);
      devices.close();
      assertThat(pwm.isOn()).as("released at its shutdown duty, not switched off").isTrue();
      assertThat(pwm.dutyCycle()).isEqualTo(100.0f);
    } finally {
      context.shutdown();
    }
  }

  private static Command set(double v) {
    return new Command("set-" + v, "s", "window-glow", Operation.SET, v, Duration.ZERO,
        Long.MAX_VALUE, CommandSource.HTTP);
  }

  private static CommandResult submit(CommandProcessor p, Command c) throws Exception {
    return p.submit(c).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
