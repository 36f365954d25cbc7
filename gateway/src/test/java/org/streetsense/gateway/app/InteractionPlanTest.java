package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.osc.ChannelRange;
import org.streetsense.gateway.osc.OscTarget;
import org.streetsense.gateway.reflex.ReflexAction;
import org.streetsense.gateway.reflex.ReflexRule;
import org.streetsense.gateway.reflex.ReflexTrigger;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.QuietRule;
import org.streetsense.gateway.safety.QuietWindow;
import org.streetsense.gateway.safety.SafetyPolicy;
import org.streetsense.gateway.safety.Verdict;

/** {@link InteractionPlan} turns the interaction sections into the runtime's own types. */
class InteractionPlanTest {

  private static final Path EXAMPLES = Path.of("..", "config", "examples");
  private static final ZoneId BRATISLAVA = ZoneId.of("Europe/Bratislava");

  @Test
  void mapsTheDemoToLimitsQuietHoursReflexesAndKinds() throws Exception {
    InteractionPlan plan = InteractionPlan.from(
        InstallationLoader.loadResource(InstallationLoader.DEMO_RESOURCE));

    assertThat(plan.limits()).containsExactly(
        ActuatorLimits.builder("lamp").operations(EnumSet.of(Operation.SET, Operation.ON,
            Operation.OFF, Operation.PULSE, Operation.FADE)).range(0, 1).commandsPerMinute(60)
            .quiet(QuietRule.cap(0.2)).build(),
        ActuatorLimits.builder("fan").operations(EnumSet.of(Operation.ON, Operation.OFF))
            .range(0, 1).commandsPerMinute(6).maxOnTime(Duration.ofMinutes(10))
            .quiet(QuietRule.unaffected()).build(),
        ActuatorLimits.builder("stage").operations(EnumSet.of(Operation.SET, Operation.ON,
            Operation.OFF, Operation.PULSE, Operation.FADE, Operation.COLOR)).range(0, 1).commandsPerMinute(60)
            .quiet(QuietRule.cap(0.2)).build(),
        ActuatorLimits.builder("stage/strobe").operations(EnumSet.of(Operation.SET, Operation.OFF))
            .range(0, 1).commandsPerMinute(6).quiet(QuietRule.cap(0.2)).build());
    assertThat(plan.quietHours()).isEqualTo(new QuietHours(
        List.of(QuietWindow.everyDay(LocalTime.of(22, 0), LocalTime.of(7, 0))), BRATISLAVA,
        0.2, 0));
    assertThat(plan.reflexes()).containsExactly(
        new ReflexRule("touch-glow", ReflexTrigger.onEvent("touch-wall", "left", "touch_start"),
            1, Duration.ZERO, List.of(new ReflexAction("lamp", Operation.FADE, 1.0,
                Duration.ofMillis(300)))),
        new ReflexRule("greet-passer-by", ReflexTrigger.onEvent("motion", null, "presence_enter"),
            1, Duration.ofSeconds(10), List.of(new ReflexAction("lamp", Operation.PULSE, 1.0,
                Duration.ofSeconds(5)))),
        new ReflexRule("touch-stage", ReflexTrigger.onEvent("touch-wall", "right", "touch_start"),
            1, Duration.ZERO, List.of(new ReflexAction("stage", Operation.FADE, 1.0,
                Duration.ofSeconds(2)), new ReflexAction("stage", Operation.COLOR, Double.NaN,
                Duration.ofSeconds(2), List.of(40, 80, 255)))));
    assertThat(plan.kinds()).containsExactly(Map.entry("lamp", ActuatorKind.LIGHT),
        Map.entry("fan", ActuatorKind.SWITCH), Map.entry("stage", ActuatorKind.LIGHT),
        Map.entry("stage/strobe", ActuatorKind.LIGHT));
    assertThat(plan.kindOf("lamp")).contains(ActuatorKind.LIGHT);
    assertThat(plan.kindOf("start-button")).isEmpty();
    assertThat(plan.oscListen()).isEmpty();
    assertThat(plan.oscTargets()).isEmpty();
    assertThat(plan.oscRanges()).containsEntry("weather/temperature", new ChannelRange(-40, 85));
  }

