package org.streetsense.gateway.spool.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.spool.Lane;

/**
 * The segments of one lane: recovery, appends to the active segment, rolling, and removal.
 * Offsets count observations in the lane from 0 and never restart. Worker thread only.
 */
final class LaneLog {

  private static final Logger LOG = LoggerFactory.getLogger(LaneLog.class);
  final Lane lane;
  private final Path dir;
  private final List<SegmentInfo> segments = new ArrayList<>();
  private SegmentWriter writer;
  private long nextOffset;
  private long committedEnd;
  private long bytes;

  LaneLog(Lane lane, Path dir) {
    this.lane = lane;
    this.dir = dir;
  }

  /** What recovery found that the spool must account for. */
  record Recovered(SegmentInfo segment, long end, String why) {}

  /**
   * Scans the lane's segments: a torn tail is quarantined and cut off, a corrupt segment before
   * the tail is reported (returned) for loss accounting and then quarantined by the caller.
   */
  List<Recovered> recover(SeqAllocator seqs, Quarantine quarantine, long minNextOffset)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
      ds.forEach(files::add);
    }
    files.sort(Comparator.comparingLong(SegmentInfo::baseOf));
    List<Recovered> corrupt = new ArrayList<>();
    Quarantine.SegmentInfoName qn = new Quarantine.SegmentInfoName(lane.dirName());
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      boolean tail = i == files.size() - 1;
      long base = SegmentInfo.baseOf(f);
      long nextBase = tail ? -1 : SegmentInfo.baseOf(files.get(i + 1));
      long mtime = Files.getLastModifiedTime(f).toMillis();
      SegmentInfo seg = null;
      long tailCut = -1;
      try (SegmentScanner s = new SegmentScanner(f)) {
        try {
          s.readHeader();
          seg = new SegmentInfo(lane, f, s.baseOffset(), s.createdMillis(), s.bootId());
          Observation o;
          while ((o = s.next()) != null) {
            seqs.observe(o);
          }
          seg.end = s.nextOffset();
          seg.bytes = s.fileSize();
        } catch (CorruptFrameException e) {
          if (seg == null) {
            seg = new SegmentInfo(lane, f, base, mtime, "unknown");
          }
          seg.end = s.nextOffset() > seg.base ? s.nextOffset() : seg.base;
          seg.lastAppendMillis = mtime;
          if (!tail) {
            corrupt.add(new Recovered(seg, Math.max(nextBase, seg.end), e.getMessage()));
            continue;
          }
          tailCut = e.position();
        }
      }
      if (tailCut == 0) {
        quarantine.quarantineSegment(qn, f, "torn segment header");
        continue;
      } else if (tailCut > 0) {
        quarantine.quarantineTail(qn, f, tailCut);
        seg.bytes = tailCut;
      }
      seg.lastAppendMillis = Math.max(seg.createdMillis, mtime);
      segments.add(seg);
    }
    long end = segments.isEmpty() ? 0 : segments.get(segments.size() - 1).end;
    for (Recovered r : corrupt) {
      end = Math.max(end, r.end());
    }
    nextOffset = Math.max(end, minNextOffset);
    committedEnd = nextOffset;
    bytes = segments.stream().mapToLong(seg -> seg.bytes).sum();
    return corrupt;
  }

  /** Appends one observation at once; opens a new active segment when needed. */
  long append(Observation o, long nowMillis, String bootId) throws IOException {
    long written = writer(nowMillis, bootId).append(o);
    appended(1, written, nowMillis);
    return written;
  }

  /** The writer of the active segment, opening a new segment (header written) when needed. */
  SegmentWriter writer(long nowMillis, String bootId) throws IOException {
    if (writer == null) {
      Path f = dir.resolve(SegmentInfo.fileName(nextOffset));
      writer = SegmentWriter.create(f, nextOffset, nowMillis, bootId);
      SegmentInfo seg = new SegmentInfo(lane, f, nextOffset, nowMillis, bootId);
      seg.bytes = writer.size();
      bytes += seg.bytes;
      segments.add(seg);
    }
    return writer;
  }

  /** Accounts {@code count} observations just written to the active segment. */
  void appended(int count, long written, long nowMillis) {
    SegmentInfo active = segments.get(segments.size() - 1);
    active.bytes = writer.size();
    active.end += count;
    active.lastAppendMillis = nowMillis;
    nextOffset += count;
    bytes += written;
  }

  /** Bytes of the active segment, or 0 when there is none. */
  long activeBytes() {
    return writer == null ? 0 : writer.size();
  }

  boolean hasActive() {
    return writer != null;
  }

  void force() throws IOException {
    if (writer != null) {
      writer.force();
    }
  }

  /** Seals the active segment (forcing it when {@code force}); the next append opens a new one. */
  void roll(boolean force) throws IOException {
    if (writer != null) {
      if (force) {
        writer.force();
      }
      writer.close();
      writer = null;
    }
  }

  void markCommitted() {
    committedEnd = nextOffset;
  }

  /**
   * What a background group commit forces for this lane: the active segment as it is now (null
   * if none) and the offset after the last record written so far.
   */
  record ForcePoint(LaneLog log, SegmentWriter writer, long end) {

    /**
     * Forces the captured segment (commit thread). A segment sealed since the capture was forced
     * when it was sealed (or dropped with accounting), so a closed channel is not a failure.
     */
    void force() throws IOException {
      if (writer == null) {
        return;
      }
      try {
        writer.force();
      } catch (java.nio.channels.ClosedChannelException sealedMeanwhile) {
        // forced by the roll that sealed it
      }
    }
  }

  ForcePoint forcePoint() {
    return new ForcePoint(this, writer, nextOffset);
  }

  /** Marks committed the records before {@code end} (never moves the mark back). */
  void markCommittedUpTo(long end) {
    committedEnd = Math.max(committedEnd, Math.min(end, nextOffset));
  }

  long committedEnd() {
    return committedEnd;
  }

  long nextOffset() {
    return nextOffset;
  }

  /** First retained offset (the next offset when empty). */
  long firstOffset() {
    return segments.isEmpty() ? nextOffset : segments.get(0).base;
  }

  List<SegmentInfo> segments() {
    return segments;
  }

  /** Sealed segments (all but the active one), oldest first. */
  List<SegmentInfo> sealed() {
    return writer == null ? List.copyOf(segments) : segments.subList(0, segments.size() - 1);
  }

  /** Bytes of all segments of the lane, kept up to date on every change. */
  long bytes() {
    return bytes;
  }

  SegmentInfo segmentFor(long offset) {
    for (SegmentInfo s : segments) {
      if (offset >= s.base && offset < s.end) {
        return s;
      }
    }
    return null;
  }

  /** Removes a sealed segment from the list and deletes its file. */
  void delete(SegmentInfo seg) throws IOException {
    if (segments.remove(seg)) {
      bytes -= seg.bytes;
    }
    Files.deleteIfExists(seg.file);
    AtomicFiles.forceDirectory(dir);
    LOG.debug("Spool: removed {}", seg);
  }

  /** Forgets a segment whose file was moved to quarantine. */
  void forget(SegmentInfo seg) {
    if (segments.remove(seg)) {
      bytes -= seg.bytes;
    }
  }

  /**
   * Forces and closes the active segment. The file is closed even when the force fails (a full or
   * failing disk at shutdown), so the spool holds nothing open once it is closed; the failure is
   * then thrown.
   */
  void close() throws IOException {
    if (writer == null) {
      return;
    }
    try {
      writer.force();
    } finally {
      SegmentWriter w = writer;
      writer = null;
      w.close();
    }
  }
}
