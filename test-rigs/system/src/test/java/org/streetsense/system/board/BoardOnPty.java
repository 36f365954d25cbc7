package org.streetsense.system.board;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.streetsense.bridge.link.ReconnectOptions;
import org.streetsense.bridge.link.ReconnectingLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.bridge.sim.SimulatedBoard;
import org.streetsense.bridge.sim.SimulatedBoardOptions;
import org.streetsense.harness.SocatPty;

/**
 * A simulated board on the board end of a socat pty pair, for a gateway on the host end: the pty
 * is started before each test, the board when the test {@link #start starts} it; both are closed
 * after the test's own {@code @AfterEach} methods (so a gateway stopped there still finds them).
 * Register with {@code @RegisterExtension}.
 */
final class BoardOnPty implements BeforeEachCallback, AfterEachCallback {

  private SocatPty pty;
  private SimulatedBoard board;

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    pty = new SocatPty();
    pty.start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      if (board != null) {
        board.close();
      }
    } finally {
      board = null;
      pty.close();
    }
  }

  /**
   * Starts a board with {@code options} at {@code baud} on the board end, reconnecting after
   * 50..400 ms when its end goes away ({@link SocatPty#unplug}).
   */
  SimulatedBoard start(SimulatedBoardOptions options, int baud) throws java.io.IOException {
    board = new SimulatedBoard(
        ReconnectingLink.jSerialComm(new SerialLinkOptions(pty.boardEnd().toString(), baud),
            new ReconnectOptions(Duration.ofMillis(50), Duration.ofMillis(400))),
        options);
    board.start();
    return board;
  }

  /** The serial port the gateway opens. */
  Path hostEnd() {
    return pty.hostEnd();
  }

  /** The pty pair, to pull and put back the cable. */
  SocatPty pty() {
    return pty;
  }
}
