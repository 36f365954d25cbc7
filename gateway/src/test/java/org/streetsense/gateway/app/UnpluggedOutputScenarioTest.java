package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.command.ActuatorState;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.command.CommandResult;
import org.streetsense.gateway.command.CommandStatus;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.chips.Pca9685Chip;
import org.streetsense.harness.FreePorts;

/**
 * The {@code unplugged-output} rig scenario (docs/cli.md) rehearses hardware loss of outputs on
 * an installation whose only I2C device is a PCA9685: between its unplug and plug-back steps a
 * command to a channel fails with {@code hardware_error} and the channel's state turns safe with
 * cause {@code hardware_lost}; after plug-back the next command runs on the re-initialised chip.
 * Judged at the simulated chip's output and the state listener that feeds the retained topic.
 */
@Timeout(30)
class UnpluggedOutputScenarioTest {

  private static Installation installation(String devices, String actuator) throws Exception {
    String yaml = """
        installation: canopy-only
        site: Unit test bench
        hardware: {backend: simulated, seed: 1}
        devices:
        %s
        uplink:
          mqtt: {url: "tcp://127.0.0.1:%d"}
        spool: {dir: /tmp/streetsense-unplugged-output-test}
        safety:
          actuators:
            %s: {operations: [set], ratePerMinute: 600}
        """.formatted(devices.indent(2).stripTrailing(), FreePorts.next(), actuator);
    return InstallationLoader.load("canopy.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void betweenUnplugAndPlugBackACommandFailsAndTheChannelTurnsSafe() throws Exception {
    Installation inst = installation("""
        - id: canopy
          driver: pca9685
          address: 0x41
          options: {frequency: 1000}
          channels:
            warm: {index: 3}
        """, "canopy/warm");
    List<RigStep> steps = Scenarios.steps(ScenarioName.UNPLUGGED_OUTPUT, inst);
    assertThat(steps).extracting(RigStep::description).first().asString()
        .startsWith("canopy pulled off the I2C bus");
    assertThat(steps).extracting(RigStep::at).containsExactly(Duration.ofSeconds(3),
        Duration.ofSeconds(18), Duration.ofSeconds(30));

    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      SimulatedInstallation.populate(backend, inst);
      Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
      RigControl control = new RigControl(backend, inst);
      List<ActuatorState> states = new CopyOnWriteArrayList<>();
      List<CommandResult> results = new CopyOnWriteArrayList<>();
      try (CommandProcessor processor = new CommandProcessor(devices.actuators(),
          Interaction.policy(InteractionPlan.from(inst), backend.time()), backend.time(),
          CommandProcessorOptions.defaults())) {
        processor.onState(states::add);
        processor.onResult(results::add);
        Pca9685Chip chip = (Pca9685Chip) backend.i2cBus(1).chipAt(0x41);

        steps.get(0).action().accept(control); // unplugged
        submit(processor, "while-off", 1.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> results.stream().anyMatch(r ->
            r.commandId().equals("while-off") && r.status() == CommandStatus.FAILED));
        assertThat(results).filteredOn(r -> r.commandId().equals("while-off")
            && r.status() == CommandStatus.FAILED).first()
            .extracting(CommandResult::reason).isEqualTo(RejectReason.HARDWARE_ERROR);
        await().atMost(Duration.ofSeconds(10)).until(() -> states.stream().anyMatch(s ->
            s.actuator().equals("canopy/warm") && s.cause().equals("hardware_lost") && s.safe()));

        steps.get(1).action().accept(control); // plugged back: power-on reset
        submit(processor, "after-replug", 0.5);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> Math.abs(chip.dutyCycle(3) - 0.5) < 0.001);
        assertThat(chip.sleeping()).isFalse();
        assertThat(chip.dutyCycle(0)).as("the other outputs safe after re-initialisation").isZero();
      } finally {
        devices.close();
      }
    }
  }

  @Test
  void anInstallationWithoutAPca9685IsRefusedNamingWhatTheScenarioNeeds() throws Exception {
    Installation inst = installation("""
        - id: canopy
          driver: led
          pin: 17
        """, "canopy");

    assertThatThrownBy(() -> Scenarios.steps(ScenarioName.UNPLUGGED_OUTPUT, inst))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scenario unplugged-output needs a pca9685 output device, and canopy.yaml "
            + "declares none");
  }

  private static void submit(CommandProcessor processor, String id, double level) throws Exception {
    processor.submit(new Command(id, id, "canopy/warm", Operation.SET, level, Duration.ZERO,
        Long.MAX_VALUE, CommandSource.MQTT)).toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }
}
