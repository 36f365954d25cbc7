package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.board.BoardModel;

/**
 * What `validate` can know about a board pin from the file alone (the board model, the serial
 * link, the ranger's pins) and about a servo's safety limits: each mistake refused with its line.
 */
class BoardPinsValidationTest {

  private static final String HEAD = """
      installation: board-pins
      site: Bench
      hardware:
        backend: simulated
      boards:
        - {id: uno-1, port: /dev/ttyACM0, protocol: streetsense}
        - {id: nano-1, port: /dev/ttyACM1, protocol: firmata, model: nano}
        - {id: mega-1, port: /dev/ttyACM2, protocol: firmata, model: mega}
      uplink:
        mqtt:
          url: tcp://localhost:1883
      devices:
      """;

  @Test
  void theSerialLinksPinsAreRefusedOnEveryBoard() {
    List<String> errors = errors("""
          - {id: a, driver: board-output, board: uno-1, pin: D0}
          - {id: b, driver: board-output, board: mega-1, pin: D1}
          - {id: c, driver: board-pin, board: nano-1, pin: D0}
        """);

    assertThat(errors).containsExactly(
        "board-pins.yaml:13:54: devices[0].pin: D0 of board uno-1 is a pin of the serial link to "
            + "the gateway (D0 receives, D1 sends over USB); a device there breaks the link, use "
            + "D2 or above",
        "board-pins.yaml:14:55: devices[1].pin: D1 of board mega-1 is a pin of the serial link "
            + "to the gateway (D0 receives, D1 sends over USB); a device there breaks the link, "
            + "use D2 or above",
        "board-pins.yaml:15:52: devices[2].pin: D0 of board nano-1 is a pin of the serial link "
            + "to the gateway (D0 receives, D1 sends over USB); a device there breaks the link, "
            + "use D2 or above");
  }

  @Test
  void aPinBeyondTheModelIsRefusedNamingTheModelsPins() {
    List<String> errors = errors("""
          - {id: a, driver: board-output, board: uno-1, pin: D20}
          - {id: b, driver: board-pin, board: uno-1, pin: A6}
          - {id: c, driver: board-output, board: mega-1, pin: D20}
          - {id: d, driver: board-pin, board: nano-1, pin: A7}
        """);

    assertThat(errors).containsExactly(
        "board-pins.yaml:13:54: devices[0].pin: board uno-1 is an Arduino uno (model: uno), which "
            + "has no D20; its pins are D2..D13 and A0..A5; declare the board's model, e.g. "
            + "model: mega, if it is another board",
        "board-pins.yaml:14:51: devices[1].pin: board uno-1 is an Arduino uno (model: uno), which "
            + "has no A6; its pins are D2..D13 and A0..A5; declare the board's model, e.g. "
            + "model: mega, if it is another board");
  }

  @Test
  void pwmOnlyOnTheModelsPwmPinsAndOutputsNeverOnAnAnalogInputOnlyPin() {
    List<String> errors = errors("""
          - {id: a, driver: board-pwm, board: uno-1, pin: D4}
          - {id: b, driver: board-pwm, board: mega-1, pin: D44}
          - {id: c, driver: board-output, board: nano-1, pin: A6}
        """);

    assertThat(errors).containsExactly(
        "board-pins.yaml:13:51: devices[0].pin: D4 of board uno-1 (an Arduino uno) has no PWM; "
            + "its PWM pins are D3, D5, D6, D9, D10, D11",
        "board-pins.yaml:15:55: devices[2].pin: A6 of an Arduino nano is an analog input only; "
            + "it cannot drive an output");
  }

  @Test
  void theRangersEchoPinIsTakenOnAStreetsenseBoard() {
    List<String> errors = errors("""
          - {id: ranger, driver: board-distance, board: uno-1, pin: D7}
          - {id: lamp, driver: board-output, board: uno-1, pin: D8}
        """);

    assertThat(errors).containsExactly("board-pins.yaml:14:57: devices[1].pin: pin D8 of board "
        + "uno-1 is already used by devices[0] (ranger, the HC-SR04 ranger's trigger; its echo is "
        + "D8); each pin, address or chip-select belongs to one device");
  }

