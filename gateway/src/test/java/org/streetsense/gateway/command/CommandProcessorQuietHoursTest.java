package org.streetsense.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.streetsense.gateway.safety.QuietRule;
import org.streetsense.gateway.safety.QuietWindow;
import org.streetsense.gateway.safety.SafetyPolicy;

/**
 * Quiet hours at the output, with an injected wall clock: capped commands run at the cap and
 * say so; blocked actuators stay safe; outputs above the rules when quiet hours begin are brought
 * down.
 */
@Timeout(30)
class CommandProcessorQuietHoursTest {

  private static final ZoneId KOSICE = ZoneId.of("Europe/Bratislava");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final AtomicLong wall = new AtomicLong(at(23, 0));
  private final RecordingActuator lamp = new RecordingActuator("lamp", ActuatorKind.LIGHT, 0.0);
  private final RecordingActuator fog = new RecordingActuator("fog", ActuatorKind.SWITCH, 0.0);
  /** An on/off lamp whose quiet-hours cap (0.6) still means "on". */
  private final RecordingActuator bulb = RecordingActuator.onOff("bulb", ActuatorKind.LIGHT, 0.0);
  private final List<CommandResult> results = new CopyOnWriteArrayList<>();
  private final List<ActuatorState> states = new CopyOnWriteArrayList<>();
  private CommandProcessor processor;

  private static long at(int hour, int minute) {
    return ZonedDateTime.of(2026, 7, 14, hour, minute, 0, 0, KOSICE).toInstant().toEpochMilli();
  }

  @BeforeEach
  void start() {
    QuietHours quiet = new QuietHours(List.of(QuietWindow.everyDay(LocalTime.of(22, 0), LocalTime.of(7, 0))),
        KOSICE, 0.2, 0.0);
    SafetyPolicy policy = new SafetyPolicy(List.of(
        ActuatorLimits.builder("lamp").operations(EnumSet.of(Operation.ON, Operation.OFF, Operation.SET,
            Operation.FADE, Operation.PULSE)).commandsPerMinute(6000).build(),
        ActuatorLimits.builder("fog").quiet(QuietRule.block()).commandsPerMinute(6000).build(),
        ActuatorLimits.builder("bulb").operations(EnumSet.of(Operation.ON, Operation.OFF))
            .quiet(QuietRule.cap(0.6)).commandsPerMinute(6000).build()),
        quiet, wall::get, System::nanoTime);
    TimeSource time = new TimeSource() {
      @Override
      public long wallMillis() {
        return wall.get();
      }

      @Override
      public long monotonicNanos() {
        return System.nanoTime();
      }
    };
    processor = new CommandProcessor(List.of(lamp, fog, bulb), policy, time,
        new CommandProcessorOptions(4096, 256, Duration.ofMillis(10), Duration.ofMillis(250)));
    processor.onResult(results::add);
    processor.onState(states::add);
  }

  @AfterEach
  void tearDown() {
    processor.close();
  }

