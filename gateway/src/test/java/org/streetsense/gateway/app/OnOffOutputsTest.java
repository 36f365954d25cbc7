package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streetsense.gateway.command.ActuatorState;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.command.CommandResult;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.command.CommandStatus;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.harness.FreePorts;

/**
 * Issue 14, item 3: an on/off output (a GPIO led or relay) refuses a level between 0 and 1 with
 * {@code out_of_range} and a detail naming it an on/off output, from every command source; the
 * pin and the state stay where they were. Judged at the simulated pin and the state listener
 * (which feeds the retained state topic), through the assembled devices and the file's policy.
 */
@Timeout(30)
class OnOffOutputsTest {

  private static final int LED = 18;
  private static final int RELAY = 23;

  private static Installation installation() throws Exception {
    String yaml = """
        installation: on-off
        site: Unit test bench
        hardware: {backend: simulated, seed: 1}
        devices:
          - {id: lamp, driver: led, pin: %d, safeState: off}
          - {id: pump, driver: relay, pin: %d, safeState: off}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:%d"}
        spool: {dir: /tmp/streetsense-on-off-test}
        safety:
          actuators:
            lamp: {kind: light, operations: [set, on, off, pulse, fade]}
            pump: {kind: switch, operations: [set, on, off]}
        """.formatted(LED, RELAY, FreePorts.next());
    return InstallationLoader.load("on-off.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @EnumSource(CommandSource.class)
  void aFractionalSetIsRefusedAsOutOfRangeAndNeitherPinNorStateMoves(CommandSource source)
      throws Exception {
    Installation inst = installation();
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
      List<ActuatorState> states = new CopyOnWriteArrayList<>();
      try (CommandProcessor processor = new CommandProcessor(devices.actuators(),
          Interaction.policy(InteractionPlan.from(inst), backend.time()), backend.time(),
          CommandProcessorOptions.defaults())) {
        processor.onState(states::add);
        String prefix = source == CommandSource.OSC ? "osc:" : source == CommandSource.REFLEX
            ? "reflex:" : "";

        assertThat(submit(processor, new Command(prefix + "on", "on", "lamp", Operation.ON,
            Double.NaN, Duration.ZERO, Long.MAX_VALUE, source)).status())
            .isEqualTo(CommandStatus.ACCEPTED);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> backend.pin(LED).level());
        int statesBefore = states.size();

        for (String actuator : List.of("lamp", "pump")) {
          for (double v : new double[] {0.5, 0.3, 0.999, 1e-9}) {
            CommandResult r = submit(processor, new Command(prefix + actuator + v, "c", actuator,
                Operation.SET, v, Duration.ZERO, Long.MAX_VALUE, source));
            assertThat(r.status()).as("%s set %s from %s", actuator, v, source)
                .isEqualTo(CommandStatus.REJECTED);
            assertThat(r.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
            assertThat(r.detail()).contains("'" + actuator + "'", "on/off output");
          }
        }
        CommandResult pulse = submit(processor, new Command(prefix + "pulse", "p", "lamp",
            Operation.PULSE, 0.5, Duration.ofSeconds(1), Long.MAX_VALUE, source));
        assertThat(pulse.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
        CommandResult fade = submit(processor, new Command(prefix + "fade", "f", "lamp",
            Operation.FADE, 0.0, Duration.ofSeconds(1), Long.MAX_VALUE, source));
        assertThat(fade.status()).isEqualTo(CommandStatus.REJECTED);
        assertThat(fade.reason()).as("a fade on an on/off output").isEqualTo(RejectReason.NOT_ALLOWED);
        assertThat(fade.detail()).contains("'lamp'", "on/off output cannot fade");

        assertThat(backend.pin(LED).level()).as("the led stays on").isTrue();
        assertThat(backend.pin(RELAY).level()).as("the active-low relay stays off (high)").isTrue();
        assertThat(states.subList(statesBefore, states.size())).as("no state changed").isEmpty();

        // whole levels still work: set 1 and set 0
        submit(processor, new Command(prefix + "one", "o", "pump", Operation.SET, 1.0,
            Duration.ZERO, Long.MAX_VALUE, source));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> !backend.pin(RELAY).level());
        submit(processor, new Command(prefix + "zero", "z", "pump", Operation.SET, 0.0,
            Duration.ZERO, Long.MAX_VALUE, source));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> backend.pin(RELAY).level());
      } finally {
        devices.close();
      }
    }
  }

  private static CommandResult submit(CommandProcessor p, Command c) throws Exception {
    return p.submit(c).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void anOnOffOutputSaysSoAndReadsItsPinBack() throws Exception {
    Installation inst = installation();
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
      try {
        assertThat(devices.actuators()).allMatch(a -> a.onOff());
        assertThat(devices.actuators()).extracting(a -> a.outputHigh())
            .containsExactly(0.0, 1.0); // led low, active-low relay high: both off
      } finally {
        devices.close();
      }
    }
  }
}
