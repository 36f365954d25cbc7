package org.streetsense.gateway.spool.impl;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.pipeline.Gap;

/**
 * The losses a sink registering without a cursor is told of before any data (decision 0373), in
 * {@code gaps-for-new-sinks.json}, replaced atomically on every change. A sink that registers
 * for the first time starts at the oldest retained record of each lane, so it would have received
 * every record of a dropped segment: each lossy drop (whole segment, per stream and reason) and
 * each {@code unused} range is kept here, whether or not a sink was registered then.
 *
 * <p>Bounded: an entry is forgotten once the spool removes, after every registered sink
 * acknowledged it, a segment of the same lane that ends at or after the entry's records (a new
 * sink then starts past records it is never given anyway, so the older loss is history before its
 * first number). A drop continuing the previous one of the same stream, reason and lane extends
 * that entry. Past {@value #MAX_ENTRIES} entries a new one is merged into the newest of its
 * stream and reason (the range then spans numbers delivered to other sinks, which {@link
 * Gap#count} allows), and with none to merge into the oldest entry is forgotten, with a warning.
 *
 * <p>Spool worker thread only.
 */
final class NewSinkGaps {

  /** Most entries kept. */
  static final int MAX_ENTRIES = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(NewSinkGaps.class);
  private final Path file;
  private final List<Entry> entries;

  /**
   * One loss kept for sinks to come.
   *
   * @param lane lane directory name of the dropped records; {@code null} for an {@code unused}
   *     range (no record, so never forgotten by a removal; only the bound drops it)
   * @param end lane offset one past the dropped records (0 when {@code lane} is null)
   * @param gap what was lost
   */
  record Entry(String lane, long end, Gap gap) {
    Entry {
      Objects.requireNonNull(gap, "gap");
    }
  }

  NewSinkGaps(Path file) throws IOException {
    this.file = file;
    this.entries = Files.exists(file)
        ? new ArrayList<>(StateJson.readArray(file, o -> new Entry(
            o.getValue("lane") == null ? null : StateJson.text(o, "lane"),
            StateJson.number(o, "end"), StateJson.gap(o.getJsonObject("gap")))))
        : new ArrayList<>();
  }

  /** Every gap kept, oldest first. */
  List<Gap> gaps() {
    return entries.stream().map(Entry::gap).toList();
  }

  int size() {
    return entries.size();
  }

  /**
   * Keeps the gaps of a drop ending before lane offset {@code end} ({@code lane} null for
   * {@code unused} ranges) and persists them before returning.
   */
  void add(String lane, long end, List<Gap> gaps) throws IOException {
    if (gaps.isEmpty()) {
      return;
    }
    for (Gap g : gaps) {
      Entry e = new Entry(lane, lane == null ? 0 : end, g);
      if (!extend(e, true)) {
        if (entries.size() >= MAX_ENTRIES && !extend(e, false)) {
          Entry oldest = entries.remove(0);
          LOG.warn("Spool: more than {} losses kept for sinks to come; a sink registering from "
              + "now on is not told of {}", MAX_ENTRIES, oldest.gap());
        }
        if (entries.size() < MAX_ENTRIES) {
          entries.add(e);
        }
      }
    }
    persist();
  }

  /**
   * Forgets the entries of the lane that end at or before {@code removedEnd}: a segment up to
   * there was removed after every registered sink acknowledged it.
   */
  void removedUpTo(String lane, long removedEnd) throws IOException {
    if (entries.removeIf(e -> lane.equals(e.lane()) && e.end() <= removedEnd)) {
      persist();
    }
  }

  /**
   * Merges {@code e} into the newest entry of the same stream, reason and lane: only when the
   * ranges touch if {@code contiguous}, else whatever lies between.
   */
  private boolean extend(Entry e, boolean contiguous) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry prev = entries.get(i);
      Gap p = prev.gap();
      Gap g = e.gap();
      if (!Objects.equals(prev.lane(), e.lane()) || !p.installation().equals(g.installation())
          || !p.device().equals(g.device()) || !p.channel().equals(g.channel())
          || !p.reason().equals(g.reason())) {
        continue;
      }
      if (contiguous && p.lastSeq() + 1 != g.firstSeq()) {
        return false;
      }
      entries.set(i, new Entry(e.lane(), Math.max(prev.end(), e.end()), new Gap(
          g.installation(), g.device(), g.channel(), Math.min(p.firstSeq(), g.firstSeq()),
          Math.max(p.lastSeq(), g.lastSeq()), p.count() + g.count(), g.reason(),
          Math.min(p.fromMillis(), g.fromMillis()), Math.max(p.toMillis(), g.toMillis()))));
      return true;
    }
    return false;
  }

  private void persist() throws IOException {
    AtomicFiles.write(file, StateJson.array(entries, e -> new JsonObject()
        .put("lane", e.lane()).put("end", e.end()).put("gap", StateJson.gap(e.gap()))));
  }
}
