package org.streetsense.gateway.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.streetsense.bridge.sim.BoardProtocol;
import org.streetsense.bridge.sim.SimulatedBoardOptions;
import org.streetsense.gateway.board.BoardSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;

/**
 * Under {@code backend: simulated}, puts a simulated Uno behind every declared board's port,
 * speaking the board's protocol (Streetsense firmware or StandardFirmata) byte for byte, so the
 * same gateway code that drives a real board runs against it and the serial port is never opened.
 * The simulated board announces the board's {@code id} and sends a heartbeat every second, as the
 * reference firmware does.
 */
final class SimulatedBoards {

  /** The reference sketch's heartbeat interval. */
  static final Duration HEARTBEAT = Duration.ofSeconds(1);

  private SimulatedBoards() {}

  static void attach(SimulatedBackend backend, Installation inst) {
    for (BoardSpec b : inst.boards()) {
      BoardProtocol protocol = b.protocol() == org.streetsense.gateway.board.BoardProtocol.FIRMATA
          ? BoardProtocol.FIRMATA : BoardProtocol.STREETSENSE;
      try {
        backend.attachBoard(b.port(), SimulatedBoardOptions.builder(protocol).boardId(b.id())
            .heartbeatInterval(HEARTBEAT).build());
      } catch (IOException e) {
        throw new UncheckedIOException("simulated board " + b.id() + " at " + b.port()
            + " did not start", e);
      }
    }
  }
}
