package org.streetsense.gateway.uplink.impl;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recognises a probable client-id takeover: MQTT 3.1.1 brokers end the older session when a
 * second client connects with the same client id, and the older client only sees its connection
 * drop. Two clients that both reconnect therefore take turns: each session ends shortly after it
 * was accepted. After {@link #SHORT_SESSIONS} sessions in a row that ended within
 * {@code stableSession} of their CONNACK, with no failed connect attempt between them (the broker
 * kept accepting at once), a takeover is suspected; it ends when a session stays up for
 * {@code stableSession}. A broker that restarts three times within {@code stableSession} of each
 * reconnect, each time back before the next attempt, looks the same and is reported as a probable
 * takeover too.
 *
 * <p>Updated on the uplink's control thread only; {@link #suspected()} and {@link #losses()} may be
 * read from any thread.
 */
final class TakeoverWatch {

  /** Short sessions in a row that make a takeover probable. */
  static final int SHORT_SESSIONS = 3;

  private final long stableNanos;
  private final AtomicLong losses = new AtomicLong();
  private int shortInARow;
  private volatile boolean suspected;

  TakeoverWatch(Duration stableSession) {
    Objects.requireNonNull(stableSession, "stableSession");
    if (stableSession.isNegative() || stableSession.isZero()) {
      throw new IllegalArgumentException("stableSession must be positive, was " + stableSession);
    }
    this.stableNanos = stableSession.toNanos();
  }

  /**
   * A session that was up for {@code upNanos} (CONNACK to loss) was lost.
   *
   * @return true when this loss makes a takeover probable (once per episode)
   */
  boolean lost(long upNanos) {
    if (upNanos >= stableNanos) {
      shortInARow = 0;
      return false;
    }
    shortInARow++;
    if (shortInARow < SHORT_SESSIONS) {
      return false;
    }
    losses.incrementAndGet();
    if (suspected) {
      return false;
    }
    suspected = true;
    return true;
  }

  /**
   * A connect attempt failed: the broker was away, which a takeover never makes happen, so the
   * short sessions before do not count towards one. A suspected takeover goes on.
   */
  void connectFailed() {
    shortInARow = 0;
  }

  /**
   * The current session has stayed up for {@code stableSession}.
   *
   * @return true when this ends a suspected takeover
   */
  boolean stable() {
    shortInARow = 0;
    boolean was = suspected;
    suspected = false;
    return was;
  }

  /** Whether a takeover is suspected now. */
  boolean suspected() {
    return suspected;
  }

  /** Short sessions in a row so far. */
  int shortInARow() {
    return shortInARow;
  }

  /** Sessions lost while a takeover was probable (from the {@link #SHORT_SESSIONS}-th on). */
  long losses() {
    return losses.get();
  }
}
