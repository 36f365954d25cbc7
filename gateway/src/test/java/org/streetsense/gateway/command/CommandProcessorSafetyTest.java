package org.streetsense.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The processor's part of the safety limits, on real time: on-time that no command re-arms, the
 * cool-down, id spaces per source and actuator, sender-clock expiry, and states for a front end
 * whose connection came back.
 */
@Timeout(30)
class CommandProcessorSafetyTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final RecordingActuator lamp = new RecordingActuator("lamp", ActuatorKind.LIGHT, 0.0);
  private final RecordingActuator led = new RecordingActuator("led-1", ActuatorKind.LIGHT, 0.0);
  private final List<CommandResult> results = new CopyOnWriteArrayList<>();
  private final List<ActuatorState> states = new CopyOnWriteArrayList<>();
  private final AtomicBoolean clockTrusted = new AtomicBoolean(true);
  private final AtomicInteger ids = new AtomicInteger();
  private SafetyPolicy policy;
  private CommandProcessor processor;

  private CommandProcessor start(int rememberedIds) {
    policy = new SafetyPolicy(List.of(
        ActuatorLimits.builder("lamp").operations(EnumSet.of(Operation.ON, Operation.OFF,
                Operation.SET, Operation.FADE, Operation.PULSE)).commandsPerMinute(6000)
            .maxOnTime(Duration.ofMillis(300)).coolDown(Duration.ofSeconds(2)).build(),
        ActuatorLimits.builder("led-1").build()),
        QuietHours.none(), System::currentTimeMillis, System::nanoTime);
    processor = new CommandProcessor(List.of(lamp, led), policy, TimeSource.system(),
        new CommandProcessorOptions(rememberedIds, 256, Duration.ofMillis(10), Duration.ofMillis(250)), clockTrusted::get);
    processor.onResult(results::add);
    processor.onState(states::add);
    return processor;
  }

  @AfterEach
  void tearDown() {
    if (processor != null) {
      processor.close();
    }
  }

  private Command command(String actuator, Operation op, double value, Duration d, CommandSource source) {
    String id = "c" + ids.incrementAndGet();
    return new Command(id, id, actuator, op, value, d, Long.MAX_VALUE, source);
  }

  private CommandResult submit(Command c) throws Exception {
    return processor.submit(c).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private boolean cutOff() {
    return states.stream().anyMatch(s -> s.actuator().equals("lamp") && s.cause().equals("max_on_time"));
  }

  @Test
  void onResentAgainAndAgainCannotKeepALampOnPastItsMaxOnTimeAndTheCoolDownHolds() throws Exception {
    start(4096);

    await("cut off while 'on' keeps coming").atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
      processor.submit(command("lamp", Operation.ON, Double.NaN, Duration.ZERO, CommandSource.MQTT));
      return cutOff();
    });
    assertThat(lamp.level()).isEqualTo(0.0);
    ActuatorState cut = states.stream().filter(s -> s.cause().equals("max_on_time")).findFirst().orElseThrow();
    assertThat(cut.safe()).isTrue();
    assertThat(cut.coolDownUntilMillis()).as("the state says until when it rests")
        .isGreaterThan(cut.tsMillis() + 1_000).isLessThanOrEqualTo(cut.tsMillis() + 2_000);

    await("the cool-down runs out").atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
      if (policy.coolingDown("lamp").compareTo(Duration.ofMillis(200)) > 0) {
        CommandResult r = submit(command("lamp", Operation.ON, Double.NaN, Duration.ZERO, CommandSource.MQTT));
        assertThat(r.reason()).isEqualTo(RejectReason.COOL_DOWN);
        assertThat(r.detail()).contains("'lamp' reached its max on-time of 300 ms").contains("cool-down of 2000 ms");
        assertThat(lamp.level()).as("stays safe through the cool-down").isEqualTo(0.0);
        CommandResult off = submit(command("lamp", Operation.OFF, Double.NaN, Duration.ZERO, CommandSource.OSC));
        assertThat(off.status()).as("going safe is always allowed").isEqualTo(CommandStatus.ACCEPTED);
      }
      return policy.coolingDown("lamp").isZero();
    });
    assertThat(processor.stats().rejectedCount(RejectReason.COOL_DOWN)).isPositive();

    CommandResult after = submit(command("lamp", Operation.ON, Double.NaN, Duration.ZERO, CommandSource.MQTT));
    assertThat(after.status()).isEqualTo(CommandStatus.ACCEPTED);
    await().atMost(WAIT).until(() -> lamp.level() == 1.0);
  }

  @Test
  void aFadeThatOutlastsTheOnTimeLeftIsCutOffAndAnsweredFailed() throws Exception {
    start(4096);
    submit(command("lamp", Operation.SET, 0.5, Duration.ZERO, CommandSource.MQTT));
    // Polled finely so the fade is submitted with about 250 ms of the 300 ms on-time left: a
    // 290 ms fade outlasts it, and a loaded machine has a quarter second before it is all spent.
    await().atMost(WAIT).pollInterval(Duration.ofMillis(2))
        .until(() -> policy.onTimeLeft("lamp").orElseThrow().toMillis() < 250);

    Command fade = command("lamp", Operation.FADE, 1.0, Duration.ofMillis(290), CommandSource.REFLEX);
    assertThat(submit(fade).status()).isEqualTo(CommandStatus.ACCEPTED);

    CommandResult failed = await().atMost(WAIT).until(() -> results.stream()
        .filter(r -> r.commandId().equals(fade.id()) && r.status() != CommandStatus.ACCEPTED).findFirst(),
        java.util.Optional::isPresent).orElseThrow();
    assertThat(failed.status()).isEqualTo(CommandStatus.FAILED);
    assertThat(failed.reason()).isEqualTo(RejectReason.MAX_ON_TIME);
    assertThat(lamp.level()).isEqualTo(0.0);
    assertThat(cutOff()).isTrue();
  }

  @Test
  void aServoRefusesOnAndOffEvenWhenItsAllowListLetsThemThrough() throws Exception {
    RecordingActuator arm = new RecordingActuator("servos/arm", ActuatorKind.MOTION, 90.0);
    SafetyPolicy loose = new SafetyPolicy(List.of(ActuatorLimits.builder("servos/arm")
        .operations(EnumSet.of(Operation.ON, Operation.OFF, Operation.SET)).range(0, 180).build()),
        QuietHours.none(), System::currentTimeMillis, System::nanoTime);
    processor = new CommandProcessor(List.of(arm), loose, TimeSource.system(),
        CommandProcessorOptions.defaults());

    CommandResult on = submit(command("servos/arm", Operation.ON, Double.NaN, Duration.ZERO, CommandSource.MQTT));
    CommandResult off = submit(command("servos/arm", Operation.OFF, Double.NaN, Duration.ZERO, CommandSource.MQTT));

    assertThat(on.reason()).isEqualTo(RejectReason.NOT_ALLOWED);
    assertThat(on.detail()).contains("is a servo");
    assertThat(off.reason()).isEqualTo(RejectReason.NOT_ALLOWED);
    assertThat(arm.applied()).as("the arm never turned to 1 or 0 degrees").isEmpty();
  }

  @Test
  void idsAreKeptPerSourceAndActuator() throws Exception {
    start(4096);
    Command mqtt = new Command("x", "x", "led-1", Operation.SET, 0.3, Duration.ZERO, Long.MAX_VALUE, CommandSource.MQTT);
    Command osc = new Command("x", "x", "led-1", Operation.SET, 0.6, Duration.ZERO, Long.MAX_VALUE, CommandSource.OSC);
    Command otherActuator = new Command("x", "x", "lamp", Operation.SET, 0.2, Duration.ZERO, Long.MAX_VALUE, CommandSource.MQTT);

    submit(mqtt);
    await().atMost(WAIT).until(() -> led.level() == 0.3);
    submit(osc);
    await().atMost(WAIT).until(() -> led.level() == 0.6);
    submit(otherActuator);
    await().atMost(WAIT).until(() -> lamp.level() == 0.2);
    submit(mqtt);

    assertThat(processor.stats().duplicateCount()).isEqualTo(1);
    assertThat(processor.stats().acceptedCount()).isEqualTo(3);
  }

  @Test
  void remoteSendersCannotUseTheIdSpacesOfTheGatewaysOwnSources() throws Exception {
    start(4096);
    for (int n = 1; n <= 5; n++) {
      CommandResult r = submit(new Command("osc:" + n, "osc:" + n, "led-1", Operation.SET, 0.9, Duration.ZERO,
          Long.MAX_VALUE, CommandSource.MQTT));
      assertThat(r.reason()).isEqualTo(RejectReason.RESERVED_ID);
      assertThat(r.detail()).contains("'osc:'");
    }
    CommandResult http = submit(new Command("reflex:glow:1", "r", "led-1", Operation.SET, 0.9, Duration.ZERO,
        Long.MAX_VALUE, CommandSource.HTTP));
    assertThat(http.reason()).isEqualTo(RejectReason.RESERVED_ID);

    CommandResult fromOsc = submit(new Command("osc:1", "osc:1", "led-1", Operation.SET, 0.4, Duration.ZERO,
        Long.MAX_VALUE, CommandSource.OSC));
    CommandResult fromReflex = submit(new Command("reflex:glow:1", "reflex:glow:1", "led-1", Operation.SET, 0.5,
        Duration.ZERO, Long.MAX_VALUE, CommandSource.REFLEX));
    assertThat(fromOsc.status()).isEqualTo(CommandStatus.ACCEPTED);
    assertThat(fromReflex.status()).isEqualTo(CommandStatus.ACCEPTED);
    await().atMost(WAIT).until(() -> led.applied().equals(List.of(0.4, 0.5)));
    assertThat(processor.stats().duplicateCount()).isZero();
  }

  @Test
  void theIdempotencyMemoryIsBounded() throws Exception {
    start(2);
    Command a = new Command("a", "a", "led-1", Operation.SET, 0.1, Duration.ZERO, Long.MAX_VALUE, CommandSource.MQTT);
    submit(a);
    submit(new Command("b", "b", "led-1", Operation.SET, 0.2, Duration.ZERO, Long.MAX_VALUE, CommandSource.MQTT));
    submit(new Command("c", "c", "led-1", Operation.SET, 0.3, Duration.ZERO, Long.MAX_VALUE, CommandSource.MQTT));

    assertThat(submit(a).status()).as("'a' was forgotten: the oldest goes first").isEqualTo(CommandStatus.ACCEPTED);
    assertThat(processor.stats().duplicateCount()).isZero();
    await().atMost(WAIT).until(() -> led.applied().size() == 4);
  }

  @Test
  void anExpiryOnTheSendersClockIsNotTrustedBeforeTheGatewaysClockIs() throws Exception {
    start(4096);
    clockTrusted.set(false);
    long soon = System.currentTimeMillis() + 60_000;

    CommandResult remote = submit(new Command("e1", "e1", "led-1", Operation.SET, 0.5, Duration.ZERO, soon, CommandSource.MQTT));
    CommandResult noExpiry = submit(new Command("e2", "e2", "led-1", Operation.SET, 0.6, Duration.ZERO, Long.MAX_VALUE, CommandSource.MQTT));
    CommandResult osc = submit(new Command("osc:9", "osc:9", "led-1", Operation.SET, 0.7, Duration.ZERO, soon, CommandSource.OSC));

    assertThat(remote.reason()).isEqualTo(RejectReason.CLOCK_UNTRUSTED);
    assertThat(remote.detail()).contains("not synchronised");
    assertThat(noExpiry.status()).isEqualTo(CommandStatus.ACCEPTED);
    assertThat(osc.status()).as("the gateway set this expiry on its own clock").isEqualTo(CommandStatus.ACCEPTED);

    clockTrusted.set(true);
    CommandResult later = submit(new Command("e3", "e3", "led-1", Operation.SET, 0.5, Duration.ZERO, soon, CommandSource.MQTT));
    assertThat(later.status()).isEqualTo(CommandStatus.ACCEPTED);
  }

  @Test
  void republishesEveryActuatorsCurrentStateForAFrontEndThatReconnected() throws Exception {
    start(4096);
    submit(new Command("s1", "s1", "led-1", Operation.SET, 0.8, Duration.ZERO, Long.MAX_VALUE, CommandSource.MQTT));
    await().atMost(WAIT).until(() -> led.level() == 0.8);

    List<ActuatorState> republished = new CopyOnWriteArrayList<>();
    processor.republishStates(republished::add);

    await().atMost(WAIT).until(() -> republished.size() == 2);
    assertThat(republished).anyMatch(s -> s.actuator().equals("led-1") && s.level() == 0.8 && s.cause().equals("s1"));
    assertThat(republished).anyMatch(s -> s.actuator().equals("lamp") && s.safe() && s.cause().equals("startup"));
  }
}
