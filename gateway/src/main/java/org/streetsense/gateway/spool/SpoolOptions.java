package org.streetsense.gateway.spool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.streetsense.gateway.clock.TimeSource;

/**
 * Immutable spool configuration; build with {@link #builder(Path)}. Sizes are bytes.
 *
 * @param directory spool directory (created if missing); holds {@code interactive/},
 *     {@code telemetry/}, {@code cursors/}, {@code gaps/}, {@code quarantine/}
 * @param segmentBytes a segment is sealed once it reaches this size (default 4 MiB)
 * @param maxBytes cap on live segment bytes over all lanes (default 256 MiB); at least 4 segments
 * @param maxAge segments whose newest record is older than this expire (default 7 days)
 * @param fsyncPolicy when data is forced to the device (default {@link FsyncPolicy#GROUP})
 * @param groupCommitInterval group-commit period (default 200 ms)
 * @param groupCommitRecords group commit also after this many records (default 1000)
 * @param fullPolicy what to do at the cap or on disk full (default drop oldest)
 * @param cursorFlushInterval acknowledged cursors are persisted at most this often (default 1 s);
 *     after a crash a sink receives again at most what it acknowledged in this window
 * @param seqReservation sequence numbers reserved on disk ahead of use per stream (default 1000)
 * @param retentionCheckInterval how often age expiry runs (default 30 s)
 * @param timeSource wall clock for segment ages
 * @param bootId id of the current boot (default {@code /proc/sys/kernel/random/boot_id})
 */
public record SpoolOptions(
    Path directory,
    long segmentBytes,
    long maxBytes,
    Duration maxAge,
    FsyncPolicy fsyncPolicy,
    Duration groupCommitInterval,
    int groupCommitRecords,
    FullPolicy fullPolicy,
    Duration cursorFlushInterval,
    int seqReservation,
    Duration retentionCheckInterval,
    TimeSource timeSource,
    String bootId) {

  public SpoolOptions {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
    Objects.requireNonNull(groupCommitInterval, "groupCommitInterval");
    Objects.requireNonNull(fullPolicy, "fullPolicy");
    Objects.requireNonNull(cursorFlushInterval, "cursorFlushInterval");
    Objects.requireNonNull(retentionCheckInterval, "retentionCheckInterval");
    Objects.requireNonNull(timeSource, "timeSource");
    Objects.requireNonNull(bootId, "bootId");
    if (segmentBytes < 1024) {
      throw new IllegalArgumentException("segmentBytes must be >= 1024, was " + segmentBytes);
    }
    if (maxBytes < 4 * segmentBytes) {
      throw new IllegalArgumentException(
          "maxBytes must be >= 4 x segmentBytes (" + 4 * segmentBytes + "), was " + maxBytes);
    }
    positive(maxAge, "maxAge");
    positive(groupCommitInterval, "groupCommitInterval");
    positive(retentionCheckInterval, "retentionCheckInterval");
    if (cursorFlushInterval.isNegative()) {
      throw new IllegalArgumentException("cursorFlushInterval must be >= 0, was " + cursorFlushInterval);
    }
    if (groupCommitRecords < 1) {
      throw new IllegalArgumentException("groupCommitRecords must be >= 1, was " + groupCommitRecords);
    }
    if (seqReservation < 1) {
      throw new IllegalArgumentException("seqReservation must be >= 1, was " + seqReservation);
    }
  }

  private static void positive(Duration d, String name) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }

  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /** A builder pre-filled with these options. */
  public Builder toBuilder() {
    return new Builder(directory)
        .segmentBytes(segmentBytes)
        .maxBytes(maxBytes)
        .maxAge(maxAge)
        .fsyncPolicy(fsyncPolicy)
        .groupCommitInterval(groupCommitInterval)
        .groupCommitRecords(groupCommitRecords)
        .fullPolicy(fullPolicy)
        .cursorFlushInterval(cursorFlushInterval)
        .seqReservation(seqReservation)
        .retentionCheckInterval(retentionCheckInterval)
        .timeSource(timeSource)
        .bootId(bootId);
  }

  /** Builder with the documented defaults. */
  public static final class Builder {
    private final Path directory;
    private long segmentBytes = 4L * 1024 * 1024;
    private long maxBytes = 256L * 1024 * 1024;
    private Duration maxAge = Duration.ofDays(7);
    private FsyncPolicy fsyncPolicy = FsyncPolicy.GROUP;
    private Duration groupCommitInterval = Duration.ofMillis(200);
    private int groupCommitRecords = 1000;
    private FullPolicy fullPolicy = FullPolicy.DROP_OLDEST;
    private Duration cursorFlushInterval = Duration.ofSeconds(1);
    private int seqReservation = 1000;
    private Duration retentionCheckInterval = Duration.ofSeconds(30);
    private TimeSource timeSource = TimeSource.system();
    private String bootId;

    private Builder(Path directory) {
      this.directory = directory;
    }

    public Builder segmentBytes(long v) { segmentBytes = v; return this; }
    public Builder maxBytes(long v) { maxBytes = v; return this; }
    public Builder maxAge(Duration v) { maxAge = v; return this; }
    public Builder fsyncPolicy(FsyncPolicy v) { fsyncPolicy = v; return this; }
    public Builder groupCommitInterval(Duration v) { groupCommitInterval = v; return this; }
    public Builder groupCommitRecords(int v) { groupCommitRecords = v; return this; }
    public Builder fullPolicy(FullPolicy v) { fullPolicy = v; return this; }
    public Builder cursorFlushInterval(Duration v) { cursorFlushInterval = v; return this; }
    public Builder seqReservation(int v) { seqReservation = v; return this; }
    public Builder retentionCheckInterval(Duration v) { retentionCheckInterval = v; return this; }
    public Builder timeSource(TimeSource v) { timeSource = v; return this; }
    public Builder bootId(String v) { bootId = v; return this; }

    public SpoolOptions build() {
      return new SpoolOptions(directory, segmentBytes, maxBytes, maxAge, fsyncPolicy,
          groupCommitInterval, groupCommitRecords, fullPolicy, cursorFlushInterval,
          seqReservation, retentionCheckInterval, timeSource,
          bootId != null ? bootId : BootId.current());
    }
  }
}
