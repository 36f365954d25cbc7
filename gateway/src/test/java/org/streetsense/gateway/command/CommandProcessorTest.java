package org.streetsense.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
import org.streetsense.gateway.safety.SafetyPolicy;

@Timeout(20)
class CommandProcessorTest {

  private final RecordingActuator led = new RecordingActuator("led-1", ActuatorKind.LIGHT, 0.0);
  private final RecordingActuator relay = new RecordingActuator("relay-1", ActuatorKind.SWITCH, 0.0);
  private final List<CommandResult> results = new CopyOnWriteArrayList<>();
  private final List<ActuatorState> states = new CopyOnWriteArrayList<>();
  private CommandProcessor processor;

  @BeforeEach
  void setUp() {
    SafetyPolicy policy = new SafetyPolicy(List.of(
        ActuatorLimits.builder("led-1")
            .operations(EnumSet.of(Operation.SET, Operation.FADE, Operation.PULSE, Operation.OFF))
            .build(),
        ActuatorLimits.builder("relay-1").maxOnTime(Duration.ofMillis(150)).build()),
        QuietHours.none(), System::currentTimeMillis, System::nanoTime);
    processor = new CommandProcessor(List.of(led, relay), policy, TimeSource.system(),
        CommandProcessorOptions.defaults());
    processor.onResult(results::add);
    processor.onState(states::add);
  }

  @AfterEach
  void tearDown() {
    processor.close();
  }

  private static Command command(String id, String actuator, Operation op, double value, Duration d) {
    return new Command(id, "corr-" + id, actuator, op, value, d, Long.MAX_VALUE, CommandSource.MQTT);
  }

  @Test
  void acceptsThenReportsDoneAfterApplyingTheLevel() throws Exception {
    CommandResult first = processor.submit(command("c1", "led-1", Operation.SET, 0.4, Duration.ZERO))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(first.status()).isEqualTo(CommandStatus.ACCEPTED);
    assertThat(first.correlationId()).isEqualTo("corr-c1");
    await().atMost(Duration.ofSeconds(5)).until(() -> results.stream()
        .anyMatch(r -> r.commandId().equals("c1") && r.status() == CommandStatus.DONE));
    assertThat(led.applied()).containsExactly(0.4);
    assertThat(states).anyMatch(s -> s.actuator().equals("led-1") && s.level() == 0.4);
  }

  @Test
  void answersARepeatedIdWithItsLatestAnswerAndExecutesOnce() throws Exception {
    Command c = command("same", "led-1", Operation.SET, 0.7, Duration.ZERO);
    processor.submit(c);
    CommandResult again = processor.submit(c).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    // accepted while it waits for the actuator thread, done if it already ran
    assertThat(again.status()).isIn(CommandStatus.ACCEPTED, CommandStatus.DONE);
    await().atMost(Duration.ofSeconds(5)).until(() -> !led.applied().isEmpty());
    assertThat(processor.stats().duplicateCount()).isEqualTo(1);
    assertThat(led.applied()).containsExactly(0.7);
  }

