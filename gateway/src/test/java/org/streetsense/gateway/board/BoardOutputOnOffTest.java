package org.streetsense.gateway.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;
import org.streetsense.gateway.safety.Verdict;

/** Issue 14, item 3: a board's digital output pin is on/off, its PWM pin is not. */
class BoardOutputOnOffTest {

  @Test
  void aDigitalBoardPinRefusesAFractionAndAPwmPinTakesIt() {
    BoardOutput digital = new BoardOutput(new BoardOutputSpec("fog", "board-output", "uno-1", "D4",
        BoardOutputKind.DIGITAL, ActuatorKind.SWITCH, true, 0));
    BoardOutput pwm = new BoardOutput(new BoardOutputSpec("glow", "board-pwm", "uno-1", "D9",
        BoardOutputKind.PWM, ActuatorKind.LIGHT, false, 0));
    SafetyPolicy policy = new SafetyPolicy(List.of(ActuatorLimits.builder("fog").build(),
        ActuatorLimits.builder("glow").build()), QuietHours.none(), System::currentTimeMillis,
        System::nanoTime);

    Verdict fog = policy.check(set("fog"), digital.kind(), digital.safeLevel(), digital.onOff());
    Verdict glow = policy.check(set("glow"), pwm.kind(), pwm.safeLevel(), pwm.onOff());

    assertThat(fog.accepted()).isFalse();
    assertThat(fog.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(fog.detail()).contains("'fog'", "on/off output");
    assertThat(glow.accepted()).isTrue();
  }

  private static Command set(String actuator) {
    return new Command("c-" + actuator, "c", actuator, Operation.SET, 0.5, Duration.ZERO,
        Long.MAX_VALUE, CommandSource.MQTT);
  }
}
