package org.streetsense.bridge.session;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of a {@link BoardSession}. Build with {@link #builder()}; every field has a default.
 *
 * @param helloTimeout how long {@link BoardSession#start()} waits for the board's HELLO after
 *     opening (an Uno resets when the port opens and needs 1-2 s to boot); default 5 s
 * @param helloRetryInterval how often a HELLO_REQUEST is sent while waiting (boards that did not
 *     reset answer it); default 500 ms
 * @param requestTimeout how long to wait for CAPABILITIES or a command's ACK/NACK before
 *     sending again; default 500 ms
 * @param retries how many times a capabilities request or command is re-sent after a timeout
 *     before it fails; default 2
 * @param heartbeatInterval the interval at which the board sends HEARTBEATs; default 1 s
 * @param missedHeartbeats after this many intervals without any packet the board is
 *     {@link BoardState#LOST}; default 3
 */
public record BoardSessionOptions(Duration helloTimeout, Duration helloRetryInterval,
    Duration requestTimeout, int retries, Duration heartbeatInterval, int missedHeartbeats) {

  public static final BoardSessionOptions DEFAULT = builder().build();

  public BoardSessionOptions {
    positive(helloTimeout, "helloTimeout");
    positive(helloRetryInterval, "helloRetryInterval");
    positive(requestTimeout, "requestTimeout");
    positive(heartbeatInterval, "heartbeatInterval");
    if (retries < 0 || retries > 10) {
      throw new IllegalArgumentException("retries must be 0..10, was " + retries);
    }
    if (missedHeartbeats < 1) {
      throw new IllegalArgumentException("missedHeartbeats must be at least 1, was "
          + missedHeartbeats);
    }
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder with the documented defaults. */
  public static final class Builder {
    private Duration helloTimeout = Duration.ofSeconds(5);
    private Duration helloRetryInterval = Duration.ofMillis(500);
    private Duration requestTimeout = Duration.ofMillis(500);
    private int retries = 2;
    private Duration heartbeatInterval = Duration.ofSeconds(1);
    private int missedHeartbeats = 3;

    public Builder helloTimeout(Duration v) {
      helloTimeout = v;
      return this;
    }

    public Builder helloRetryInterval(Duration v) {
      helloRetryInterval = v;
      return this;
    }

    public Builder requestTimeout(Duration v) {
      requestTimeout = v;
      return this;
    }

    public Builder retries(int v) {
      retries = v;
      return this;
    }

    public Builder heartbeatInterval(Duration v) {
      heartbeatInterval = v;
      return this;
    }

    public Builder missedHeartbeats(int v) {
      missedHeartbeats = v;
      return this;
    }

    public BoardSessionOptions build() {
      return new BoardSessionOptions(helloTimeout, helloRetryInterval, requestTimeout, retries,
          heartbeatInterval, missedHeartbeats);
    }
  }
}