  @Test
  void aRepeatOfAFinishedCommandIsAnsweredWithItsFinalResultNotItsAcceptance() throws Exception {
    processor.submit(command("m5", "led-1", Operation.SET, 0.4, Duration.ZERO));
    await().atMost(Duration.ofSeconds(5)).until(() -> results.stream()
        .anyMatch(r -> r.commandId().equals("m5") && r.status() == CommandStatus.DONE));
    results.clear();

    // the sender missed the answers and repeats the id, even with another operation
    CommandResult again = processor.submit(command("m5", "led-1", Operation.OFF, 0, Duration.ZERO))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(again.status()).isEqualTo(CommandStatus.DONE);
    assertThat(results).extracting(CommandResult::status).containsExactly(CommandStatus.DONE);
    assertThat(led.applied()).containsExactly(0.4);

    relay.breakHardware();
    processor.submit(command("r1", "relay-1", Operation.ON, 0, Duration.ZERO));
    await().atMost(Duration.ofSeconds(5)).until(() -> results.stream()
        .anyMatch(r -> r.commandId().equals("r1") && r.status() == CommandStatus.FAILED));
    CommandResult failed = processor.submit(command("r1", "relay-1", Operation.ON, 0,
        Duration.ZERO)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(failed.status()).isEqualTo(CommandStatus.FAILED);
    assertThat(failed.reason()).isEqualTo(RejectReason.HARDWARE_ERROR);
  }

  @Test
  void refusesAnExpiredCommandWithoutTouchingTheHardware() throws Exception {
    Command stale = new Command("old", "old", "led-1", Operation.SET, 1.0, Duration.ZERO,
        System.currentTimeMillis() - 60_000, CommandSource.MQTT);
    CommandResult r = processor.submit(stale).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(r.status()).isEqualTo(CommandStatus.REJECTED);
    assertThat(r.reason()).isEqualTo(RejectReason.EXPIRED);
    assertThat(r.detail()).contains("expired");
    assertThat(led.applied()).isEmpty();
  }

  @Test
  void refusesAnUnknownActuatorNamingTheKnownOnes() throws Exception {
    CommandResult r = processor.submit(command("u", "fountain", Operation.ON, Double.NaN, Duration.ZERO))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_ACTUATOR);
    assertThat(r.detail()).contains("fountain").contains("led-1").contains("relay-1");
  }

  @Test
  void pulseReturnsToOffAfterItsDuration() {
    processor.submit(command("p", "led-1", Operation.PULSE, 1.0, Duration.ofMillis(80)));

    await().atMost(Duration.ofSeconds(5)).until(() -> results.stream()
        .anyMatch(r -> r.commandId().equals("p") && r.status() == CommandStatus.DONE));
    assertThat(led.applied()).containsExactly(1.0, 0.0);
  }

  @Test
  void aRunningFadeThatANewerCommandReplacesIsAnsweredFailedSuperseded() {
    processor.submit(command("long-fade", "led-1", Operation.FADE, 1.0, Duration.ofSeconds(30)));
    await().atMost(Duration.ofSeconds(5)).until(() -> led.applied().size() > 1);

    processor.submit(command("then-set", "led-1", Operation.SET, 0.1, Duration.ZERO));

    await().atMost(Duration.ofSeconds(5)).until(() -> results.stream()
        .anyMatch(r -> r.commandId().equals("then-set") && r.status() == CommandStatus.DONE));
    assertThat(results).filteredOn(r -> r.commandId().equals("long-fade")).extracting(CommandResult::status)
        .containsExactly(CommandStatus.ACCEPTED, CommandStatus.FAILED);
    CommandResult last = results.stream().filter(r -> r.commandId().equals("long-fade")
        && r.status() == CommandStatus.FAILED).findFirst().orElseThrow();
    assertThat(last.reason()).isEqualTo(RejectReason.SUPERSEDED);
    assertThat(last.detail()).contains("then-set");
    assertThat(led.level()).isEqualTo(0.1);
  }

  @Test
  void internalIdsAreCountedPerSpaceAndCarryTheBoot() {
    CommandProcessor booted = new CommandProcessor(List.of(led), new SafetyPolicy(List.of(),
        QuietHours.none(), System::currentTimeMillis, System::nanoTime), TimeSource.system(),
        CommandProcessorOptions.defaults().withBoot(7));
    try {
      assertThat(booted.internalId("osc")).isEqualTo("osc:7.1");
      assertThat(booted.internalId("reflex:greet")).isEqualTo("reflex:greet:7.1");
      assertThat(booted.internalId("osc")).isEqualTo("osc:7.2");
      assertThat(booted.internalId("reflex:glow")).isEqualTo("reflex:glow:7.1");
      org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
          .isThrownBy(() -> booted.internalId("mqtt"));
    } finally {
      booted.close();
    }
  }