  private CommandResult submit(String id, String actuator, Operation op, double value, Duration d) throws Exception {
    return processor.submit(new Command(id, id, actuator, op, value, d, Long.MAX_VALUE, CommandSource.REFLEX))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private CommandResult doneOf(String id) {
    await().atMost(WAIT).until(() -> results.stream()
        .anyMatch(r -> r.commandId().equals(id) && r.status() == CommandStatus.DONE));
    return results.stream().filter(r -> r.commandId().equals(id) && r.status() == CommandStatus.DONE)
        .findFirst().orElseThrow();
  }

  @Test
  void aLightAskedForFullRunsAtTheCapAndItsAnswersSaySo() throws Exception {
    CommandResult accepted = submit("on", "lamp", Operation.ON, Double.NaN, Duration.ZERO);

    assertThat(accepted.status()).isEqualTo(CommandStatus.ACCEPTED);
    assertThat(accepted.capped()).isTrue();
    assertThat(accepted.cappedTo()).isEqualTo(0.2);
    assertThat(accepted.detail()).contains("capped at 0.2, asked 1");
    CommandResult done = doneOf("on");
    assertThat(done.cappedTo()).isEqualTo(0.2);
    assertThat(lamp.level()).isEqualTo(0.2);
    assertThat(lamp.applied()).containsExactly(0.2);
  }

  @Test
  void pulsesAndFadesAreCappedToo() throws Exception {
    submit("f", "lamp", Operation.FADE, 1.0, Duration.ofMillis(100));
    doneOf("f");
    assertThat(lamp.applied()).allMatch(l -> l <= 0.2);
    assertThat(lamp.level()).isEqualTo(0.2);

    submit("p", "lamp", Operation.PULSE, 1.0, Duration.ofMillis(50));
    assertThat(doneOf("p").cappedTo()).isEqualTo(0.2);
    assertThat(lamp.applied()).allMatch(l -> l <= 0.2);
  }

  @Test
  void aBlockedSwitchIsRefusedAndStaysSafe() throws Exception {
    CommandResult r = submit("fog-on", "fog", Operation.ON, Double.NaN, Duration.ZERO);

    assertThat(r.status()).isEqualTo(CommandStatus.REJECTED);
    assertThat(r.reason()).isEqualTo(RejectReason.QUIET_HOURS);
    assertThat(fog.applied()).isEmpty();
  }

  @Test
  void outputsAboveTheRulesWhenQuietHoursBeginAreBroughtDown() throws Exception {
    wall.set(at(21, 59));
    submit("bright", "lamp", Operation.SET, 0.9, Duration.ZERO);
    submit("fog-on", "fog", Operation.ON, Double.NaN, Duration.ZERO);
    doneOf("bright");
    doneOf("fog-on");
    assertThat(lamp.level()).isEqualTo(0.9);
    assertThat(fog.level()).isEqualTo(1.0);

    wall.set(at(22, 0));

    await().atMost(WAIT).until(() -> lamp.level() == 0.2 && fog.level() == 0.0);
    assertThat(states).anyMatch(s -> s.actuator().equals("lamp") && s.cause().equals("quiet_hours")
        && s.level() == 0.2);
    assertThat(states).anyMatch(s -> s.actuator().equals("fog") && s.cause().equals("quiet_hours")
        && s.safe());
  }

  @Test
  void aFadeDownToBelowTheCapRunningWhenQuietHoursBeginIsLeftToFinish() throws Exception {
    wall.set(at(21, 59));
    submit("bright", "lamp", Operation.SET, 0.9, Duration.ZERO);
    doneOf("bright");
    submit("dim", "lamp", Operation.FADE, 0.1, Duration.ofSeconds(3));

    wall.set(at(22, 0));

    assertThat(doneOf("dim").capped()).isFalse();
    assertThat(lamp.level()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(results).noneMatch(r -> r.commandId().equals("dim") && r.status() == CommandStatus.FAILED);
    assertThat(states).noneMatch(s -> s.cause().equals("quiet_hours"));
  }

  @Test
  void aFadeUpRunningWhenQuietHoursBeginIsStoppedAtTheCap() throws Exception {
    wall.set(at(21, 59));
    submit("up", "lamp", Operation.FADE, 1.0, Duration.ofSeconds(20));
    await().atMost(WAIT).until(() -> lamp.level() > 0.2);

    wall.set(at(22, 0));

    await().atMost(WAIT).until(() -> results.stream().anyMatch(r -> r.commandId().equals("up")
        && r.status() == CommandStatus.FAILED && r.reason() == RejectReason.QUIET_HOURS));
    assertThat(lamp.level()).isEqualTo(0.2);
  }

  @Test
  void aPulseRunningWhenQuietHoursBeginEndsAtTheSafeLevelNotHeldAtTheCap() throws Exception {
    wall.set(at(21, 59));
    submit("long-pulse", "lamp", Operation.PULSE, 1.0, Duration.ofSeconds(60));
    await().atMost(WAIT).until(() -> lamp.level() == 1.0);

    wall.set(at(22, 0));

    await().atMost(WAIT).until(() -> results.stream().anyMatch(r -> r.commandId().equals("long-pulse")
        && r.status() == CommandStatus.FAILED && r.reason() == RejectReason.QUIET_HOURS));
    assertThat(lamp.level()).as("the pulse would have ended safe; nothing else would end it").isZero();
    assertThat(states).anyMatch(s -> s.actuator().equals("lamp") && s.cause().equals("quiet_hours") && s.safe());
  }

  @Test
  void anOnOffOutputWhoseCapStillMeansOnIsNotAnnouncedAgainEverySecond() throws Exception {
    wall.set(at(21, 59));
    submit("bulb-on", "bulb", Operation.ON, Double.NaN, Duration.ZERO);
    doneOf("bulb-on");

    int writes = bulb.applied().size();
    wall.set(at(22, 0));
    // the rules are held every second, each round writing the cap: wait for three rounds
    await().atMost(WAIT).until(() -> bulb.applied().size() >= writes + 3);

    assertThat(bulb.level()).isEqualTo(1.0);
    assertThat(states).filteredOn(s -> s.actuator().equals("bulb") && s.cause().equals("quiet_hours"))
        .isEmpty();
  }
}
