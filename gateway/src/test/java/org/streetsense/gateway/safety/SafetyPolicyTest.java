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
import org.streetsense.gateway.command.Command;
import org.streetsense.gateway.command.CommandSource;
import org.streetsense.gateway.command.Operation;
import org.streetsense.gateway.command.RejectReason;

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
  void refusesPulsesLongerThanTheMaxOnTime() {
    Verdict v = policy().check(cmd("lamp", Operation.PULSE, 1, Duration.ofSeconds(10)), ActuatorKind.LIGHT, 0);
    assertThat(v.reason()).isEqualTo(RejectReason.MAX_ON_TIME);
    assertThat(v.detail()).contains("10000 ms").contains("5000 ms");
  }

  @Test
  void limitsLightDuringQuietHoursAcrossMidnightInLocalTime() {
    SafetyPolicy p = policy();
    wall.set(at(23, 30));
    assertThat(p.check(cmd("lamp", Operation.SET, 0.8, Duration.ZERO), ActuatorKind.LIGHT, 0).reason())
        .isEqualTo(RejectReason.QUIET_HOURS);
    assertThat(p.check(cmd("lamp", Operation.SET, 0.2, Duration.ZERO), ActuatorKind.LIGHT, 0).accepted()).isTrue();
    wall.set(at(6, 59));
    assertThat(p.quietNow()).isTrue();
    wall.set(at(7, 0));
    assertThat(p.quietNow()).isFalse();
    assertThat(p.check(cmd("lamp", Operation.SET, 0.8, Duration.ZERO), ActuatorKind.LIGHT, 0).accepted()).isTrue();
  }

  @Test
  void silencesSoundCompletelyDuringQuietHours() {
    wall.set(at(2, 0));
    Verdict v = policy().check(cmd("chime", Operation.ON, Double.NaN, Duration.ZERO), ActuatorKind.SOUND, 0);
    assertThat(v.reason()).isEqualTo(RejectReason.QUIET_HOURS);
    assertThat(v.detail()).contains("limited to 0");
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
  void alwaysAllowsReturningToTheSafeState() {
    wall.set(at(3, 0));
    Verdict v = policy().check(cmd("servo", Operation.SAFE, Double.NaN, Duration.ZERO), ActuatorKind.MOTION, 90);
    assertThat(v.accepted()).isTrue();
  }
}
