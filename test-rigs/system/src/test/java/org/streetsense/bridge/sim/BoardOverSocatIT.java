package org.streetsense.bridge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streetsense.bridge.link.ConnectionListener;
import org.streetsense.bridge.link.JSerialCommLink;
import org.streetsense.bridge.link.ReconnectOptions;
import org.streetsense.bridge.link.ReconnectingLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.bridge.protocol.BoardCommand;
import org.streetsense.bridge.protocol.BoardMessage;
import org.streetsense.bridge.protocol.ChannelMode;
import org.streetsense.bridge.protocol.Unit;
import org.streetsense.bridge.session.BoardInfo;
import org.streetsense.bridge.session.BoardListener;
import org.streetsense.bridge.session.BoardSession;
import org.streetsense.bridge.session.BoardSessionOptions;
import org.streetsense.harness.SocatPty;

/** The Streetsense protocol over a real pseudo-terminal pair, with jSerialComm on both ends. */
class BoardOverSocatIT {

  private static final int A0 = 14;
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ReconnectOptions BACKOFF =
      new ReconnectOptions(Duration.ofMillis(50), Duration.ofMillis(400));

  private SocatPty pty;
  private SimulatedBoard board;
  private ReconnectingLink hostLink;
  private BoardSession session;
  private final List<BoardMessage.Reading> readings = new CopyOnWriteArrayList<>();
  private final List<String> connection = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    pty = new SocatPty();
    pty.start();
    board = new SimulatedBoard(
        ReconnectingLink.jSerialComm(new SerialLinkOptions(pty.boardEnd().toString(), 115_200),
            BACKOFF),
        SimulatedBoardOptions.builder(BoardProtocol.STREETSENSE).boardId("uno-1")
            .heartbeatInterval(Duration.ofMillis(100)).build());
    board.start();
    board.setAnalog(0, 512);
    hostLink = ReconnectingLink.jSerialComm(
        new SerialLinkOptions(pty.hostEnd().toString(), 115_200), BACKOFF);
    hostLink.addConnectionListener(new ConnectionListener() {
      @Override
      public void connected(String portName) {
        connection.add("connected");
      }

      @Override
      public void disconnected(String portName, Throwable cause) {
        connection.add("disconnected");
      }
    });
    session = new BoardSession(hostLink, BoardSessionOptions.builder()
        .helloRetryInterval(Duration.ofMillis(100)).requestTimeout(Duration.ofMillis(300))
        .heartbeatInterval(Duration.ofMillis(100)).missedHeartbeats(5).build());
    session.addListener(new BoardListener() {
      @Override
      public void onReady(BoardInfo info) {
        // pin configuration is lost when a board resets: replay it on every hello
        session.send(new BoardCommand.Configure(A0, ChannelMode.ANALOG_INPUT,
            Duration.ofMillis(50)));
      }

      @Override
      public void onReading(BoardMessage.Reading reading) {
        readings.add(reading);
      }
    });
    assertThat(hostLink.openAndAwait(WAIT)).isTrue();
  }

  @AfterEach
  void tearDown() {
    session.close();
    board.close();
    pty.close();
  }

  @Test
  void readingsFlowOverAPseudoTerminal() throws Exception {
    BoardInfo info = session.start().get(15, TimeUnit.SECONDS);
    assertThat(info.boardId()).isEqualTo("uno-1");
    await().atMost(WAIT).until(() -> readings.contains(
        BoardMessage.Reading.ofInt(A0, Unit.COUNTS, 512)));
    assertThat(session.decoderStats().crcErrors()).isZero();
  }

  @Test
  void readingsResumeAfterUnplugAndReplugOnTheSamePath() throws Exception {
    session.start().get(15, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> !readings.isEmpty());
    long resetsBefore = board.resets();

    pty.unplug();
    await().atMost(WAIT).until(() -> connection.contains("disconnected"));
    assertThat(hostLink.isOpen()).isFalse();

    board.setAnalog(0, 99);
    pty.replug();
    await().atMost(WAIT).until(() -> connection.lastIndexOf("connected") > 0);
    await().atMost(WAIT).until(() -> readings.contains(
        BoardMessage.Reading.ofInt(A0, Unit.COUNTS, 99)));
    assertThat(board.resets()).isGreaterThan(resetsBefore);
    assertThat(connection).containsSubsequence("connected", "disconnected", "connected");
  }

  @Test
  void plainJSerialCommLinkReportsUnplugOnce() throws Exception {
    List<Throwable> disconnects = new CopyOnWriteArrayList<>();
    JSerialCommLink link = new JSerialCommLink(
        new SerialLinkOptions(pty.hostEnd().toString(), 115_200));
    try {
      session.close();
      link.onDisconnect(disconnects::add);
      link.open();
      assertThat(link.write(new byte[] {0}).toCompletableFuture())
          .succeedsWithin(Duration.ofSeconds(5));
      pty.unplug();
      await().atMost(WAIT).until(() -> !disconnects.isEmpty());
      assertThat(link.isOpen()).isFalse();
      assertThat(disconnects).hasSize(1);
    } finally {
      link.close();
    }
  }
}
