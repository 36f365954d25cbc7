package org.streetsense.system.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.bridge.sim.BoardProtocol;
import org.streetsense.bridge.sim.SimulatedBoard;
import org.streetsense.bridge.sim.SimulatedBoardOptions;
import org.streetsense.gateway.app.Gateway;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;

/**
 * A reflex from a board input to a board output, both on the simulated StandardFirmata board of
 * the jar: the test presses the button on the board's pin, the reflex pulses the active-low relay
 * on another pin of the same board, and the test reads that pin go low and back high.
 */
@Timeout(120)
class BoardReflexIT {

  private static final String PORT = "/dev/serial/by-id/usb-Arduino_Nano_sim-if00";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private MosquittoServer broker;
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
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aButtonOnTheBoardPulsesARelayOnTheBoard() throws Exception {
    broker = MosquittoServer.anonymous();
    broker.start();
    backend = SimulatedBackend.builder().build();
    SimulatedBoard board = backend.attachBoard(PORT, SimulatedBoardOptions
        .builder(BoardProtocol.FIRMATA).boardId("nano-1").build()).board();
    Path file = dir.resolve("rail.yaml");
    Files.writeString(file, """
        installation: handrail
        site: Handrail, rehearsal
        hardware: {backend: simulated}
        boards:
          - {id: nano-1, port: %s, protocol: firmata}
        devices:
          - id: rail-button
            driver: board-pin
            board: nano-1
            pin: D2
            mode: event
            channels:
              pressed: {unit: bool}
          - {id: fog, driver: board-output, board: nano-1, pin: D4, options: {activeLow: true}}
        uplink:
          mqtt: {url: "%s"}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        safety:
          actuators:
            fog: {kind: switch, operations: [pulse], maxOnTime: 10s}
        reflexes:
          - name: rail-fog
            when: {device: rail-button, above: 0.5}
            do:
              - {actuator: fog, op: pulse, value: 1, duration: 500ms}
        """.formatted(PORT, broker.url(), dir.resolve("spool"), FreePorts.next()));
    gateway = Gateway.start(InstallationLoader.load(file),
        new GatewayOptions(() -> "reflex-token".toCharArray(), backend, "test"));
    await("the relay starts off (pin high)").atMost(WAIT)
        .until(() -> board.pins().output(4).equals(Optional.of(true)));

    board.setDigitalInput(2, true);

    await("the reflex switched the relay on").atMost(WAIT)
        .until(() -> board.pins().output(4).equals(Optional.of(false)));
    await("and off again after its pulse").atMost(WAIT)
        .until(() -> board.pins().output(4).equals(Optional.of(true)));
    assertThat(board.pins().output(4)).contains(true);
  }
}
