package org.streetsense.bridge.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link SimulatedBoard}, built with {@link #builder(BoardProtocol)}.
 *
 * @param protocol the protocol spoken
 * @param boardId the id announced in HELLO (Streetsense) or the firmware name (Firmata)
 * @param heartbeatInterval Streetsense HEARTBEAT interval; default 200 ms
 * @param resetOnConnect behave like an Uno: reset (and say hello) each time the link
 *     (re)connects; default true
 */
public record SimulatedBoardOptions(BoardProtocol protocol, String boardId,
    Duration heartbeatInterval, boolean resetOnConnect) {

  public SimulatedBoardOptions {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(boardId, "boardId");
    if (boardId.isBlank() || boardId.length() > 32) {
      throw new IllegalArgumentException("boardId must be 1..32 characters: '" + boardId + "'");
    }
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("heartbeatInterval must be positive, was "
          + heartbeatInterval);
    }
  }

  public static Builder builder(BoardProtocol protocol) {
    return new Builder(protocol);
  }

  /** Builder with defaults: board id "sim-uno", 200 ms heartbeats, reset on connect. */
  public static final class Builder {
    private final BoardProtocol protocol;
    private String boardId = "sim-uno";
    private Duration heartbeatInterval = Duration.ofMillis(200);
    private boolean resetOnConnect = true;

    private Builder(BoardProtocol protocol) {
      this.protocol = protocol;
    }

    public Builder boardId(String v) {
      boardId = v;
      return this;
    }

    public Builder heartbeatInterval(Duration v) {
      heartbeatInterval = v;
      return this;
    }

    public Builder resetOnConnect(boolean v) {
      resetOnConnect = v;
      return this;
    }

    public SimulatedBoardOptions build() {
      return new SimulatedBoardOptions(protocol, boardId, heartbeatInterval, resetOnConnect);
    }
  }
}
