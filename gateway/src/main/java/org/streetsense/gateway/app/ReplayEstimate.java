package org.streetsense.gateway.app;

/**
 * Whether a backlog is being replayed, and how far: a replay starts when the uplink is connected
 * with a backlog left from before (an outage, or a restart with a spool to send) and ends when the
 * backlog is gone or the connection drops. While disconnected nothing is replayed. Progress is the
 * share of this replay's work done: delivered since it started over that plus what is left (live
 * observations arriving meanwhile count as work too). Not thread-safe: one caller (the refresher's
 * timer on its event loop).
 */
final class ReplayEstimate {

  /** What the dashboard shows. */
  record Replay(boolean inProgress, double progress) {}

  private boolean seen;
  private boolean wasConnected;
  private boolean replaying;
  private long deliveredAtStart;

  /**
   * @param connected whether the broker connection is up now
   * @param backlog observations not yet acknowledged (largest over sinks)
   * @param delivered observations acknowledged since the gateway started (all sinks)
   */
  Replay update(boolean connected, long backlog, long delivered) {
    boolean resumed = connected && (!seen || !wasConnected);
    seen = true;
    wasConnected = connected;
    if (!connected || backlog == 0) {
      replaying = false;
      return new Replay(false, 0);
    }
    if (resumed) {
      replaying = true;
      deliveredAtStart = delivered;
    }
    if (!replaying) {
      return new Replay(false, 0);
    }
    double done = Math.max(0, delivered - deliveredAtStart);
    return new Replay(true, done / (done + backlog));
  }
}
