package org.streetsense.system.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.streetsense.system.board.BoardCommandTopics.WAIT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.bridge.sim.BoardProtocol;
import org.streetsense.bridge.sim.SimulatedBoard;
import org.streetsense.bridge.sim.SimulatedBoardOptions;
import org.streetsense.gateway.cli.ExitCodes;
import org.streetsense.harness.FreePorts;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * A board output that is on when the gateway process is stopped with SIGTERM is back at its safe
 * level at the board before the process ends: the gateway, a separate JVM with real serial ports,
 * drives it over a socat pseudo-terminal to a simulated StandardFirmata board that, like a
 * powered Uno whose host closes the port, holds whatever level it was last told. (jSerialComm
 * closes every port in a shutdown hook of its own, which ran beside the gateway's and closed the
 * port before the safe level was written.)
 */
@Timeout(120)
class BoardOutputsSafeAtSigtermProcessIT {

  private static final String INSTALLATION = "arcade";

  @RegisterExtension final BoardCommandTopics mqtt = new BoardCommandTopics(INSTALLATION);
  @RegisterExtension final BoardOnPty cable = new BoardOnPty();
  @TempDir Path dir;
  private GatewayProcess gateway;

  @AfterEach
  void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aLampThatIsOnIsSafeAtTheBoardWhenTheProcessEndsOnSigterm() throws Exception {
    SimulatedBoard board = cable.start(SimulatedBoardOptions.builder(BoardProtocol.FIRMATA)
        .boardId("uno-1").resetOnConnect(false).build(), 57_600);
    Path file = dir.resolve("arcade.yaml");
    Files.writeString(file, """
        installation: %s
        site: Arcade, rehearsal
        hardware: {backend: pi4j}
        boards:
          - {id: uno-1, port: %s, protocol: firmata, baud: 57600}
        devices:
          - {id: lamp, driver: board-output, board: uno-1, pin: D5}
        uplink:
          mqtt: {url: "%s"}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        safety:
          actuators:
            lamp: {kind: switch, operations: [on, off]}
        """.formatted(INSTALLATION, cable.hostEnd(), mqtt.url(), dir.resolve("spool"),
        FreePorts.next()));
    gateway = GatewayProcess.start("run", "--config", file.toString());

    await("the lamp is safe (low) at start").atMost(WAIT)
        .until(() -> board.pins().output(5).equals(Optional.of(false)));
    await("a command is taken once the board is ready").atMost(WAIT)
        .until(() -> mqtt.answer("lamp", "{\"op\":\"on\"}").path("status").asText()
            .equals("accepted"));
    await().atMost(WAIT).until(() -> board.pins().output(5).equals(Optional.of(true)));

    gateway.terminate();
    assertThat(gateway.awaitExit(Duration.ofSeconds(45))).as(gateway.stderr())
        .isEqualTo(ExitCodes.OK);
    String log = gateway.stderr();
    try {
      await("the lamp at the board after SIGTERM").atMost(Duration.ofSeconds(5))
          .until(() -> board.pins().output(5).equals(Optional.of(false)));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("the lamp is " + board.pins().output(5) + " after SIGTERM; "
          + "gateway log:\n" + log, e);
    }
  }
}
