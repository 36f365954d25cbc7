package org.streetsense.gateway.board;

import java.time.Duration;
import java.util.Objects;
import org.streetsense.bridge.firmata.FirmataClientOptions;
import org.streetsense.bridge.link.ReconnectOptions;
import org.streetsense.bridge.session.BoardSessionOptions;

/**
 * Timing of board connections.
 *
 * @param reconnect backoff between attempts to reopen an unplugged serial port
 * @param session Streetsense protocol timing (hello, requests, heartbeats)
 * @param firmata StandardFirmata query timing
 * @param tick how often channel windows (aggregates, passers-by) are closed without new values
 */
public record BoardsOptions(ReconnectOptions reconnect, BoardSessionOptions session,
    FirmataClientOptions firmata, Duration tick) {

  public static final BoardsOptions DEFAULT = new BoardsOptions(ReconnectOptions.DEFAULT,
      BoardSessionOptions.DEFAULT, FirmataClientOptions.DEFAULT, Duration.ofSeconds(1));

  public BoardsOptions {
    Objects.requireNonNull(reconnect, "reconnect");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(firmata, "firmata");
    Objects.requireNonNull(tick, "tick");
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("tick must be positive, was " + tick);
    }
  }

  public BoardsOptions withSession(BoardSessionOptions v) {
    return new BoardsOptions(reconnect, v, firmata, tick);
  }

  public BoardsOptions withReconnect(ReconnectOptions v) {
    return new BoardsOptions(v, session, firmata, tick);
  }
}
