package org.streetsense.bridge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streetsense.bridge.link.InMemoryLinkPair;
import org.streetsense.bridge.protocol.BoardCommand;
import org.streetsense.bridge.protocol.BoardMessage;
import org.streetsense.bridge.protocol.ChannelMode;
import org.streetsense.bridge.protocol.NackReason;
import org.streetsense.bridge.protocol.Unit;
import org.streetsense.bridge.session.BoardInfo;
import org.streetsense.bridge.session.BoardListener;
import org.streetsense.bridge.session.BoardSession;
import org.streetsense.bridge.session.BoardSessionOptions;
import org.streetsense.bridge.session.BoardState;
import org.streetsense.bridge.session.CommandRejectedException;

class SimulatedStreetsenseBoardTest {

  private static final int A0 = 14;
  private static final Duration WAIT = Duration.ofSeconds(5);

  private InMemoryLinkPair pair;
  private SimulatedBoard board;
  private BoardSession session;
  private final List<BoardMessage.Reading> readings = new CopyOnWriteArrayList<>();
  private final List<BoardMessage.Event> events = new CopyOnWriteArrayList<>();
  private final List<BoardInfo> readies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    pair = new InMemoryLinkPair("sim");
    board = new SimulatedBoard(pair.board(),
        SimulatedBoardOptions.builder(BoardProtocol.STREETSENSE).boardId("uno-1")
            .heartbeatInterval(Duration.ofMillis(50)).build());
    board.start();
    session = new BoardSession(pair.host(), BoardSessionOptions.builder()
        .helloRetryInterval(Duration.ofMillis(50)).requestTimeout(Duration.ofMillis(150))
        .heartbeatInterval(Duration.ofMillis(50)).missedHeartbeats(4).build());
    session.addListener(new BoardListener() {
      @Override
      public void onReady(BoardInfo info) {
        readies.add(info);
      }

      @Override
      public void onReading(BoardMessage.Reading reading) {
        readings.add(reading);
      }

      @Override
      public void onEvent(BoardMessage.Event event) {
        events.add(event);
      }
    });
  }

  @AfterEach
  void tearDown() {
    session.close();
    board.close();
    pair.close();
  }

  @Test
  void announcesUnoPinsAndTheRanger() throws Exception {
    BoardInfo info = session.start().get(5, TimeUnit.SECONDS);
    assertThat(info.boardId()).isEqualTo("uno-1");
    assertThat(info.channel("A0")).hasValueSatisfying(c ->
        assertThat(c.modes()).contains(ChannelMode.ANALOG_INPUT));
    assertThat(info.channel("D9")).hasValueSatisfying(c ->
        assertThat(c.modes()).contains(ChannelMode.PWM));
    assertThat(info.channel("hcsr04")).hasValueSatisfying(c ->
        assertThat(c.modes()).containsExactly(ChannelMode.DISTANCE));
  }

  @Test
  void configuredAnalogPinReportsTheValueTheTestSets() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.setAnalog(0, 512);
    session.send(new BoardCommand.Configure(A0, ChannelMode.ANALOG_INPUT, Duration.ofMillis(20)))
        .get(2, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> readings.contains(
        BoardMessage.Reading.ofInt(A0, Unit.COUNTS, 512)));
    board.setAnalog(0, 77);
    await().atMost(WAIT).until(() -> readings.contains(
        BoardMessage.Reading.ofInt(A0, Unit.COUNTS, 77)));
  }

  @Test
  void rangerReportsDistanceInMillimetres() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.setDistanceMm(1234.5);
    session.send(new BoardCommand.Configure(UnoLayout.HCSR04, ChannelMode.DISTANCE,
        Duration.ofMillis(30))).get(2, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> readings.contains(
        BoardMessage.Reading.ofFloat(UnoLayout.HCSR04, Unit.MILLIMETRE, 1234.5f)));
  }

  @Test
  void digitalInputEdgesArriveAsEvents() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    session.send(new BoardCommand.Configure(2, ChannelMode.DIGITAL_INPUT, Duration.ZERO))
        .get(2, TimeUnit.SECONDS);
    board.setDigitalInput(2, true);
    board.setDigitalInput(2, false);
    await().atMost(WAIT).until(() -> events.size() == 2);
    assertThat(events).extracting(BoardMessage.Event::high).containsExactly(true, false);
  }

  @Test
  void commandsDriveOutputsAndPwm() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    session.send(new BoardCommand.Configure(13, ChannelMode.DIGITAL_OUTPUT, Duration.ZERO))
        .get(2, TimeUnit.SECONDS);
    session.send(new BoardCommand.SetDigital(13, true)).get(2, TimeUnit.SECONDS);
    session.send(new BoardCommand.Configure(9, ChannelMode.PWM, Duration.ZERO))
        .get(2, TimeUnit.SECONDS);
    session.send(new BoardCommand.SetPwm(9, 200)).get(2, TimeUnit.SECONDS);
    assertThat(board.pins().output(13)).hasValue(true);
    assertThat(board.pins().pwm(9)).hasValue(200);
  }

  @Test
  void writeToAnUnconfiguredPinIsRefusedWithWrongMode() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> session.send(new BoardCommand.SetDigital(13, true))
        .get(2, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(CommandRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(NackReason.WRONG_MODE));
  }

  @Test
  void corruptedFramesAreCountedAndNeverDelivered() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.setAnalog(0, 300);
    board.faults().corruptNextFrames(5);
    session.send(new BoardCommand.Configure(A0, ChannelMode.ANALOG_INPUT, Duration.ofMillis(20)))
        .get(3, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> readings.size() >= 3);
    assertThat(board.faults().corrupted()).isEqualTo(5);
    assertThat(session.decoderStats().crcErrors() + session.decoderStats().cobsErrors()
        + session.decoderStats().malformed()).isGreaterThanOrEqualTo(5);
    assertThat(readings).allMatch(r -> r.equals(BoardMessage.Reading.ofInt(A0, Unit.COUNTS, 300)));
  }

  @Test
  void droppedAckIsRecoveredByRetry() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> session.state() == BoardState.READY);
    board.faults().dropNextFrames(1);
    session.send(new BoardCommand.Configure(13, ChannelMode.DIGITAL_OUTPUT, Duration.ZERO))
        .get(3, TimeUnit.SECONDS);
    assertThat(board.faults().dropped()).isEqualTo(1);
  }

  @Test
  void garbageOnTheLineCausesResyncsOnly() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.injectGarbage(new byte[] {0x13, 0x37, 0x00, 0x7f, 0x7f, 0x7f, 0x00});
    board.setAnalog(0, 5);
    session.send(new BoardCommand.Configure(A0, ChannelMode.ANALOG_INPUT, Duration.ofMillis(20)))
        .get(3, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> !readings.isEmpty());
    assertThat(session.decoderStats().resyncs()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void boardResetIsSeenAsReadyAgainSoConfigurationCanBeReplayed() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.reset();
    await().atMost(WAIT).until(() -> readies.size() == 2);
    assertThat(session.state()).isEqualTo(BoardState.READY);
  }

  @Test
  void unpluggingAPlainLinkEndsTheSession() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    pair.unplug(new IOException("cable cut"));
    await().atMost(WAIT).until(() -> session.state() == BoardState.DISCONNECTED);
  }
}
