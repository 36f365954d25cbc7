package org.streetsense.gateway.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;

class SafetyPolicyTest {

  private static final ZoneId KOSICE = ZoneId.of("Europe/Bratislava");
  private final AtomicLong wall = new AtomicLong(at(12, 0));
  private final AtomicLong mono = new AtomicLong();

  private static long at(int hour, int minute) {
    return ZonedDateTime.of(2026, 7, 14, hour, minute, 0, 0, KOSICE).toInstant().toEpochMilli();
  }

  private SafetyPolicy policy() {
    QuietHours quiet = new QuietHours(List.of(QuietWindow.everyDay(LocalTime.of(22, 0), LocalTime.of(7, 0))),
        KOSICE, 0.2, 0.0);
    return new SafetyPolicy(List.of(
        ActuatorLimits.builder("lamp").operations(EnumSet.of(Operation.SET, Operation.PULSE))
            .commandsPerMinute(3).maxOnTime(Duration.ofSeconds(5)).build(),
        ActuatorLimits.builder("servo").range(0, 180).operations(EnumSet.of(Operation.SET)).build(),
        ActuatorLimits.builder("chime").build()),
        quiet, wall::get, mono::get);
  }

  private static Command cmd(String actuator, Operation op, double value, Duration d) {
    return new Command("id", "id", actuator, op, value, d, Long.MAX_VALUE, CommandSource.MQTT);
  }

  @Test
  void refusesActuatorsOutsideTheAllowList() {
    Verdict v = policy().check(cmd("fountain", Operation.SET, 1, Duration.ZERO), ActuatorKind.SWITCH, 0);
    assertThat(v.accepted()).isFalse();
    assertThat(v.reason()).isEqualTo(RejectReason.NOT_ALLOWED);
    assertThat(v.detail()).contains("'fountain'").contains("allow-list");
  }

  @Test
  void refusesOperationsNotAllowedAndListsTheAllowedOnes() {
    Verdict v = policy().check(cmd("servo", Operation.FADE, 90, Duration.ofSeconds(1)), ActuatorKind.MOTION, 90);
    assertThat(v.reason()).isEqualTo(RejectReason.NOT_ALLOWED);
    assertThat(v.detail()).contains("'fade'").contains("allowed: safe, set");
  }

