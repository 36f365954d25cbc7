package org.streetsense.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * An apply of a new installation file hands the outputs whose declaration did not change from
 * one command processor to the next (decision 0364): they keep their levels, a pulse or fade on
 * them is cut with a final answer, the others go safe, and the next processor's on-time watchdog
 * counts from the ledger the previous policy kept. The policies' monotonic clock is a counter the
 * test moves, so "the on-time is used up" does not depend on how fast the machine is.
 */
@Timeout(30)
class CommandProcessorHandOverTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration MAX_ON = Duration.ofSeconds(5);
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final RecordingActuator lamp = new RecordingActuator("lamp", ActuatorKind.LIGHT, 0.0);
  private final RecordingActuator fog = new RecordingActuator("fog", ActuatorKind.SWITCH, 0.0);
  private final RecordingActuator sign = new RecordingActuator("sign", ActuatorKind.LIGHT, 0.0);
  private final List<CommandResult> results = new CopyOnWriteArrayList<>();
  private final List<ActuatorState> states = new CopyOnWriteArrayList<>();
  private CommandProcessor next;

  private SafetyPolicy policy(SafetyPolicy previous) {
    EnumSet<Operation> ops = EnumSet.of(Operation.ON, Operation.OFF, Operation.PULSE, Operation.FADE,
        Operation.SET);
    return new SafetyPolicy(List.of(
        ActuatorLimits.builder("lamp").operations(ops).commandsPerMinute(6000).build(),
        ActuatorLimits.builder("fog").operations(ops).commandsPerMinute(6000).maxOnTime(MAX_ON).build(),
        ActuatorLimits.builder("sign").operations(ops).commandsPerMinute(6000).build()),
        QuietHours.none(), Duration.ofHours(1), System::currentTimeMillis, nanos::get, previous);
  }

  private CommandProcessor processor(SafetyPolicy policy) {
    CommandProcessor p = new CommandProcessor(List.of(lamp, fog, sign), policy, TimeSource.system(),
        CommandProcessorOptions.defaults());
    p.onResult(results::add);
    p.onState(states::add);
    return p;
  }

  @AfterEach
  void tearDown() {
    if (next != null) {
      next.close();
    }
  }

  private static void submit(CommandProcessor p, String id, String actuator, Operation op, double value,
      Duration d) throws Exception {
    CommandResult r = p.submit(new Command(id, id, actuator, op, value, d, Long.MAX_VALUE, CommandSource.MQTT))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(r.status()).as("%s", r).isEqualTo(CommandStatus.ACCEPTED);
  }

  private boolean done(String id) {
    return results.stream().anyMatch(r -> r.commandId().equals(id) && r.status() == CommandStatus.DONE);
  }

  @Test
  void keptOutputsKeepTheirLevelsAndTheOthersGoSafe() throws Exception {
    CommandProcessor before = processor(policy(null));
    submit(before, "lamp-on", "lamp", Operation.ON, Double.NaN, Duration.ZERO);
    submit(before, "sign-on", "sign", Operation.ON, Double.NaN, Duration.ZERO);
    await().atMost(WAIT).until(() -> done("lamp-on") && done("sign-on"));
    int lampWrites = lamp.applied().size();

    before.closeKeeping(Set.of("lamp"), "reload", Duration.ofSeconds(5));

    assertThat(lamp.level()).isEqualTo(1.0);
    assertThat(lamp.applied()).as("the kept lamp was not written").hasSize(lampWrites);
    assertThat(sign.level()).isZero();
    assertThat(states).filteredOn(s -> s.actuator().equals("sign")).last()
        .satisfies(s -> assertThat(s.cause()).isEqualTo("reload"));
    assertThat(states).filteredOn(s -> s.actuator().equals("lamp")).noneMatch(ActuatorState::safe);
  }

  @Test
  void aPulseOnAKeptOutputEndsAtItsSafeLevelAndAFadeStopsWhereItIsBothAnswered() throws Exception {
    CommandProcessor before = processor(policy(null));
    submit(before, "flash", "lamp", Operation.PULSE, 1.0, Duration.ofMinutes(10));
    submit(before, "dawn", "sign", Operation.FADE, 1.0, Duration.ofMinutes(10));
    await().atMost(WAIT).until(() -> lamp.level() == 1.0 && sign.level() > 0);
    int statesBefore = states.size();

    before.closeKeeping(Set.of("lamp", "sign"), "reload", Duration.ofSeconds(5));

    assertThat(lamp.level()).as("a pulse ends at its safe level, as it would have").isZero();
    assertThat(states.subList(statesBefore, states.size()))
        .as("a kept output's one state of the apply comes from the next processor")
        .noneMatch(s -> s.actuator().equals("lamp") || s.actuator().equals("sign"));
    double held = sign.level();
    assertThat(held).as("a fade stops where it is").isGreaterThan(0).isLessThan(1);
    assertThat(results).filteredOn(r -> r.status() == CommandStatus.FAILED)
        .extracting(CommandResult::commandId, CommandResult::reason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("flash", RejectReason.RECONFIGURED),
            org.assertj.core.groups.Tuple.tuple("dawn", RejectReason.RECONFIGURED));
    assertThat(sign.level()).as("no fade step after the hand-over").isEqualTo(held);
    assertThat(results).filteredOn(r -> r.commandId().equals("flash") && r.status() == CommandStatus.FAILED)
        .singleElement().satisfies(r -> assertThat(r.detail()).contains("ended its pulse at its safe level"));
    assertThat(results).filteredOn(r -> r.commandId().equals("dawn") && r.status() == CommandStatus.FAILED)
        .singleElement().satisfies(r -> assertThat(r.detail()).contains("kept its level"));
  }

  @Test
  void theNextProcessorCutsAKeptOutputWhenTheOnTimeCountedBeforeTheApplyIsUsedUp() throws Exception {
    SafetyPolicy first = policy(null);
    CommandProcessor before = processor(first);
    submit(before, "fog-on", "fog", Operation.ON, Double.NaN, Duration.ZERO);
    await().atMost(WAIT).until(() -> done("fog-on"));
    nanos.addAndGet(Duration.ofSeconds(3).toNanos());
    before.closeKeeping(Set.of("fog"), "reload", Duration.ofSeconds(5));

    SafetyPolicy second = policy(first);
    assertThat(second.onTimeLeft("fog")).as("counted from before the apply").contains(Duration.ofSeconds(2));
    nanos.addAndGet(Duration.ofSeconds(2).toNanos()); // the max on-time is used up now
    next = processor(second);

    // a watchdog armed afresh would wait for 5 s more of this clock, which stands still
    await().atMost(WAIT).until(() -> states.stream()
        .anyMatch(s -> s.actuator().equals("fog") && s.cause().equals("max_on_time")));
    assertThat(fog.level()).isZero();
    assertThat(second.coolingDown("fog")).isPositive();
  }

  @Test
  void anOutputThatWentSafeAtTheApplyKeepsItsOnTimeAccount() throws Exception {
    SafetyPolicy first = policy(null);
    CommandProcessor before = processor(first);
    submit(before, "fog-on", "fog", Operation.ON, Double.NaN, Duration.ZERO);
    await().atMost(WAIT).until(() -> done("fog-on"));
    nanos.addAndGet(Duration.ofSeconds(3).toNanos());
    before.closeKeeping(Set.of(), "reload", Duration.ofSeconds(5));

    assertThat(fog.level()).isZero();
    assertThat(policy(first).onTimeLeft("fog")).as("no fresh allowance from a new file")
        .contains(MAX_ON.minusSeconds(3));
  }

  @Test
  void acceptedCommandsTheClosingProcessorNeverRanGetAFinalAnswer() throws Exception {
    CommandProcessor first = processor(policy(null));
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    lamp.holdWrites(gate);
    submit(first, "q1", "lamp", Operation.ON, 1, Duration.ZERO);
    assertThat(lamp.awaitWrite(WAIT)).as("the lamp's write is stuck").isTrue();
    submit(first, "q2", "lamp", Operation.OFF, 0, Duration.ZERO);
    submit(first, "q3", "sign", Operation.ON, 1, Duration.ZERO);

    // the apply cannot wait for the stuck write: q2 and q3 were accepted and never run
    first.closeKeeping(Set.of(), "reload", Duration.ofMillis(50));
    gate.countDown();
    CommandResult late = first.submit(new Command("q4", "q4", "sign", Operation.ON, 1, Duration.ZERO,
        Long.MAX_VALUE, CommandSource.MQTT)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    for (String id : List.of("q2", "q3")) {
      await(id + " answered").atMost(WAIT).until(() -> results.stream().anyMatch(r -> r.commandId().equals(id)
          && r.status() == CommandStatus.FAILED && r.reason() == RejectReason.RECONFIGURED));
    }
    // submitted after the close began: refused, never accepted (decision 0365)
    assertThat(late.status()).isEqualTo(CommandStatus.REJECTED);
    assertThat(late.reason()).isEqualTo(RejectReason.RECONFIGURED);
    assertThat(results).contains(late);
    assertThat(sign.applied()).as("the sign never went on").doesNotContain(1.0);
  }

  @Test
  void aCommandIdRepeatedAfterAnApplyIsAnsweredAgainNotRunTwice() throws Exception {
    CommandProcessor first = processor(policy(null));
    submit(first, "once", "sign", Operation.PULSE, 1, Duration.ofMillis(20));
    await().atMost(WAIT).until(() -> done("once"));
    first.closeKeeping(Set.of("lamp", "fog", "sign"), "reload", Duration.ofSeconds(5));
    int writes = sign.applied().size();

    next = processor(policy(null));
    next.remember(first.rememberedAnswers());
    CommandResult again = next.submit(new Command("once", "once", "sign", Operation.PULSE, 1,
        Duration.ofMillis(20), Long.MAX_VALUE, CommandSource.MQTT))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(again.status()).as("the final answer of the first run").isEqualTo(CommandStatus.DONE);
    assertThat(next.stats().duplicateCount()).isEqualTo(1);
    assertThat(sign.applied()).hasSize(writes);
  }
}
