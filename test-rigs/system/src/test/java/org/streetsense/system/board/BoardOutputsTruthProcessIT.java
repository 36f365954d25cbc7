package org.streetsense.system.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.streetsense.system.board.BoardCommandTopics.WAIT;
import static org.streetsense.system.board.BoardCommandTopics.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * What the outside tester of board outputs found, seen where a user sees it: {@code validate}'s
 * messages with their lines, the retained state topics of a real Mosquitto, the answers on the
 * result topics, and the simulated boards' pins in the process's log.
 */
@Timeout(180)
class BoardOutputsTruthProcessIT {

  private static final String INSTALLATION = "arcade";

  @RegisterExtension final BoardCommandTopics mqtt = new BoardCommandTopics(INSTALLATION);
  @TempDir Path dir;
  private final int httpPort = FreePorts.next();

  @Test
  void validateRefusesPinsTheBoardCannotDriveAndServoSafetyItCannotHonour() throws Exception {
    Path file = dir.resolve("odd.yaml");
    Files.writeString(file, """
        installation: odd
        site: Bench
        hardware: {backend: simulated}
        boards:
          - {id: uno-1, port: /dev/ttyACM0, protocol: streetsense}
          - {id: nano-1, port: /dev/ttyACM1, protocol: firmata, model: nano}
        devices:
          - {id: rx, driver: board-output, board: uno-1, pin: D0}
          - {id: far, driver: board-output, board: uno-1, pin: D20}
          - {id: dim, driver: board-pwm, board: uno-1, pin: D4}
          - {id: ranger, driver: board-distance, board: uno-1, pin: D7}
          - {id: echo-lamp, driver: board-output, board: uno-1, pin: D8}
          - {id: flag, driver: board-servo, board: nano-1, pin: D9, options: {safeAngle: 10}}
        uplink:
          mqtt: {url: "tcp://localhost:1883"}
        safety:
          quietHours:
            windows: [{from: "22:00", to: "07:00"}]
          actuators:
            flag: {operations: [set], range: {min: 20, max: 160}, quietHours: cap, quietLevel: 1}
        """);

    GatewayProcess validate = GatewayProcess.run(Duration.ofSeconds(60), "validate",
        file.toString());

    String out = validate.stdout() + validate.stderr();
    assertThat(validate.exitCode()).as(out).isNotZero();
    assertThat(out).contains("odd.yaml:8:55: devices[0].pin: D0 of board uno-1 is a pin of the "
            + "serial link to the gateway")
        .contains("odd.yaml:9:56: devices[1].pin: board uno-1 is an Arduino uno (model: uno), "
            + "which has no D20")
        .contains("odd.yaml:10:53: devices[2].pin: D4 of board uno-1 (an Arduino uno) has no PWM;"
            + " its PWM pins are D3, D5, D6, D9, D10, D11")
        .contains("odd.yaml:12:62: devices[4].pin: pin D8 of board uno-1 is already used by "
            + "devices[3] (ranger, the HC-SR04 ranger's trigger; its echo is D8)")
        .contains("safety.actuators.flag.quietHours: quietHours: cap limits a level 0..1, but "
            + "'flag' is a servo")
        .contains("safety.actuators.flag.range: 'flag' rests at its safeAngle 10, outside its "
            + "range 20..160");
  }