  @Test
  void refusesValuesOutOfRangeNamingValueAndRange() {
    Verdict v = policy().check(cmd("servo", Operation.SET, 200, Duration.ZERO), ActuatorKind.MOTION, 90);
    assertThat(v.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(v.detail()).isEqualTo("value 200 is out of range 0..180 for 'servo'");
  }

  @Test
  void aHugeValueIsNamedAsSentNotAsTheLargestLong() {
    Verdict v = policy().check(cmd("servo", Operation.SET, 1e308, Duration.ZERO), ActuatorKind.MOTION, 90);
    assertThat(v.detail()).isEqualTo("value 1.0E308 is out of range 0..180 for 'servo'");
  }

  @Test
  void refusesPulsesLongerThanTheMaxOnTime() {
    Verdict v = policy().check(cmd("lamp", Operation.PULSE, 1, Duration.ofSeconds(10)), ActuatorKind.LIGHT, 0);
    assertThat(v.reason()).isEqualTo(RejectReason.MAX_ON_TIME);
    assertThat(v.detail()).contains("10000 ms").contains("5000 ms");
  }

  @Test
  void capsLightDuringQuietHoursAcrossMidnightInLocalTime() {
    SafetyPolicy p = policy();
    wall.set(at(23, 30));
    Verdict capped = p.check(cmd("lamp", Operation.SET, 0.8, Duration.ZERO), ActuatorKind.LIGHT, 0);
    assertThat(capped.accepted()).isTrue();
    assertThat(capped.capped()).isTrue();
    assertThat(capped.cappedTo()).isEqualTo(0.2);
    assertThat(capped.detail()).contains("'lamp' is capped at 0.2, asked 0.8");
    Verdict under = p.check(cmd("lamp", Operation.SET, 0.2, Duration.ZERO), ActuatorKind.LIGHT, 0);
    assertThat(under.accepted()).isTrue();
    assertThat(under.capped()).isFalse();
    wall.set(at(6, 59));
    assertThat(p.quietNow()).isTrue();
    wall.set(at(7, 0));
    assertThat(p.quietNow()).isFalse();
    Verdict day = p.check(cmd("lamp", Operation.SET, 0.8, Duration.ZERO), ActuatorKind.LIGHT, 0);
    assertThat(day.accepted()).isTrue();
    assertThat(day.capped()).isFalse();
  }

  @Test
  void capsPulsesAndFadesToo() {
    wall.set(at(23, 30));
    SafetyPolicy p = policy();
    Verdict pulse = p.check(cmd("lamp", Operation.PULSE, 1, Duration.ofSeconds(1)), ActuatorKind.LIGHT, 0);
    assertThat(pulse.cappedTo()).isEqualTo(0.2);
  }

  @Test
  void blocksSoundByDefaultDuringQuietHours() {
    wall.set(at(2, 0));
    Verdict v = policy().check(cmd("chime", Operation.ON, Double.NaN, Duration.ZERO), ActuatorKind.SOUND, 0);
    assertThat(v.reason()).isEqualTo(RejectReason.QUIET_HOURS);
    assertThat(v.detail()).contains("sound 'chime' is blocked");
  }

  @Test
  void followsEachActuatorsDeclaredRule() {
    wall.set(at(2, 0));
    QuietHours quiet = new QuietHours(List.of(QuietWindow.everyDay(LocalTime.of(22, 0), LocalTime.of(7, 0))),
        KOSICE, 0.2, 0.0);
    SafetyPolicy p = new SafetyPolicy(List.of(
        ActuatorLimits.builder("fog").quiet(QuietRule.block()).build(),
        ActuatorLimits.builder("pump").quiet(QuietRule.unaffected()).build(),
        ActuatorLimits.builder("chime").quiet(QuietRule.cap(0.1)).build(),
        ActuatorLimits.builder("fan").build()),
        quiet, wall::get, mono::get);
    assertThat(p.check(cmd("fog", Operation.ON, Double.NaN, Duration.ZERO), ActuatorKind.SWITCH, 0).reason())
        .isEqualTo(RejectReason.QUIET_HOURS);
    assertThat(p.check(cmd("fog", Operation.OFF, Double.NaN, Duration.ZERO), ActuatorKind.SWITCH, 0).accepted())
        .isTrue();
    Verdict pump = p.check(cmd("pump", Operation.ON, Double.NaN, Duration.ZERO), ActuatorKind.SWITCH, 0);
    assertThat(pump.accepted()).isTrue();
    assertThat(pump.capped()).isFalse();
    assertThat(p.check(cmd("chime", Operation.SET, 0.5, Duration.ZERO), ActuatorKind.SOUND, 0).cappedTo())
        .isEqualTo(0.1);
    // a switch built without a rule is blocked: the safe side for code that does not choose
    assertThat(p.check(cmd("fan", Operation.ON, Double.NaN, Duration.ZERO), ActuatorKind.SWITCH, 0).reason())
        .isEqualTo(RejectReason.QUIET_HOURS);
  }

  @Test
  void aRefusedQuietCommandDoesNotUseUpTheRate() {
    wall.set(at(2, 0));
    SafetyPolicy p = policy();
    for (int i = 0; i < 3; i++) {
      assertThat(p.check(cmd("chime", Operation.ON, Double.NaN, Duration.ZERO), ActuatorKind.SOUND, 0).accepted())
          .isFalse();
    }
    assertThat(p.check(cmd("chime", Operation.OFF, Double.NaN, Duration.ZERO), ActuatorKind.SOUND, 0).accepted())
        .isTrue();
  }

  @Test
  void rateLimitsPerActuatorAndRefillsOverTime() {
    SafetyPolicy p = policy();
    Command c = cmd("lamp", Operation.SET, 0.5, Duration.ZERO);
    for (int i = 0; i < 3; i++) {
      assertThat(p.check(c, ActuatorKind.LIGHT, 0).accepted()).isTrue();
    }
    assertThat(p.check(c, ActuatorKind.LIGHT, 0).reason()).isEqualTo(RejectReason.RATE_LIMITED);
    mono.addAndGet(Duration.ofSeconds(20).toNanos());
    assertThat(p.check(c, ActuatorKind.LIGHT, 0).accepted()).isTrue();
  }

  @Test
  void commandsToTheSafeLevelAreNeverRateLimitedAndUseNoToken() {
    SafetyPolicy p = policy();
    Command on = cmd("lamp", Operation.SET, 0.5, Duration.ZERO);
    Command off = cmd("lamp", Operation.SET, 0.0, Duration.ZERO);
    for (int i = 0; i < 3; i++) {
      assertThat(p.check(on, ActuatorKind.LIGHT, 0).accepted()).isTrue();
    }
    assertThat(p.check(on, ActuatorKind.LIGHT, 0).reason()).isEqualTo(RejectReason.RATE_LIMITED);
    for (int i = 0; i < 10; i++) {
      assertThat(p.check(off, ActuatorKind.LIGHT, 0).accepted()).as("off %d after the rate ran out", i)
          .isTrue();
    }
    assertThat(p.check(on, ActuatorKind.LIGHT, 0).reason()).isEqualTo(RejectReason.RATE_LIMITED);
  }

  @Test
  void alwaysAllowsReturningToTheSafeState() {
    wall.set(at(3, 0));
    Verdict v = policy().check(cmd("servo", Operation.SAFE, Double.NaN, Duration.ZERO), ActuatorKind.MOTION, 90);
    assertThat(v.accepted()).isTrue();
  }

  private SafetyPolicy limited() {
    return new SafetyPolicy(List.of(
        ActuatorLimits.builder("lamp").operations(EnumSet.of(Operation.ON, Operation.OFF, Operation.SET,
            Operation.PULSE, Operation.FADE)).commandsPerMinute(1000)
            .maxOnTime(Duration.ofSeconds(2)).coolDown(Duration.ofSeconds(10)).build(),
        ActuatorLimits.builder("chime").operations(EnumSet.of(Operation.PULSE, Operation.FADE)).build()),
        QuietHours.none(), Duration.ofMinutes(5), wall::get, mono::get);
  }

  private void advance(long millis) {
    mono.addAndGet(millis * 1_000_000L);
  }

  @Test
  void onTimeIsNotReArmedByOnResentEveryOneAndAHalfSeconds() {
    SafetyPolicy p = limited();
    Command on = cmd("lamp", Operation.ON, Double.NaN, Duration.ZERO);

    assertThat(p.check(on, ActuatorKind.LIGHT, 0).accepted()).isTrue();
    p.recordLevel("lamp", true);
    advance(1_500);
    assertThat(p.check(on, ActuatorKind.LIGHT, 0).accepted()).isTrue();
    p.recordLevel("lamp", true);

    assertThat(p.onTimeLeft("lamp")).contains(Duration.ofMillis(500));
    advance(500);
    assertThat(p.onTimeLeft("lamp")).contains(Duration.ZERO);
  }

  @Test
  void onTimeIsAddedUpAcrossOnOffFadeAndPulse() {
    SafetyPolicy p = limited();
    p.recordLevel("lamp", true);   // on
    advance(600);
    p.recordLevel("lamp", false);  // off
    advance(100);
    p.recordLevel("lamp", true);   // a fade starts from off
    advance(600);
    p.recordLevel("lamp", true);   // ... and steps up
    p.recordLevel("lamp", false);  // a fade down to off ends
    advance(100);
    p.recordLevel("lamp", true);   // a pulse

    assertThat(p.onTimeLeft("lamp")).contains(Duration.ofMillis(800));
    Verdict tooLong = p.check(cmd("lamp", Operation.PULSE, 1, Duration.ofMillis(900)), ActuatorKind.LIGHT, 0);
    assertThat(tooLong.reason()).isEqualTo(RejectReason.MAX_ON_TIME);
    assertThat(tooLong.detail()).contains("900 ms").contains("800 ms of on-time");
    assertThat(p.check(cmd("lamp", Operation.PULSE, 1, Duration.ofMillis(800)), ActuatorKind.LIGHT, 0).accepted()).isTrue();
  }

  @Test
  void duringTheCoolDownOnlyCommandsThatStayAtTheSafeLevelPass() {
    SafetyPolicy p = limited();
    p.recordLevel("lamp", true);
    advance(2_000);
    p.cutOff("lamp");
    advance(3_000);

    for (Command away : List.of(cmd("lamp", Operation.ON, Double.NaN, Duration.ZERO),
        cmd("lamp", Operation.SET, 0.1, Duration.ZERO),
        cmd("lamp", Operation.FADE, 1, Duration.ofSeconds(1)),
        cmd("lamp", Operation.PULSE, 1, Duration.ofMillis(100)))) {
      Verdict v = p.check(away, ActuatorKind.LIGHT, 0);
      assertThat(v.reason()).as(away.operation().wireName()).isEqualTo(RejectReason.COOL_DOWN);
      assertThat(v.detail()).contains("'lamp'").contains("2000 ms").contains("10000 ms").contains("7000 ms left");
    }
    assertThat(p.check(cmd("lamp", Operation.OFF, Double.NaN, Duration.ZERO), ActuatorKind.LIGHT, 0).accepted()).isTrue();
    assertThat(p.check(cmd("lamp", Operation.SET, 0, Duration.ZERO), ActuatorKind.LIGHT, 0).accepted()).isTrue();
    assertThat(p.check(cmd("lamp", Operation.SAFE, Double.NaN, Duration.ZERO), ActuatorKind.LIGHT, 0).accepted()).isTrue();

    advance(7_000);
    assertThat(p.coolingDown("lamp")).isEqualTo(Duration.ZERO);
    assertThat(p.check(cmd("lamp", Operation.ON, Double.NaN, Duration.ZERO), ActuatorKind.LIGHT, 0).accepted()).isTrue();
    assertThat(p.onTimeLeft("lamp")).contains(Duration.ofSeconds(2));
  }

  @Test
  void fadesAndPulsesAreCappedByTheMaxOnTimeAndTheDeclaredMaxDuration() {
    SafetyPolicy p = limited();

    Verdict fade = p.check(cmd("lamp", Operation.FADE, 1, Duration.ofSeconds(8)), ActuatorKind.LIGHT, 0);
    assertThat(fade.reason()).isEqualTo(RejectReason.MAX_ON_TIME);
    assertThat(fade.detail()).contains("8000 ms").contains("max on-time of 2000 ms");

    Verdict chime = p.check(cmd("chime", Operation.PULSE, 1, Duration.ofMinutes(6)), ActuatorKind.SOUND, 0);
    assertThat(chime.reason()).isEqualTo(RejectReason.DURATION_TOO_LONG);
    assertThat(chime.detail()).contains("360000 ms").contains("300000 ms (safety.maxDuration)");
    assertThat(p.check(cmd("chime", Operation.FADE, 1, Duration.ofMinutes(5)), ActuatorKind.SOUND, 0).accepted()).isTrue();
  }

  @Test
  void absurdDurationsAndValuesAreRefusedWithANamedReason() {
    SafetyPolicy p = limited();

    Verdict huge = p.check(cmd("chime", Operation.PULSE, 1, Duration.ofMillis(Long.MAX_VALUE)), ActuatorKind.SOUND, 0);
    assertThat(huge.reason()).isEqualTo(RejectReason.DURATION_TOO_LONG);
    Verdict days = p.check(cmd("chime", Operation.PULSE, 1, Duration.ofMillis(Integer.MAX_VALUE)), ActuatorKind.SOUND, 0);
    assertThat(days.reason()).isEqualTo(RejectReason.DURATION_TOO_LONG);
    assertThat(days.detail()).contains("2147483647 ms");
    Verdict beyondMillis = p.check(cmd("chime", Operation.PULSE, 1, Duration.ofSeconds(Long.MAX_VALUE)), ActuatorKind.SOUND, 0);
    assertThat(beyondMillis.reason()).isEqualTo(RejectReason.DURATION_TOO_LONG);
    Verdict infinite = p.check(cmd("chime", Operation.PULSE, Double.POSITIVE_INFINITY, Duration.ofSeconds(1)), ActuatorKind.SOUND, 0);
    assertThat(infinite.reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(infinite.detail()).contains("finite");
    Verdict none = p.check(cmd("chime", Operation.PULSE, Double.NaN, Duration.ofSeconds(1)), ActuatorKind.SOUND, 0);
    assertThat(none.reason()).isEqualTo(RejectReason.MALFORMED);
  }

  @Test
  void anActuatorsOnTimeCoolDownAndRateContinueInTheNextPolicyEvenWhenItsLimitsChanged() {
    SafetyPolicy before = policy();
    before.recordLevel("lamp", true);
    mono.addAndGet(Duration.ofSeconds(2).toNanos());
    for (int i = 0; i < 3; i++) {
      assertThat(before.check(cmd("lamp", Operation.SET, 1, Duration.ZERO), ActuatorKind.LIGHT, 0)
          .accepted()).isTrue();
    }
    QuietHours none = QuietHours.none();
    ActuatorLimits lamp = ActuatorLimits.builder("lamp").operations(EnumSet.of(Operation.SET, Operation.PULSE))
        .commandsPerMinute(3).maxOnTime(Duration.ofSeconds(5)).build();

    SafetyPolicy kept = new SafetyPolicy(List.of(lamp), none, Duration.ofHours(1), wall::get, mono::get,
        before);
    assertThat(kept.onTimeLeft("lamp")).contains(Duration.ofSeconds(3));
    assertThat(kept.check(cmd("lamp", Operation.SET, 1, Duration.ZERO), ActuatorKind.LIGHT, 0).reason())
        .as("the rate limit's tokens were used before the apply").isEqualTo(RejectReason.RATE_LIMITED);

    ActuatorLimits longer = ActuatorLimits.builder("lamp").operations(EnumSet.of(Operation.SET))
        .maxOnTime(Duration.ofSeconds(9)).build();
    SafetyPolicy changed = new SafetyPolicy(List.of(longer), none, Duration.ofHours(1), wall::get,
        mono::get, before);
    assertThat(changed.onTimeLeft("lamp")).as("another max on-time continues the account")
        .contains(Duration.ofSeconds(7));
    ActuatorLimits shorter = ActuatorLimits.builder("lamp").operations(EnumSet.of(Operation.SET))
        .maxOnTime(Duration.ofSeconds(2)).build();
    assertThat(new SafetyPolicy(List.of(shorter), none, Duration.ofHours(1), wall::get, mono::get,
        before).onTimeLeft("lamp")).as("a shorter max on-time already used up").contains(Duration.ZERO);
  }

  @Test
  void anActuatorDroppedByOneFileAndDeclaredAgainByTheNextContinuesItsAccount() {
    SafetyPolicy before = policy();
    before.recordLevel("lamp", true);
    mono.addAndGet(Duration.ofSeconds(2).toNanos());
    before.recordLevel("lamp", false);
    QuietHours none = QuietHours.none();
    ActuatorLimits lamp = ActuatorLimits.builder("lamp").operations(EnumSet.of(Operation.SET))
        .maxOnTime(Duration.ofSeconds(5)).build();

    SafetyPolicy without = new SafetyPolicy(List.of(), none, Duration.ofHours(1), wall::get,
        mono::get, before);
    SafetyPolicy again = new SafetyPolicy(List.of(lamp), none, Duration.ofHours(1), wall::get,
        mono::get, without);
    assertThat(again.onTimeLeft("lamp")).as("no fresh allowance by dropping and re-adding it")
        .contains(Duration.ofSeconds(3));

    mono.addAndGet(Duration.ofSeconds(6).toNanos()); // rested a full cool-down: forgotten
    SafetyPolicy rested = new SafetyPolicy(List.of(), none, Duration.ofHours(1), wall::get,
        mono::get, again);
    assertThat(new SafetyPolicy(List.of(lamp), none, Duration.ofHours(1), wall::get, mono::get,
        rested).onTimeLeft("lamp")).contains(Duration.ofSeconds(5));
  }
}
