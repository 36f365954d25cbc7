package org.streetsense.gateway.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.bridge.link.ReconnectOptions;
import org.streetsense.bridge.session.BoardSessionOptions;
import org.streetsense.bridge.sim.SimulatedBoard;
import org.streetsense.bridge.sim.SimulatedBoardOptions;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.ActuatorState;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.command.CommandResult;
import org.streetsense.gateway.command.CommandStatus;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedSerialBoard;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;
import org.streetsense.gateway.status.DeviceState;

/**
 * Board outputs wired to the command processor as the gateway wires them, against the simulated
 * board in the jar: what the retained state says is what the board's pin shows (duty/255, whole
 * degrees), it says safe only once the board confirmed the safe level, and a pin the board does
 * not offer is a device fault, refused with its reason, never a hardware loss.
 */
@Timeout(60)
class BoardOutputsUnderCommandsTest {

  private static final String PORT = "/dev/serial/by-id/usb-uno-1";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final BoardsOptions FAST = BoardsOptions.DEFAULT
      .withReconnect(new ReconnectOptions(Duration.ofMillis(20), Duration.ofMillis(100)))
      .withSession(BoardSessionOptions.builder().helloRetryInterval(Duration.ofMillis(50))
          .requestTimeout(Duration.ofMillis(200)).heartbeatInterval(Duration.ofMillis(100))
          .missedHeartbeats(3).build());

  private final SimulatedBackend backend = SimulatedBackend.builder().build();
  private final List<ActuatorState> states = new CopyOnWriteArrayList<>();
  private final List<CommandResult> results = new CopyOnWriteArrayList<>();
  private Boards boards;
  private CommandProcessor commands;
  private SimulatedSerialBoard cable;
  private int ids;

  @AfterEach
  void tearDown() {
    if (commands != null) {
      commands.close();
    }
    if (boards != null) {
      boards.close();
    }
    backend.close();
  }

  private SimulatedBoard open(BoardProtocol protocol, boolean plugged, BoardOutputSpec... outputs)
      throws IOException {
    cable = backend.attachBoard(PORT, SimulatedBoardOptions.builder(
            protocol == BoardProtocol.FIRMATA ? org.streetsense.bridge.sim.BoardProtocol.FIRMATA
                : org.streetsense.bridge.sim.BoardProtocol.STREETSENSE)
        .boardId("uno-1").heartbeatInterval(Duration.ofMillis(50)).build());
    if (!plugged) {
      cable.unplug();
    }
    boards = Boards.create("tunnel-echo", List.of(new BoardSpec("uno-1", PORT, protocol,
        BoardSpec.defaultBaud(protocol))), List.of(), List.of(outputs), backend, o -> { }, FAST);
    List<ActuatorLimits> limits = List.of(outputs).stream().map(o -> ActuatorLimits.builder(
            o.deviceId()).operations(EnumSet.of(Operation.SET, Operation.ON, Operation.OFF))
        .range(0, o.kind() == BoardOutputKind.SERVO ? 180 : 1).build()).toList();
    commands = new CommandProcessor(boards.outputs(), new SafetyPolicy(limits, QuietHours.none(),
        System::currentTimeMillis, System::nanoTime), TimeSource.system(),
        CommandProcessorOptions.defaults());
    commands.onState(states::add);
    commands.onResult(results::add);
    boards.onOutputLost(commands::hardwareLost);
    boards.onOutputSettled(commands::hardwareSettled);
    commands.announceAll("startup");
    boards.start();
    return cable.board();
  }

  private CommandResult send(String actuator, Operation op, double value) {
    String id = "c" + (++ids);
    commands.submit(new Command(id, id, actuator, op, value, Duration.ZERO, Long.MAX_VALUE,
        CommandSource.MQTT));
    await().atMost(WAIT).until(() -> results.stream().anyMatch(r -> r.commandId().equals(id)
        && r.status() != CommandStatus.ACCEPTED));
    return results.stream().filter(r -> r.commandId().equals(id)
        && r.status() != CommandStatus.ACCEPTED).findFirst().orElseThrow();
  }

  private ActuatorState last(String actuator) {
    return states.stream().filter(s -> s.actuator().equals(actuator))
        .reduce((a, b) -> b).orElseThrow();
  }

  private static BoardOutputSpec pwm(String id, String pin, double safe) {
    return new BoardOutputSpec(id, "board-pwm", "uno-1", pin, BoardOutputKind.PWM,
        ActuatorKind.LIGHT, false, safe);
  }

