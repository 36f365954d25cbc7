package org.streetsense.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;

/** {@link CommandProcessor#hardwareLost}: what a board output's lost board does to commands. */
@Timeout(20)
class CommandProcessorHardwareLostTest {

  private final RecordingActuator glow = new RecordingActuator("glow", ActuatorKind.LIGHT, 0.0);
  private final List<CommandResult> results = new CopyOnWriteArrayList<>();
  private final List<ActuatorState> states = new CopyOnWriteArrayList<>();
  private final CommandProcessor processor = new CommandProcessor(List.of(glow),
      new SafetyPolicy(List.of(ActuatorLimits.builder("glow")
          .operations(EnumSet.of(Operation.SET, Operation.FADE)).build()),
          QuietHours.none(), System::currentTimeMillis, System::nanoTime),
      TimeSource.system(), CommandProcessorOptions.defaults());

  @AfterEach
  void tearDown() {
    processor.close();
  }

  @Test
  void aLostOutputEndsItsFadeReturnsToSafeAndPublishesHardwareLost() {
    processor.onResult(results::add);
    processor.onState(states::add);
    processor.submit(new Command("f", "f", "glow", Operation.FADE, 1.0, Duration.ofSeconds(30),
        Long.MAX_VALUE, CommandSource.MQTT));
    await().atMost(Duration.ofSeconds(5)).until(() -> !glow.applied().isEmpty());

    processor.hardwareLost("glow");
    processor.hardwareLost("no-such-output");

    await().atMost(Duration.ofSeconds(5)).until(() -> states.stream()
        .anyMatch(s -> s.cause().equals("hardware_lost")));
    ActuatorState lost = states.stream().filter(s -> s.cause().equals("hardware_lost"))
        .findFirst().orElseThrow();
    assertThat(lost.safe()).isTrue();
    assertThat(lost.level()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> results.stream().anyMatch(r ->
        r.commandId().equals("f") && r.status() == CommandStatus.FAILED
            && r.reason() == RejectReason.HARDWARE_ERROR));
    int applied = glow.applied().size();
    assertThat(glow.applied().get(applied - 1)).isZero();
  }
}
