package org.streetsense.gateway.hardware.simulated;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.streetsense.bridge.link.InMemoryLinkPair;
import org.streetsense.bridge.link.ReconnectOptions;
import org.streetsense.bridge.link.ReconnectingLink;
import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.sim.SimulatedBoard;
import org.streetsense.bridge.sim.SimulatedBoardOptions;

/**
 * A {@link SimulatedBoard} on the board end of an in-memory cable whose host end is the serial
 * port at {@link #path()}: the gateway opens that port through {@link SimulatedBackend#serial} and
 * talks the board's real protocol bytes to it. {@link #unplug()} pulls the cable (both ends see
 * the loss); {@link #plug()} puts it back, and the board boots again as a replugged Uno does.
 *
 * <p>Thread-safe; the board works on its own thread.
 */
public final class SimulatedSerialBoard implements AutoCloseable {

  /** How fast the board end notices that the cable is back. */
  private static final ReconnectOptions BOARD_RECONNECT =
      new ReconnectOptions(Duration.ofMillis(50), Duration.ofMillis(200));

  private final String path;
  private final InMemoryLinkPair cable;
  private final SimulatedBoard board;

  SimulatedSerialBoard(String path, SimulatedBoardOptions options) {
    this.path = Objects.requireNonNull(path, "path");
    this.cable = new InMemoryLinkPair(path);
    SerialLink boardEnd = cable.board();
    this.board = new SimulatedBoard(new ReconnectingLink(path + " (board end)", () -> boardEnd,
        BOARD_RECONNECT), options);
  }

  void start() throws IOException {
    board.start();
  }

  /** The port path the gateway opens. */
  public String path() {
    return path;
  }

  /** The host end of the cable (what {@link SimulatedBackend#serial} returns for the path). */
  SerialLink hostEnd() {
    return cable.host();
  }

  /** The board: script its inputs, read its outputs. */
  public SimulatedBoard board() {
    return board;
  }

  /** Pulls the USB cable: the board loses power and the host sees the port disappear. */
  public void unplug() {
    board.powerLoss();
    cable.unplug(new IOException(path + " unplugged (simulated)"));
  }

  /** Plugs the cable back in; the board boots again. */
  public void plug() {
    cable.plug();
  }

  @Override
  public void close() {
    board.close();
    cable.close();
  }
}
