package org.streetsense.system.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.streetsense.system.board.BoardCommandTopics.WAIT;
import static org.streetsense.system.board.BoardCommandTopics.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.bridge.sim.BoardProtocol;
import org.streetsense.bridge.sim.SimulatedBoard;
import org.streetsense.bridge.sim.SimulatedBoardOptions;
import org.streetsense.gateway.app.Gateway;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedSerialBoard;
import org.streetsense.harness.FreePorts;

/**
 * Board outputs when the USB cable is pulled and put back, with the gateway, the spool and the
 * MQTT uplink on a real Mosquitto: the loss is published (retained state, cause
 * {@code hardware_lost}, not safe: a powered board may hold its last level; safe again, cause
 * {@code hardware_ready}, once the board confirmed the safe level), commands fail while the board is away, and the safe level is
 * driven first thing when the board is back, before commands work again. The boards are the
 * simulated boards of the jar behind the simulated backend's serial ports, one per protocol; the
 * test pulls their cables and reads their pins.
 */
@Timeout(180)
class BoardLinkLossIT {

  private static final String INSTALLATION = "underpass";
  private static final String UNO = "/dev/serial/by-id/usb-Arduino_Uno_sim-if00";
  private static final String NANO = "/dev/serial/by-id/usb-Arduino_Nano_sim-if00";

  @RegisterExtension final BoardCommandTopics mqtt = new BoardCommandTopics(INSTALLATION);
  @TempDir Path dir;
  private SimulatedBackend backend;
  private Gateway gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.stop();
    }
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void aPulledCableIsReportedAndTheSafeLevelComesFirstWhenTheBoardIsBack() throws Exception {
    backend = SimulatedBackend.builder().build();
    SimulatedSerialBoard uno = backend.attachBoard(UNO, SimulatedBoardOptions
        .builder(BoardProtocol.STREETSENSE).boardId("uno-1").build());
    SimulatedSerialBoard nano = backend.attachBoard(NANO, SimulatedBoardOptions
        .builder(BoardProtocol.FIRMATA).boardId("firmata-1").build());
    gateway = Gateway.start(InstallationLoader.load(installation()),
        new GatewayOptions(() -> "board-loss-token".toCharArray(), backend, "test"));
    SimulatedBoard relayBoard = uno.board();
    SimulatedBoard servoBoard = nano.board();

    await().atMost(WAIT).until(() -> relayBoard.pins().output(4).equals(Optional.of(true))
        && servoBoard.pins().servo(10).equals(Optional.of(90)));
    assertThat(mqtt.answer("fog", "{\"op\":\"on\"}").path("status").asText())
        .isEqualTo("accepted");
    assertThat(mqtt.answer("flag", "{\"op\":\"set\",\"value\":150}").path("status").asText())
        .isEqualTo("accepted");
    await().atMost(WAIT).until(() -> relayBoard.pins().output(4).equals(Optional.of(false))
        && servoBoard.pins().servo(10).equals(Optional.of(150)));

    uno.unplug();
    nano.unplug();

    JsonNode fog = mqtt.state("fog", s -> s.path("cause").asText().equals("hardware_lost"));
    assertThat(fog.path("safe").asBoolean()).as("nobody knows what the pin drives now").isFalse();
    assertThat(fog.path("level").asDouble()).isZero();
    assertThat(mqtt.state("flag", s -> s.path("cause").asText().equals("hardware_lost"))
        .path("level").asDouble()).isEqualTo(90.0);
    await("/health names the absent output").atMost(WAIT)
        .until(() -> health().contains("device fog"));
    String id = mqtt.answer("fog", "{\"op\":\"on\"}").path("id").asText();
    JsonNode refused = json(mqtt.results().awaitMessage(r -> json(r).path("id").asText()
        .equals(id) && !json(r).path("status").asText().equals("accepted"), WAIT));
    assertThat(refused.path("status").asText()).as(refused.toString()).isEqualTo("failed");
    assertThat(refused.toString()).contains("hardware_error", "uno-1 is not connected");
    assertThat(relayBoard.pins().output(4)).as("nothing reached the unplugged board").isEmpty();

    uno.plug();
    nano.plug();

    await("safe again, before any command").atMost(WAIT).until(() ->
        relayBoard.pins().output(4).equals(Optional.of(true))
            && servoBoard.pins().servo(10).equals(Optional.of(90)));
    assertThat(mqtt.state("fog", s -> s.path("cause").asText().equals("hardware_ready"))
        .path("safe").asBoolean()).as("safe once the board confirmed it").isTrue();
    await("/health no longer names it").atMost(WAIT)
        .until(() -> !health().contains("device fog"));
    await("commands work again").atMost(WAIT).until(() ->
        mqtt.answer("fog", "{\"op\":\"on\"}").path("status").asText().equals("accepted"));
    await().atMost(WAIT).until(() -> relayBoard.pins().output(4).equals(Optional.of(false)));

    gateway.stop();
    gateway = null;
    assertThat(relayBoard.pins().output(4)).as("off again at shutdown").contains(true);
  }

  private String health() throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + gateway.httpPort() + "/health")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  private Path installation() throws IOException {
    Path file = dir.resolve("underpass.yaml");
    Files.writeString(file, """
        installation: %s
        site: Pedestrian underpass, rehearsal
        hardware: {backend: simulated}
        boards:
          - {id: uno-1, port: %s, protocol: streetsense}
          - {id: firmata-1, port: %s, protocol: firmata}
        devices:
          - {id: fog, driver: board-output, board: uno-1, pin: D4, options: {activeLow: true}}
          - {id: flag, driver: board-servo, board: firmata-1, pin: D10}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        safety:
          actuators:
            fog: {kind: switch, operations: [on, off]}
            flag: {operations: [set]}
        """.formatted(INSTALLATION, UNO, NANO, mqtt.url(), dir.resolve("spool"),
        FreePorts.next()));
    return file;
  }
}
