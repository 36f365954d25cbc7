package org.streetsense.bridge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streetsense.bridge.link.InMemoryLinkPair;
import org.streetsense.bridge.link.ReconnectOptions;
import org.streetsense.bridge.link.ReconnectingLink;
import org.streetsense.bridge.protocol.BoardCommand;
import org.streetsense.bridge.protocol.BoardMessage;
import org.streetsense.bridge.protocol.ChannelMode;
import org.streetsense.bridge.protocol.Unit;
import org.streetsense.bridge.session.BoardInfo;
import org.streetsense.bridge.session.BoardListener;
import org.streetsense.bridge.session.BoardSession;
import org.streetsense.bridge.session.BoardSessionOptions;
import org.streetsense.bridge.session.BoardState;

/** Unplug and replug over in-memory links: both ends reconnect, the board resets, data resumes. */
class SimulatedBoardReplugTest {

  private static final ReconnectOptions BACKOFF =
      new ReconnectOptions(Duration.ofMillis(20), Duration.ofMillis(100));
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final InMemoryLinkPair pair = new InMemoryLinkPair("replug");
  private final List<BoardMessage.Reading> readings = new CopyOnWriteArrayList<>();
  private final List<BoardState> states = new CopyOnWriteArrayList<>();
  private SimulatedBoard board;
  private BoardSession session;

  @AfterEach
  void tearDown() {
    session.close();
    board.close();
    pair.close();
  }

  @Test
  void sessionRidesThroughUnplugAndReconfiguresTheResetBoard() throws Exception {
    board = new SimulatedBoard(new ReconnectingLink("board", pair::board, BACKOFF),
        SimulatedBoardOptions.builder(BoardProtocol.STREETSENSE)
            .heartbeatInterval(Duration.ofMillis(50)).build());
    board.start();
    board.setAnalog(0, 10);
    ReconnectingLink host = new ReconnectingLink("host", pair::host, BACKOFF);
    session = new BoardSession(host, BoardSessionOptions.builder()
        .helloRetryInterval(Duration.ofMillis(50)).requestTimeout(Duration.ofMillis(150))
        .heartbeatInterval(Duration.ofMillis(50)).missedHeartbeats(3).build());
    session.addListener(new BoardListener() {
      @Override
      public void onReady(BoardInfo info) {
        session.send(new BoardCommand.Configure(14, ChannelMode.ANALOG_INPUT,
            Duration.ofMillis(20)));
      }

      @Override
      public void onReading(BoardMessage.Reading reading) {
        readings.add(reading);
      }

      @Override
      public void onStateChanged(BoardState from, BoardState to) {
        states.add(to);
      }
    });
    assertThat(host.openAndAwait(WAIT)).isTrue();
    session.start().get(5, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> readings.contains(
        BoardMessage.Reading.ofInt(14, Unit.COUNTS, 10)));

    pair.unplug(new IOException("cable pulled"));
    await().atMost(WAIT).until(() -> session.state() == BoardState.LOST);
    board.setAnalog(0, 20);
    pair.plug();

    await().atMost(WAIT).until(() -> readings.contains(
        BoardMessage.Reading.ofInt(14, Unit.COUNTS, 20)));
    assertThat(session.state()).isEqualTo(BoardState.READY);
    assertThat(states).containsSubsequence(BoardState.READY, BoardState.LOST,
        BoardState.CONNECTING, BoardState.READY);
    assertThat(board.resets()).isGreaterThanOrEqualTo(2);
  }
}