  @Test
  void theStateSaysSafeOnlyOnceTheBoardDroveTheSafeLevel() throws Exception {
    SimulatedBoard board = open(BoardProtocol.STREETSENSE, false,
        new BoardOutputSpec("fog", "board-output", "uno-1", "D4", BoardOutputKind.DIGITAL,
            ActuatorKind.SWITCH, true, 0));

    await().atMost(WAIT).until(() -> !states.isEmpty());
    ActuatorState absent = last("fog");
    assertThat(absent.safe()).as("the board never answered: nobody knows the pin").isFalse();
    assertThat(absent.cause()).isEqualTo("hardware_absent");
    assertThat(board.pins().output(4)).isEmpty();

    cable.plug();
    await().atMost(WAIT).until(() -> last("fog").cause().equals("hardware_ready"));
    assertThat(last("fog").safe()).isTrue();
    assertThat(board.pins().output(4)).as("active-low relay off = pin high").contains(true);

    assertThat(send("fog", Operation.ON, 0).status()).isEqualTo(CommandStatus.DONE);
    cable.unplug();
    await().atMost(WAIT).until(() -> last("fog").cause().equals("hardware_lost"));
    assertThat(last("fog").safe()).as("a silent but powered board may hold its last level")
        .isFalse();
  }

  @Test
  void pwmStatesReportTheDutyThePinShowsAndSafeIsJudgedOnIt() throws Exception {
    SimulatedBoard board = open(BoardProtocol.STREETSENSE, true, pwm("glow", "D9", 0),
        pwm("beacon", "D10", 1));
    await().atMost(WAIT).until(() -> states.stream().filter(s -> s.cause().equals(
        "hardware_ready")).count() == 2);

    send("glow", Operation.SET, 0.001);
    assertThat(board.pins().pwm(9)).contains(0);
    assertThat(last("glow").level()).isZero();
    assertThat(last("glow").safe()).as("duty 0 is the safe level").isTrue();

    send("glow", Operation.SET, 1e-300);
    assertThat(last("glow").safe()).isTrue();

    send("glow", Operation.SET, 0.3);
    assertThat(board.pins().pwm(9)).contains(77);
    assertThat(last("glow").level()).isEqualTo(77 / 255.0);

    send("beacon", Operation.SET, 0.9999);
    assertThat(board.pins().pwm(10)).contains(255);
    assertThat(last("beacon").level()).isEqualTo(1.0);
    assertThat(last("beacon").safe()).as("duty 255 is its safe level").isTrue();
  }

  @Test
  void aServosStateIsTheWholeDegreeTheServoTurnedTo() throws Exception {
    SimulatedBoard board = open(BoardProtocol.FIRMATA, true,
        new BoardOutputSpec("flag", "board-servo", "uno-1", "D10", BoardOutputKind.SERVO,
            ActuatorKind.MOTION, false, 90));
    await().atMost(WAIT).until(() -> !states.isEmpty() && last("flag").cause()
        .equals("hardware_ready"));

    send("flag", Operation.SET, 45.7);
    await().atMost(WAIT).until(() -> board.pins().servo(10).equals(Optional.of(46)));
    assertThat(last("flag").level()).isEqualTo(46.0);

    send("flag", Operation.SET, 90.2);
    assertThat(last("flag").level()).isEqualTo(90.0);
    assertThat(last("flag").safe()).as("90.2 turns the servo to its safe 90 degrees").isTrue();
  }

  @Test
  void aPinTheBoardDoesNotOfferIsADeviceFaultAndCommandsToItAreRefusedNamingIt()
      throws Exception {
    SimulatedBoard board = open(BoardProtocol.STREETSENSE, true, pwm("glow", "D4", 0),
        pwm("ok", "D9", 0));
    await().atMost(WAIT).until(() -> !states.isEmpty()
        && last("glow").cause().equals("device_fault"));
    assertThat(last("glow").safe()).isFalse();
    assertThat(boards.status("glow").orElseThrow().state()).isEqualTo(DeviceState.FAULT);

    CommandResult set = send("glow", Operation.SET, 0.5);
    CommandResult off = send("glow", Operation.OFF, 0);

    for (CommandResult r : List.of(set, off)) {
      assertThat(r.status()).isEqualTo(CommandStatus.REJECTED);
      assertThat(r.reason()).isEqualTo(RejectReason.HARDWARE_ERROR);
      assertThat(r.detail()).contains("'glow' cannot be driven").contains("no PWM on D4")
          .doesNotContain("not ready");
    }
    assertThat(states).noneMatch(s -> s.actuator().equals("glow")
        && s.cause().equals("hardware_lost"));
    assertThat(board.pins().pwm(4)).isEmpty();
    assertThat(send("ok", Operation.SET, 1).status()).isEqualTo(CommandStatus.DONE);
  }
}