  @Test
  void statesTellTheDrivenLevelRepeatsGetTheFinalAnswerAndARetainedCommandsFateIsAsDocumented()
      throws Exception {
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config",
        installation().toString())) {
      await("the boards confirmed their safe levels").atMost(WAIT).until(() ->
          !gateway.isAlive() || mqtt.retainedStateOrNull("glow") != null
              && mqtt.retainedStateOrNull("glow").path("safe").asBoolean()
              && mqtt.retainedStateOrNull("flag") != null
              && mqtt.retainedStateOrNull("flag").path("safe").asBoolean());
      assertThat(gateway.isAlive()).as(gateway.stderr()).isTrue();
      assertThat(gateway.stderr()).contains("simulated board uno-1: D9 pwm 0");

      // the Streetsense firmware keeps D7/D8 for its ranger: D8 is a device fault, not a loss
      await().atMost(WAIT).until(() -> mqtt.retainedState("spare").path("cause").asText()
          .equals("device_fault"));
      assertThat(mqtt.retainedState("spare").path("safe").asBoolean()).isFalse();
      JsonNode refused = mqtt.finalAnswer("spare", "s1", "{\"op\":\"off\"}");
      assertThat(refused.path("status").asText()).isEqualTo("rejected");
      assertThat(refused.path("reason").asText()).isEqualTo("hardware_error");
      assertThat(refused.path("detail").asText()).contains("'spare' cannot be driven", "D8")
          .doesNotContain("not ready");

      // a level the pin cannot show: the state is the duty the pin drives, and that is safe
      JsonNode done = mqtt.finalAnswer("glow", "g1", "{\"op\":\"set\",\"value\":0.001}");
      assertThat(done.path("status").asText()).isEqualTo("done");
      JsonNode glow = mqtt.retainedState("glow");
      assertThat(glow.path("level").asDouble()).isZero();
      assertThat(glow.path("safe").asBoolean()).isTrue();

      mqtt.finalAnswer("flag", "f1", "{\"op\":\"set\",\"value\":45.7}");
      await().atMost(WAIT).until(() -> gateway.stderr().contains(
          "simulated board nano-1: D10 servo 46"));
      assertThat(mqtt.retainedState("flag").path("level").asDouble()).isEqualTo(46.0);

      // the sender missed the answers and repeats the id (even with another op): the final answer
      mqtt.results().clear();
      mqtt.publish("glow", "{\"id\":\"g1\",\"op\":\"set\",\"value\":0.5}", false);
      ReceivedMessage repeat = mqtt.results().awaitMessage(r -> json(r).path("id").asText()
          .equals("g1"), WAIT);
      assertThat(json(repeat).path("status").asText()).isEqualTo("done");
      assertThat(gateway.stderr()).doesNotContain("D9 pwm 128");

      // MQTT 3.1.1: a retained command published while the gateway is subscribed reaches it with
      // the retain flag cleared, so it runs; at the next connect the broker hands it over
      // retained, and then it is refused (docs/mqtt-contract.md, "Never retain a command")
      mqtt.publish("glow", "{\"id\":\"ret1\",\"op\":\"set\",\"value\":0.2}", true);
      ReceivedMessage live = mqtt.results().awaitMessage(r -> json(r).path("id").asText()
          .equals("ret1") && !json(r).path("status").asText().equals("accepted"), WAIT);
      assertThat(json(live).path("status").asText()).isEqualTo("done");

      gateway.terminate();
      assertThat(gateway.awaitExit(Duration.ofSeconds(40))).as(gateway.stderr()).isZero();
    }
    mqtt.results().clear();
    try (GatewayProcess again = GatewayProcess.startAsUnit("run", "--config",
        installation().toString())) {
      ReceivedMessage refused = mqtt.results().awaitMessage(r -> json(r).path("id").asText()
          .equals("ret1"), WAIT);
      assertThat(json(refused).path("status").asText()).isEqualTo("rejected");
      assertThat(json(refused).path("reason").asText()).isEqualTo("retained");
      mqtt.publish("glow", "", true); // clears the retained command, as the answer says
      again.terminate();
      assertThat(again.awaitExit(Duration.ofSeconds(40))).as(again.stderr()).isZero();
    }
  }

  private Path installation() throws IOException {
    Path file = dir.resolve("arcade.yaml");
    Files.writeString(file, """
        installation: %s
        site: Arcade, rehearsal
        hardware: {backend: simulated}
        boards:
          - {id: uno-1, port: /dev/serial/by-id/usb-Arduino_Uno_sim-if00, protocol: streetsense}
          - {id: nano-1, port: /dev/serial/by-id/usb-Arduino_Nano_sim-if00, protocol: firmata,
             model: nano}
        devices:
          - {id: glow, driver: board-pwm, board: uno-1, pin: D9, safeState: off}
          - {id: flag, driver: board-servo, board: nano-1, pin: D10, options: {safeAngle: 90}}
          - {id: spare, driver: board-output, board: uno-1, pin: D8}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        safety:
          actuators:
            glow: {operations: [set, fade]}
            flag: {operations: [set], range: {min: 20, max: 160}}
            spare: {operations: [on, off]}
        """.formatted(INSTALLATION, mqtt.url(), dir.resolve("spool"), httpPort));
    return file;
  }
}
