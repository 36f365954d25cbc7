package org.streetsense.gateway.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streetsense.bridge.link.ReconnectOptions;
import org.streetsense.bridge.session.BoardSessionOptions;
import org.streetsense.bridge.sim.SimulatedBoard;
import org.streetsense.bridge.sim.SimulatedBoardOptions;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedSerialBoard;
import org.streetsense.gateway.status.DeviceState;

/**
 * Board outputs against the simulated board in the jar (real protocol bytes, both protocols):
 * the pin's level is read on the simulated board at open, on commands, when the board is
 * unplugged and back, and at close, for both active levels.
 */
class BoardOutputsTest {

  private static final String PORT = "/dev/serial/by-id/usb-uno-1";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final BoardsOptions FAST = BoardsOptions.DEFAULT
      .withReconnect(new ReconnectOptions(Duration.ofMillis(20), Duration.ofMillis(100)))
      .withSession(BoardSessionOptions.builder().helloRetryInterval(Duration.ofMillis(50))
          .requestTimeout(Duration.ofMillis(200)).heartbeatInterval(Duration.ofMillis(100))
          .missedHeartbeats(3).build());

  private final SimulatedBackend backend = SimulatedBackend.builder().build();
  private final List<String> lost = new CopyOnWriteArrayList<>();
  private Boards boards;
  private SimulatedSerialBoard cable;

  @AfterEach
  void tearDown() {
    if (boards != null) {
      boards.close();
    }
    backend.close();
  }

  private SimulatedBoard open(BoardProtocol protocol, BoardOutputSpec... outputs)
      throws IOException {
    cable = backend.attachBoard(PORT, SimulatedBoardOptions.builder(
            protocol == BoardProtocol.FIRMATA ? org.streetsense.bridge.sim.BoardProtocol.FIRMATA
                : org.streetsense.bridge.sim.BoardProtocol.STREETSENSE)
        .boardId("uno-1").heartbeatInterval(Duration.ofMillis(50)).build());
    boards = Boards.create("tunnel-echo", List.of(new BoardSpec("uno-1", PORT, protocol,
        BoardSpec.defaultBaud(protocol))), List.of(), List.of(outputs), backend, o -> { }, FAST);
    boards.onOutputLost(lost::add);
    boards.start();
    return cable.board();
  }

  private static BoardOutputSpec digital(String id, String pin, boolean activeLow, double safe) {
    return new BoardOutputSpec(id, "board-output", "uno-1", pin, BoardOutputKind.DIGITAL,
        ActuatorKind.SWITCH, activeLow, safe);
  }

  private Actuator actuator(String id) {
    return boards.outputs().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
  }

  private boolean ready(String id) {
    return boards.status(id).map(s -> s.state() == DeviceState.OK).orElse(false);
  }

  @Test
  void streetsenseActiveLowRelayIsOffAtOpenOnOffAndAfterReplugAndOnWhenCommanded()
      throws Exception {
    SimulatedBoard board = open(BoardProtocol.STREETSENSE, digital("fog", "D4", true, 0),
        digital("lamp", "D13", false, 0));

    await().atMost(WAIT).until(() -> ready("fog") && ready("lamp"));
    assertThat(board.pins().output(4)).as("active-low relay off = pin high").contains(true);
    assertThat(board.pins().output(13)).as("active-high lamp off = pin low").contains(false);

    actuator("fog").apply(1.0);
    actuator("lamp").apply(1.0);
    assertThat(board.pins().output(4)).contains(false);
    assertThat(board.pins().output(13)).contains(true);
    assertThat(actuator("fog").level()).isEqualTo(1.0);

    actuator("fog").apply(0.0);
    assertThat(board.pins().output(4)).contains(true);
    actuator("fog").apply(1.0);

    cable.unplug();
    await().atMost(WAIT).until(() -> lost.containsAll(List.of("fog", "lamp")));
    assertThat(boards.status("fog").orElseThrow().state()).isEqualTo(DeviceState.ABSENT);
    assertThat(boards.status("fog").orElseThrow().lastError()).contains("unplugged");
    assertThatThrownBy(() -> actuator("fog").apply(1.0)).isInstanceOf(HardwareIoException.class)
        .hasMessageContaining("uno-1");

    cable.plug();
    await().atMost(WAIT).until(() -> ready("fog"));
    assertThat(board.pins().output(4)).as("safe again after replug").contains(true);
    assertThat(lost).as("each loss reported once").containsOnlyOnce("fog");
  }

