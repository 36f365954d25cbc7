package org.streetsense.gateway.dmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.command.CommandResult;
import org.streetsense.gateway.command.CommandStatus;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;

/**
 * A fixture's colour and level are separate lanes of the command processor: a reflex that fades
 * both (the demo's touch-stage) gets both fades to the end, observed in the universe's channels;
 * the safe state ends both.
 */
@Timeout(20)
class ColourAndLevelFadesTest {

  private final DmxFixtureTest.Frame frame = new DmxFixtureTest.Frame();
  private final List<CommandResult> results = new CopyOnWriteArrayList<>();
  private DmxFixture par;
  private CommandProcessor processor;

  @BeforeEach
  void setUp() {
    par = new DmxFixture(new FixtureOptions("par", "street", 1, FixtureProfiles.DIMMER_RGB,
        new int[] {255, 140, 40}, 0, new int[] {255, 140, 40}, 3), frame);
    SafetyPolicy policy = new SafetyPolicy(List.of(ActuatorLimits.builder("par")
        .operations(EnumSet.of(Operation.SET, Operation.FADE, Operation.COLOR, Operation.SAFE))
        .build()), QuietHours.none(), System::currentTimeMillis, System::nanoTime);
    processor = new CommandProcessor(List.of(par), policy, TimeSource.system(),
        CommandProcessorOptions.defaults());
    processor.onResult(results::add);
  }

  @AfterEach
  void tearDown() {
    processor.close();
  }

  private void submit(String id, Operation op, double value, Duration d, List<Integer> colour) {
    processor.submit(new Command(id, id, "par", op, value, d, Long.MAX_VALUE,
        CommandSource.REFLEX, colour));
  }

  private boolean answered(String id, CommandStatus status) {
    return results.stream().anyMatch(r -> r.commandId().equals(id) && r.status() == status);
  }

  @Test
  void aColourFadeRunsBesideALevelFadeAndBothArrive() {
    submit("up", Operation.FADE, 1.0, Duration.ofMillis(600), List.of());
    submit("blue", Operation.COLOR, Double.NaN, Duration.ofMillis(600), List.of(40, 80, 255));

    await().atMost(Duration.ofSeconds(10)).until(() -> answered("up", CommandStatus.DONE)
        && answered("blue", CommandStatus.DONE));
    assertThat(List.of(frame.value(1), frame.value(2), frame.value(3), frame.value(4)))
        .containsExactly(255, 40, 80, 255);
    assertThat(results).noneMatch(r -> r.reason() == RejectReason.SUPERSEDED);
  }

  @Test
  void aSecondColourSupersedesTheFirstButNotTheLevelFade() {
    submit("up", Operation.FADE, 1.0, Duration.ofMillis(800), List.of());
    submit("blue", Operation.COLOR, Double.NaN, Duration.ofSeconds(5), List.of(40, 80, 255));
    submit("red", Operation.COLOR, Double.NaN, Duration.ZERO, List.of(255, 0, 0));

    await().atMost(Duration.ofSeconds(10)).until(() -> answered("up", CommandStatus.DONE)
        && answered("red", CommandStatus.DONE) && answered("blue", CommandStatus.FAILED));
    assertThat(List.of(frame.value(1), frame.value(2), frame.value(3), frame.value(4)))
        .containsExactly(255, 255, 0, 0);
  }

  @Test
  void opSafeEndsARunningColourFadeWhereItIs() {
    submit("on", Operation.SET, 1.0, Duration.ZERO, List.of());
    submit("blue", Operation.COLOR, Double.NaN, Duration.ofSeconds(5), List.of(40, 80, 255));
    await().atMost(Duration.ofSeconds(5)).until(() -> frame.value(4) > 40);
    submit("safe", Operation.SAFE, Double.NaN, Duration.ZERO, List.of());

    await().atMost(Duration.ofSeconds(5)).until(() -> answered("blue", CommandStatus.FAILED));
    assertThat(results).anyMatch(r -> r.commandId().equals("blue")
        && r.reason() == RejectReason.SUPERSEDED);
    assertThat(frame.value(1)).as("blackout at the safe level 0").isZero();
    double[] cut = par.colour();
    submit("on-again", Operation.SET, 1.0, Duration.ZERO, List.of());
    await().atMost(Duration.ofSeconds(5)).until(() -> answered("on-again", CommandStatus.DONE));
    assertThat(par.colour()).as("the colour fade no longer moves").containsExactly(cut);
    assertThat(frame.value(4)).isLessThan(255);
  }

  @Test
  void theSafeStateAtShutdownEndsARunningColourFadeAndBringsBackTheFileColour() {
    submit("on", Operation.SET, 1.0, Duration.ZERO, List.of());
    submit("blue", Operation.COLOR, Double.NaN, Duration.ofSeconds(5), List.of(40, 80, 255));
    await().atMost(Duration.ofSeconds(5)).until(() -> frame.value(4) > 40);

    processor.allToSafeState("shutdown", Duration.ofSeconds(5));

    await().atMost(Duration.ofSeconds(5)).until(() -> results.stream().anyMatch(r ->
        r.commandId().equals("blue") && r.reason() == RejectReason.SHUTDOWN));
    assertThat(par.colour()).containsExactly(255, 140, 40);
    assertThat(List.of(frame.value(1), frame.value(2), frame.value(3), frame.value(4)))
        .as("blackout").containsExactly(0, 0, 0, 0);
  }
}