  @Test
  void mapsThresholdsCountersPca9685ChannelsAndOsc() throws Exception {
    InteractionPlan plan = InteractionPlan.from(
        InstallationLoader.load(EXAMPLES.resolve("kosice-square.yaml")));

    assertThat(plan.limits()).extracting(ActuatorLimits::actuator)
        .containsExactly("sculpture-lights/ring", "sculpture-lights/spine", "power");
    assertThat(plan.limits().get(1).max()).isEqualTo(0.8);
    assertThat(plan.limits().get(2).quiet()).contains(QuietRule.block());
    assertThat(plan.reflexes().get(2).trigger())
        .isEqualTo(ReflexTrigger.above("noise", "level", 85));
    assertThat(plan.reflexes().get(2).cooldown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(plan.reflexes().get(3).every()).isEqualTo(10);
    assertThat(plan.quietHours().windows()).contains(new QuietWindow(
        EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), LocalTime.of(23, 30), LocalTime.of(8, 0)));
    assertThat(plan.oscTargets()).containsExactly(OscTarget.builder("192.168.10.20", 9000)
        .normalise(true).bundle(true).prefix("/streetsense").build());
    assertThat(plan.oscListen()).contains(new InetSocketAddress("0.0.0.0", 9000));
    assertThat(plan.oscPrefix()).isEqualTo("/streetsense");
    assertThat(plan.snapshotInterval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aSafetyPolicyBuiltFromThePlanEnforcesTheFile() throws Exception {
    InteractionPlan plan = InteractionPlan.from(
        InstallationLoader.loadResource(InstallationLoader.DEMO_RESOURCE));
    long lateEvening = ZonedDateTime.of(2026, 11, 27, 23, 15, 0, 0, BRATISLAVA).toInstant()
        .toEpochMilli();
    long noon = ZonedDateTime.of(2026, 11, 27, 12, 0, 0, 0, BRATISLAVA).toInstant().toEpochMilli();
    SafetyPolicy night = new SafetyPolicy(plan.limits(), plan.quietHours(), () -> lateEvening,
        () -> 0L);
    SafetyPolicy day = new SafetyPolicy(plan.limits(), plan.quietHours(), () -> noon, () -> 0L);

    Verdict brightAtNight = night.check(command("lamp", Operation.SET, 0.9), kind(plan, "lamp"), 0);
    Verdict dimAtNight = night.check(command("lamp", Operation.SET, 0.2), kind(plan, "lamp"), 0);
    Verdict brightAtNoon = day.check(command("lamp", Operation.SET, 0.9), kind(plan, "lamp"), 0);
    Verdict setTheFan = day.check(command("fan", Operation.SET, 0.5), kind(plan, "fan"), 0);
    Verdict unlisted = day.check(command("start-button", Operation.ON, Double.NaN),
        ActuatorKind.SWITCH, 0);

    assertThat(brightAtNight.accepted()).isTrue();
    assertThat(brightAtNight.cappedTo()).isEqualTo(0.2);
    assertThat(dimAtNight.accepted()).isTrue();
    assertThat(dimAtNight.capped()).isFalse();
    assertThat(brightAtNoon.capped()).isFalse();
    assertThat(brightAtNoon.accepted()).isTrue();
    assertThat(setTheFan.reason()).isEqualTo(RejectReason.NOT_ALLOWED);
    assertThat(unlisted.reason()).isEqualTo(RejectReason.NOT_ALLOWED);
  }

  @Test
  void anInstallationWithoutInteractionSectionsAllowsNothing() throws Exception {
    Installation demo = InstallationLoader.loadResource(InstallationLoader.DEMO_RESOURCE);
    InteractionPlan plan = InteractionPlan.from(demo.withInteraction(
        org.streetsense.gateway.config.InteractionSettings.NONE));

    assertThat(plan.limits()).isEmpty();
    assertThat(plan.reflexes()).isEmpty();
    assertThat(plan.kinds()).isEmpty();
    assertThat(plan.quietHours().windows()).isEmpty();
    assertThat(plan.oscListen()).isEmpty();
    assertThat(plan.oscPrefix()).isEqualTo("/streetsense");
  }

  @Test
  void everyConfigOperationAndKindHasARuntimeCounterpart() {
    for (var op : org.streetsense.gateway.config.ActuatorOperation.values()) {
      assertThat(InteractionPlan.operation(op).wireName()).isEqualTo(op.configName());
    }
    for (var role : org.streetsense.gateway.config.ActuatorRole.values()) {
      assertThat(InteractionPlan.kind(role).name()).isEqualTo(role.name());
    }
    assertThat(Set.of(Operation.values())).hasSize(
        org.streetsense.gateway.config.ActuatorOperation.values().length);
  }

  private static ActuatorKind kind(InteractionPlan plan, String id) {
    return plan.kindOf(id).orElseThrow();
  }

  private static Command command(String actuator, Operation op, double value) {
    return new Command("c-" + actuator + "-" + value, "corr", actuator, op, value, Duration.ZERO,
        Long.MAX_VALUE, CommandSource.MQTT);
  }
}