  @Test
  void theModelDefaultsToTheUnoAndAnUnknownModelIsRefused() throws Exception {
    Installation inst = load("  - {id: lamp, driver: board-output, board: uno-1, pin: D13}\n");
    assertThat(inst.boards()).extracting(b -> b.model())
        .containsExactly(BoardModel.UNO, BoardModel.NANO, BoardModel.MEGA);

    assertThat(String.join("\n", errors(HEAD.replace("model: nano", "model: leonardo"),
        "  - {id: lamp, driver: board-output, board: uno-1, pin: D13}\n")))
        .contains("board-pins.yaml:7:")
        .contains("'leonardo' is not a known board model")
        .contains("uno, nano, mega");
  }

  @Test
  void aServoCappedInQuietHoursIsRefusedSuggestingBlock() {
    List<String> errors = errors("""
          - {id: flag, driver: board-servo, board: nano-1, pin: D9}
          - {id: servos, driver: pca9685, address: 0x40, channels: {arm: {index: 0}}}
        safety:
          quietHours:
            windows: [{from: "22:00", to: "07:00"}]
          actuators:
            flag: {operations: [set], range: {min: 20, max: 160}, quietHours: cap, quietLevel: 1}
            servos/arm: {kind: motion, quietHours: cap, quietLevel: 0.5}
        """);

    assertThat(errors).containsExactly(
        "board-pins.yaml:19:71: safety.actuators.flag.quietHours: quietHours: cap limits a level "
            + "0..1, but 'flag' is a servo whose level is an angle: capped, it would turn to "
            + "quietLevel degrees (0..1), outside any useful range; write quietHours: block (it "
            + "rests at its safe angle during quiet hours) or unaffected",
        "board-pins.yaml:20:44: safety.actuators.servos/arm.quietHours: quietHours: cap limits a "
            + "level 0..1, but 'servos/arm' is a servo whose level is an angle: capped, it would "
            + "turn to quietLevel degrees (0..1), outside any useful range; write quietHours: "
            + "block (it rests at its safe angle during quiet hours) or unaffected");
  }

  @Test
  void aServosSafeAngleOutsideItsRangeIsRefused() {
    List<String> errors = errors("""
          - {id: flag, driver: board-servo, board: nano-1, pin: D9, options: {safeAngle: 10}}
          - {id: arm, driver: board-servo, board: nano-1, pin: D10}
        safety:
          actuators:
            flag: {operations: [set], range: {min: 20, max: 160}}
            arm: {operations: [set], range: {min: 100, max: 160}}
        """);

    assertThat(errors).containsExactly(
        "board-pins.yaml:17:38: safety.actuators.flag.range: 'flag' rests at its safeAngle 10, "
            + "outside its range 20..160; its safe angle must be one the range allows: move "
            + "safeAngle into the range or widen the range",
        "board-pins.yaml:18:37: safety.actuators.arm.range: 'arm' rests at its safeAngle 90, "
            + "outside its range 100..160; its safe angle must be one the range allows: move "
            + "safeAngle into the range or widen the range");
  }

  private static Installation load(String devices) throws Exception {
    return InstallationLoader.load("board-pins.yaml", new ByteArrayInputStream((HEAD + devices)
        .getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> errors(String devices) {
    return errors(HEAD, devices);
  }

  private static List<String> errors(String head, String devices) {
    try {
      InstallationLoader.load("board-pins.yaml", new ByteArrayInputStream((head + devices)
          .getBytes(StandardCharsets.UTF_8)));
      return List.of();
    } catch (ConfigException e) {
      return e.errors().stream().map(ConfigError::format).toList();
    }
  }
}