  @Test
  void streetsensePwmDimsAndAnActiveLowPwmInvertsItsDuty() throws Exception {
    SimulatedBoard board = open(BoardProtocol.STREETSENSE,
        new BoardOutputSpec("glow", "board-pwm", "uno-1", "D9", BoardOutputKind.PWM,
            ActuatorKind.LIGHT, false, 0),
        new BoardOutputSpec("anode", "board-pwm", "uno-1", "D10", BoardOutputKind.PWM,
            ActuatorKind.LIGHT, true, 0));
    await().atMost(WAIT).until(() -> ready("glow") && ready("anode"));
    assertThat(board.pins().pwm(9)).contains(0);
    assertThat(board.pins().pwm(10)).contains(255);

    actuator("glow").apply(0.5);
    actuator("anode").apply(0.5);

    assertThat(board.pins().pwm(9)).contains(128);
    assertThat(board.pins().pwm(10)).contains(127);
  }

  @Test
  void aPinTheBoardCannotDriveFaultsWithItsName() throws Exception {
    open(BoardProtocol.STREETSENSE, new BoardOutputSpec("glow", "board-pwm", "uno-1", "D4",
        BoardOutputKind.PWM, ActuatorKind.LIGHT, false, 0));

    await().atMost(WAIT).until(() -> boards.status("glow").orElseThrow().state()
        == DeviceState.FAULT);
    assertThat(boards.status("glow").orElseThrow().lastError()).contains("no PWM on D4");
    assertThatThrownBy(() -> actuator("glow").apply(0.5))
        .isInstanceOf(HardwareIoException.class);
  }

  @Test
  void firmataDigitalPwmAndServoStartSafeFollowCommandsAndEndSafeAtClose() throws Exception {
    SimulatedBoard board = open(BoardProtocol.FIRMATA, digital("fog", "D4", true, 0),
        new BoardOutputSpec("glow", "board-pwm", "uno-1", "D9", BoardOutputKind.PWM,
            ActuatorKind.LIGHT, false, 0),
        new BoardOutputSpec("flag", "board-servo", "uno-1", "D10", BoardOutputKind.SERVO,
            ActuatorKind.MOTION, false, 90));
    await().atMost(WAIT).until(() -> ready("fog") && ready("glow") && ready("flag"));
    assertThat(board.pins().output(4)).contains(true);
    assertThat(board.pins().pwm(9)).contains(0);
    assertThat(board.pins().servo(10)).contains(90);

    actuator("fog").apply(1.0);
    actuator("glow").apply(1.0);
    actuator("flag").apply(30);
    // Firmata has no acknowledgements: the write is done when its bytes left
    await().atMost(WAIT).until(() -> board.pins().output(4).equals(Optional.of(false))
        && board.pins().pwm(9).equals(Optional.of(255))
        && board.pins().servo(10).equals(Optional.of(30)));

    cable.unplug();
    await().atMost(WAIT).until(() -> lost.containsAll(List.of("fog", "glow", "flag")));
    cable.plug();
    await().atMost(WAIT).until(() -> ready("fog") && ready("glow") && ready("flag"));
    await().atMost(WAIT).until(() -> board.pins().output(4).equals(Optional.of(true))
        && board.pins().servo(10).equals(Optional.of(90)));
    actuator("fog").apply(1.0);
    await().atMost(WAIT).until(() -> board.pins().output(4).equals(Optional.of(false)));

    boards.close();
    boards = null;
    await("safe level written before the port closed").atMost(WAIT)
        .until(() -> board.pins().output(4).equals(Optional.of(true)));
  }
}
