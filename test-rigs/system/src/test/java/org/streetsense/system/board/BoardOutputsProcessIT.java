package org.streetsense.system.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.streetsense.system.board.BoardCommandTopics.WAIT;

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
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Issue 14, item 4, as a user runs it: {@code streetsense run} on an installation file with
 * {@code backend: simulated} and two boards (Streetsense firmware and StandardFirmata). The
 * gateway process talks the real protocol bytes to the simulated boards in its jar, never opens a
 * serial port, and the boards' pins are read where the process shows them (its log: "simulated
 * board uno-1: D4 high") and on the retained state topics of a real Mosquitto. Commands come over
 * MQTT and, for the servo, through the dashboard's HTTP command endpoint.
 */
@Timeout(180)
class BoardOutputsProcessIT {

  private static final String INSTALLATION = "underpass";
  private static final String TOKEN = "board-outputs-technician-token-7f3a";

  @RegisterExtension final BoardCommandTopics mqtt = new BoardCommandTopics(INSTALLATION);
  @TempDir Path dir;
  private final int httpPort = FreePorts.next();

  @Test
  void boardOutputsStartSafeFollowMqttCommandsAndEndSafeWhenTheGatewayStops() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.startAsUnit(
        java.util.Map.of("STREETSENSE_HTTP_TOKEN", TOKEN), "run", "--config",
        installation().toString())) {
      await("safe levels first thing after each handshake").atMost(WAIT)
          .until(() -> !gateway.isAlive() || gateway.stderr().contains(
              "simulated board uno-1: D4 high") && gateway.stderr().contains(
              "simulated board firmata-1: D10 servo 90"));
      assertThat(gateway.isAlive()).as(gateway.stderr()).isTrue();
      assertThat(gateway.stderr()).doesNotContain("does not answer")
          .doesNotContain("no simulated serial device");
      // CONFIGURE makes D4 an output at its reset latch (low), the safe write follows back to
      // back: the pin's first two levels are low, high, before anything else happens to it
      assertThat(gateway.stderr().lines().filter(l -> l.contains("simulated board uno-1: D4"))
          .map(l -> l.substring(l.indexOf("D4"))).limit(2)).containsExactly("D4 low", "D4 high");
      // safe once the board acknowledged the safe write (cause hardware_ready), never before
      await().atMost(WAIT).until(() -> mqtt.retainedState("fog").path("safe").asBoolean());
      assertThat(mqtt.retainedState("fog").path("cause").asText())
          .isIn("startup", "hardware_ready");

      command("fog", "{\"op\":\"on\"}");
      command("glow", "{\"op\":\"set\",\"value\":0.5}");
      java.net.http.HttpResponse<String> http = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort
              + "/dash/api/actuators/flag/command"))
              .header("Authorization", "Bearer " + TOKEN)
              .header("Content-Type", "application/json")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                  "{\"id\":\"http-1\",\"op\":\"set\",\"value\":30}")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(http.body()).as("the dashboard's command endpoint").contains("accepted");

      await().atMost(WAIT).until(() -> gateway.stderr().contains("simulated board uno-1: D4 low")
          && gateway.stderr().contains("simulated board uno-1: D9 pwm 128")
          && gateway.stderr().contains("simulated board firmata-1: D10 servo 30"));
      JsonNode fog = mqtt.retainedState("fog");
      assertThat(fog.path("level").asDouble()).isEqualTo(1.0);
      assertThat(fog.path("safe").asBoolean()).isFalse();
      assertThat(mqtt.retainedState("flag").path("level").asDouble()).isEqualTo(30.0);

      gateway.terminate();
      assertThat(gateway.awaitExit(Duration.ofSeconds(40))).as(gateway.stderr()).isZero();
      String log = gateway.stderr();
      assertThat(log.lastIndexOf("simulated board uno-1: D4 high"))
          .as("the relay switched off again at shutdown").isGreaterThan(
              log.lastIndexOf("simulated board uno-1: D4 low"));
      assertThat(log.lastIndexOf("simulated board uno-1: D9 pwm 0"))
          .isGreaterThan(log.lastIndexOf("simulated board uno-1: D9 pwm 128"));
      assertThat(log.lastIndexOf("simulated board firmata-1: D10 servo 90"))
          .isGreaterThan(log.lastIndexOf("simulated board firmata-1: D10 servo 30"));
    }
    JsonNode fog = mqtt.retainedState("fog");
    assertThat(fog.path("cause").asText()).isEqualTo("shutdown");
    assertThat(fog.path("safe").asBoolean()).isTrue();
  }

  /** Sends a command until it is answered (the gateway subscribes once it is connected). */
  private void command(String actuator, String body) throws Exception {
    JsonNode answer = mqtt.answer(actuator, body);
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("accepted");
  }

  private Path installation() throws IOException {
    Path file = dir.resolve("underpass.yaml");
    Files.writeString(file, """
        installation: %s
        site: Pedestrian underpass, rehearsal
        hardware: {backend: simulated}
        boards:
          - {id: uno-1, port: /dev/serial/by-id/usb-Arduino_Uno_sim-if00, protocol: streetsense}
          - {id: firmata-1, port: /dev/serial/by-id/usb-Arduino_Nano_sim-if00, protocol: firmata}
        devices:
          - id: fog
            driver: board-output
            board: uno-1
            pin: D4
            safeState: off
            options: {activeLow: true}
          - {id: glow, driver: board-pwm, board: uno-1, pin: D9}
          - {id: flag, driver: board-servo, board: firmata-1, pin: D10, options: {safeAngle: 90}}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        safety:
          actuators:
            fog: {kind: switch, operations: [on, off]}
            glow: {operations: [set, fade]}
            flag: {operations: [set], range: {min: 20, max: 160}}
        """.formatted(INSTALLATION, mqtt.url(), dir.resolve("spool"), httpPort));
    return file;
  }
}
