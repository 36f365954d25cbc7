package org.streetsense.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.streetsense.gateway.spool.FsyncPolicy;

/**
 * The durable on-disk buffer that holds observations until every sink has them.
 *
 * @param dir directory of the spool files (default {@code /var/lib/streetsense/spool}; relative
 *     paths against the working directory)
 * @param maxBytes disk budget in bytes, at least 1 MB (default 512 MB)
 * @param maxAge records older than this are dropped and reported as a gap (default 7d)
 * @param fsync when appends are forced to disk (default group)
 * @param groupCommitInterval how often a group commit forces to disk (default 200ms)
 * @param whenFull what to do when {@code maxBytes} is reached (default drop-oldest)
 * @param replayRate how much faster than live telemetry a backlog drains after an outage, per
 *     sink (default {@code 1000/s}): live data always keeps up, the backlog gets this much more
 */
public record SpoolSettings(
    Path dir,
    long maxBytes,
    Duration maxAge,
    FsyncPolicy fsync,
    Duration groupCommitInterval,
    WhenFull whenFull,
    RateLimit replayRate) {

  public static final Path DEFAULT_DIR = Path.of("/var/lib/streetsense/spool");
  public static final long DEFAULT_MAX_BYTES = 512L << 20;
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
  public static final Duration DEFAULT_GROUP_COMMIT = Duration.ofMillis(200);
  public static final RateLimit DEFAULT_REPLAY_RATE = new RateLimit(1000, Duration.ofSeconds(1));

  public static final SpoolSettings DEFAULT = new SpoolSettings(DEFAULT_DIR, DEFAULT_MAX_BYTES,
      DEFAULT_MAX_AGE, FsyncPolicy.GROUP, DEFAULT_GROUP_COMMIT, WhenFull.DROP_OLDEST,
      DEFAULT_REPLAY_RATE);

  public SpoolSettings {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(fsync, "fsync");
    Objects.requireNonNull(groupCommitInterval, "groupCommitInterval");
    Objects.requireNonNull(whenFull, "whenFull");
    Objects.requireNonNull(replayRate, "replayRate");
    if (maxBytes < (1L << 20)) {
      throw new IllegalArgumentException("maxBytes must be at least 1MB, was " + maxBytes);
    }
  }

  /** The same settings with the spool in another directory. */
  public SpoolSettings withDir(Path other) {
    return new SpoolSettings(other, maxBytes, maxAge, fsync, groupCommitInterval, whenFull,
        replayRate);
  }

  /** {@link #replayRate()} in observations per second. */
  public double replayPerSecond() {
    return replayRate.requests() * 1e9 / replayRate.per().toNanos();
  }
}