  @Test
  void fadeReachesItsTargetThroughIntermediateLevels() {
    processor.submit(command("f", "led-1", Operation.FADE, 1.0, Duration.ofMillis(200)));

    await().atMost(Duration.ofSeconds(5)).until(() -> results.stream()
        .anyMatch(r -> r.commandId().equals("f") && r.status() == CommandStatus.DONE));
    assertThat(led.level()).isEqualTo(1.0);
    assertThat(led.applied()).hasSizeGreaterThan(2).isSorted();
  }

  @Test
  void fadePublishesItsRampWhenItStartsAFewStatesPerSecondAndTheFinalState() {
    processor.submit(command("slow", "led-1", Operation.FADE, 0.8, Duration.ofSeconds(1)));

    await().atMost(Duration.ofSeconds(5)).until(() -> results.stream()
        .anyMatch(r -> r.commandId().equals("slow") && r.status() == CommandStatus.DONE));
    List<ActuatorState> fade = states.stream().filter(s -> s.cause().equals("slow")).toList();
    // the hardware moved every 20 ms step; the state topic got the ramp, at most one state per
    // 250 ms while it ran, and the end
    assertThat(led.applied()).hasSizeGreaterThan(20);
    assertThat(fade.get(0).ramping()).isTrue();
    assertThat(fade.get(0).target()).isEqualTo(0.8);
    assertThat(fade.get(0).rampMs()).isBetween(1L, 1000L);
    assertThat(fade.get(0).level()).isLessThan(0.8);
    ActuatorState last = fade.get(fade.size() - 1);
    assertThat(last.ramping()).isFalse();
    assertThat(last.level()).isEqualTo(0.8);
    assertThat(fade).hasSizeBetween(2, 1 + 1000 / 250 + 1);
    assertThat(fade.subList(0, fade.size() - 1)).allMatch(ActuatorState::ramping);
  }

  @Test
  void returnsARelayToSafeStateAfterItsMaxOnTime() {
    processor.submit(command("on", "relay-1", Operation.ON, Double.NaN, Duration.ZERO));

    await().atMost(Duration.ofSeconds(5)).until(() -> states.stream()
        .anyMatch(s -> s.actuator().equals("relay-1") && s.cause().equals("max_on_time")));
    assertThat(relay.level()).isEqualTo(0.0);
  }

  @Test
  void reportsFailureAndFallsBackToSafeWhenTheHardwareIsLost() {
    led.breakHardware();
    processor.submit(command("x", "led-1", Operation.SET, 0.5, Duration.ZERO));

    await().atMost(Duration.ofSeconds(5)).until(() -> results.stream()
        .anyMatch(r -> r.commandId().equals("x") && r.status() == CommandStatus.FAILED));
    assertThat(states).anyMatch(s -> s.cause().equals("hardware_lost") && s.safe());
    assertThat(processor.stats().rejectedCount(RejectReason.HARDWARE_ERROR)).isEqualTo(1);
  }

  @Test
  void closingReturnsEveryActuatorToItsSafeState() {
    processor.submit(command("c", "led-1", Operation.SET, 0.9, Duration.ZERO));
    await().atMost(Duration.ofSeconds(5)).until(() -> led.level() == 0.9);

    processor.close();

    assertThat(led.level()).isEqualTo(0.0);
    assertThat(states).anyMatch(s -> s.actuator().equals("led-1") && s.cause().equals("shutdown"));
  }

  @Test
  void aPulseStillRunningWhenTheGatewayStopsIsAnsweredFailedShutdown() {
    processor.submit(command("long-pulse", "led-1", Operation.PULSE, 1.0, Duration.ofSeconds(30)));
    await().atMost(Duration.ofSeconds(5)).until(() -> led.level() == 1.0);

    processor.close();

    assertThat(led.level()).isEqualTo(0.0);
    assertThat(results).filteredOn(r -> r.commandId().equals("long-pulse"))
        .extracting(CommandResult::status, CommandResult::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(CommandStatus.ACCEPTED, null),
            org.assertj.core.groups.Tuple.tuple(CommandStatus.FAILED, RejectReason.SHUTDOWN));
  }
}
