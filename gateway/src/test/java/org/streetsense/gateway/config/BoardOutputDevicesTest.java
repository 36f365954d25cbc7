package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** board-output, board-pwm and board-servo devices in the installation file and `validate`. */
class BoardOutputDevicesTest {

  private static final String HEAD = """
      installation: board-outputs
      site: Bench
      hardware:
        backend: simulated
      boards:
        - {id: uno-1, port: /dev/ttyACM0, protocol: streetsense}
        - {id: firmata-1, port: /dev/ttyACM1, protocol: firmata}
      uplink:
        mqtt:
          url: tcp://localhost:1883
      devices:
      """;

  @Test
  void outputsOfBothProtocolsLoadAsActuatorsWithTheirDefaultKinds() throws Exception {
    Installation inst = load("""
          - {id: fog, driver: board-output, board: uno-1, pin: D4, safeState: off, options: {activeLow: true}}
          - {id: glow, driver: board-pwm, board: uno-1, pin: D9}
          - {id: flag, driver: board-servo, board: firmata-1, pin: D10, options: {safeAngle: 45}}
          - {id: spare, driver: board-output, board: firmata-1, pin: A3, safeState: on}
        safety:
          actuators:
            fog: {kind: switch, operations: [on, off]}
            glow: {operations: [set, fade]}
            flag: {operations: [set], range: {min: 20, max: 160}}
            spare: {}
        """);

    DeviceSpec fog = inst.device("fog").orElseThrow();
    assertThat(fog.driver().isOutput()).isTrue();
    assertThat(fog.safeState()).contains(SafeState.OFF);
    assertThat(fog.options()).containsEntry("activeLow", true);
    assertThat(inst.device("spare").orElseThrow().safeState()).contains(SafeState.ON);
    SafetySettings safety = inst.interaction().safety();
    assertThat(safety.actuator("glow").orElseThrow().kind()).isEqualTo(ActuatorRole.LIGHT);
    assertThat(safety.actuator("flag").orElseThrow().kind()).isEqualTo(ActuatorRole.MOTION);
    assertThat(safety.actuator("flag").orElseThrow().range().max()).isEqualTo(160);
  }

  @Test
  void aServoOnAStreetsenseBoardIsRefusedSayingWhy() {
    assertThat(errors("  - {id: flag, driver: board-servo, board: uno-1, pin: D10}\n"))
        .containsExactly("board-outputs.yaml:12:24: devices[0].driver: board-servo needs a "
            + "board running StandardFirmata, but board uno-1 speaks the Streetsense protocol, "
            + "which has no servo mode (only digital output and PWM); flash StandardFirmata and "
            + "declare protocol: firmata, or drive the servo from a pca9685");
  }

  @Test
  void mistakesInBoardOutputsAreNamedWithTheirPlace() {
    List<String> errors = errors("""
          - {id: a, driver: board-servo, board: firmata-1, pin: D3, safeState: off}
          - {id: b, driver: board-servo, board: firmata-1, pin: D5, options: {safeAngle: 200}}
          - {id: c, driver: board-pwm, board: uno-1, pin: A1}
          - {id: d, driver: board-servo, board: firmata-1, pin: D6, options: {activeLow: true}}
          - {id: e, driver: board-output, board: uno-1, pin: D7, options: {activeLow: maybe}}
          - {id: f, driver: board-output, board: uno-1, pin: D8, mode: pwm}
        safety:
          actuators:
            e: {kind: motion}
        """);

    assertThat(errors).anyMatch(e -> e.contains("devices[0].safeState: safeState is not used by "
        + "board-servo (a servo rests at an angle: options: {safeAngle: 90})"));
    assertThat(errors).anyMatch(e -> e.contains("devices[1].options.safeAngle: 200 is not "
        + "allowed for safeAngle of board-servo; it needs a number of degrees in 0..180"));
    assertThat(errors).anyMatch(e -> e.contains("devices[2].pin: board-pwm drives a PWM signal "
        + "from a digital pin like D9, not the analog pin A1"));
    assertThat(errors).anyMatch(e -> e.contains("devices[3].options.activeLow"));
    assertThat(errors).anyMatch(e -> e.contains("devices[4].options.activeLow: 'maybe' is not "
        + "a boolean"));
    assertThat(errors).anyMatch(e -> e.contains("devices[5].mode: mode is not used by "
        + "board-output (an output has no sampling)"));
  }

  @Test
  void aBoardServoIsAlwaysMotionAndAnOnOffBoardOutputNever() {
    List<String> errors = errors("""
          - {id: flag, driver: board-servo, board: firmata-1, pin: D10}
          - {id: fog, driver: board-output, board: uno-1, pin: D4}
        safety:
          actuators:
            flag: {kind: light}
            fog: {kind: motion}
        """);

    assertThat(errors).anyMatch(e -> e.contains("'flag' is a board-servo, whose level is an "
        + "angle; its kind is motion"));
    assertThat(errors).anyMatch(e -> e.contains("kind motion needs a servo (a pca9685 channel or "
        + "a board-servo); 'fog' is an on/off output"));
  }

  private static Installation load(String devices) throws ConfigException {
    return InstallationLoader.load("board-outputs.yaml", new ByteArrayInputStream(
        (HEAD + devices).getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> errors(String devices) {
    try {
      load(devices);
      return List.of();
    } catch (ConfigException e) {
      return e.errors().stream().map(ConfigError::format).toList();
    }
  }
}
