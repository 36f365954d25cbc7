package org.streetsense.bridge.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streetsense.bridge.link.InMemoryLinkPair;
import org.streetsense.bridge.protocol.BoardCommand;
import org.streetsense.bridge.protocol.BoardMessage;
import org.streetsense.bridge.protocol.Hex;
import org.streetsense.bridge.protocol.NackReason;
import org.streetsense.bridge.protocol.Unit;

class BoardSessionTest {

  private static final BoardSessionOptions FAST = BoardSessionOptions.builder()
      .helloTimeout(Duration.ofSeconds(2))
      .helloRetryInterval(Duration.ofMillis(50))
      .requestTimeout(Duration.ofMillis(100))
      .retries(2)
      .heartbeatInterval(Duration.ofMillis(100))
      .missedHeartbeats(3)
      .build();

  private InMemoryLinkPair pair;
  private ScriptedBoard board;
  private BoardSession session;
  private final List<BoardMessage> heard = new CopyOnWriteArrayList<>();
  private final List<BoardState> states = new CopyOnWriteArrayList<>();
  private final List<BoardInfo> readies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    pair = new InMemoryLinkPair("session-test");
    board = new ScriptedBoard(pair.board());
    session = new BoardSession(pair.host(), FAST);
    session.addListener(new BoardListener() {
      @Override
      public void onReady(BoardInfo info) {
        readies.add(info);
      }

      @Override
      public void onReading(BoardMessage.Reading reading) {
        heard.add(reading);
      }

      @Override
      public void onEvent(BoardMessage.Event event) {
        heard.add(event);
      }

      @Override
      public void onStateChanged(BoardState from, BoardState to) {
        states.add(to);
      }
    });
  }

  @AfterEach
  void tearDown() {
    board.close();
    session.close();
    pair.close();
  }

  @Test
  void identifiesBoardFromHelloAndCapabilities() throws Exception {
    BoardInfo info = session.start().get(5, TimeUnit.SECONDS);
    assertThat(info.boardId()).isEqualTo("uno-1");
    assertThat(info.hello().firmwareVersion()).isEqualTo("1.2.3");
    assertThat(info.channel("A0")).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(14));
    assertThat(session.state()).isEqualTo(BoardState.READY);
    assertThat(readies).hasSize(1);
  }

  @Test
  void failsStartWhenNoHelloArrives() {
    board.answerHelloRequests = false;
    assertThatThrownBy(() -> session.start().get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(BoardTimeoutException.class)
        .hasMessageContaining("no HELLO");
  }

  @Test
  void failsStartWhenCapabilitiesNeverCome() {
    board.answerCapabilities = false;
    assertThatThrownBy(() -> session.start().get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(BoardTimeoutException.class)
        .hasMessageContaining("CAPABILITIES");
  }

  @Test
  void deliversReadingsAndEventsToListeners() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.send(BoardMessage.Reading.ofInt(14, Unit.COUNTS, 700));
    board.send(new BoardMessage.Event(13, true, 12345));
    await().atMost(Duration.ofSeconds(2)).until(() -> heard.size() == 2);
    assertThat(heard).containsExactly(BoardMessage.Reading.ofInt(14, Unit.COUNTS, 700),
        new BoardMessage.Event(13, true, 12345));
  }

  @Test
  void commandCompletesWhenBoardAcks() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    session.send(new BoardCommand.SetDigital(13, true)).get(2, TimeUnit.SECONDS);
    assertThat(board.commands).containsExactly(new BoardCommand.SetDigital(13, true));
  }

  @Test
  void commandFailsWithTheBoardsNackReason() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.rule = c -> NackReason.UNKNOWN_CHANNEL;
    assertThatThrownBy(() -> session.send(new BoardCommand.SetPwm(42, 10)).get(2,
        TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(CommandRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(NackReason.UNKNOWN_CHANNEL));
  }

  @Test
  void resendsCommandWhoseAckWasLost() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.dropCommands = 2;
    session.send(new BoardCommand.SetPwm(9, 128)).get(3, TimeUnit.SECONDS);
    assertThat(board.commands).hasSize(3).containsOnly(new BoardCommand.SetPwm(9, 128));
  }

  @Test
  void commandTimesOutAfterRetries() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.dropCommands = 100;
    assertThatThrownBy(() -> session.send(new BoardCommand.SetDigital(13, false))
        .get(3, TimeUnit.SECONDS))
        .hasCauseInstanceOf(BoardTimeoutException.class)
        .hasMessageContaining("after 3 attempts");
  }

  @Test
  void boardIsLostAfterMissedHeartbeatsAndReadyWhenItSpeaksAgain() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.answerHelloRequests = false;
    await().atMost(Duration.ofSeconds(3)).until(() -> session.state() == BoardState.LOST);
    board.send(new BoardMessage.Heartbeat(5000));
    await().atMost(Duration.ofSeconds(3)).until(() -> session.state() == BoardState.READY);
    assertThat(states).containsSubsequence(BoardState.READY, BoardState.LOST, BoardState.READY);
  }

  @Test
  void helloAfterBoardResetReidentifiesAndNotifiesReadyAgain() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.reboot();
    await().atMost(Duration.ofSeconds(3)).until(() -> readies.size() == 2);
    assertThat(session.state()).isEqualTo(BoardState.READY);
  }

  @Test
  void helloAnsweringARequestIsNotMistakenForAReset() throws Exception {
    board.startHeartbeats(Duration.ofMillis(30));
    session.start().get(5, TimeUnit.SECONDS);
    board.send(BoardMessage.Reading.ofInt(14, Unit.COUNTS, 1));
    board.send(ScriptedBoard.HELLO);
    board.send(BoardMessage.Reading.ofInt(14, Unit.COUNTS, 2));
    await().atMost(Duration.ofSeconds(2)).until(() -> heard.size() == 2);
    assertThat(readies).hasSize(1);
  }

  @Test
  void heartbeatUptimeGoingBackIsTakenAsAResetWhoseHelloWasLost() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.send(new BoardMessage.Heartbeat(60_000));
    board.send(new BoardMessage.Heartbeat(15));
    await().atMost(Duration.ofSeconds(3)).until(() -> readies.size() == 2);
  }

  @Test
  void garbageOnTheLineIsCountedAndIgnored() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.sendRaw(Hex.parse("13 37 ff 00 05 11 22 00 de ad be ef 00"));
    board.send(BoardMessage.Reading.ofInt(14, Unit.COUNTS, 1));
    await().atMost(Duration.ofSeconds(2)).until(() -> heard.size() == 1);
    assertThat(session.decoderStats().resyncs()).isGreaterThanOrEqualTo(3);
    assertThat(heard).containsExactly(BoardMessage.Reading.ofInt(14, Unit.COUNTS, 1));
  }

  @Test
  void disconnectFailsPendingCommandsAndLaterSends() throws Exception {
    session.start().get(5, TimeUnit.SECONDS);
    board.dropCommands = 100;
    var pendingCommand = session.send(new BoardCommand.SetDigital(13, true));
    pair.unplug(new IOException("cable pulled"));
    assertThatThrownBy(() -> pendingCommand.get(2, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IOException.class);
    await().atMost(Duration.ofSeconds(2))
        .until(() -> session.state() == BoardState.DISCONNECTED);
    assertThat(session.send(new BoardCommand.SetDigital(13, true)))
        .failsWithin(Duration.ofSeconds(1));
  }
}
