package org.streetsense.gateway.spool.impl;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.spool.PendingGap;

/**
 * Gap reports waiting for each sink, in {@code gaps/<sink>.json}, replaced atomically on every
 * change (gaps are rare and small). Spool worker thread only.
 */
final class GapQueue {

  private final Path dir;
  private final Map<String, List<PendingGap>> queues = new HashMap<>();
  /** Reports queued over all sinks; written on the worker, read from any thread. */
  private volatile int total;

  GapQueue(Path dir) {
    this.dir = dir;
  }

  void load(String sink) throws IOException {
    Files.createDirectories(dir);
    Path f = file(sink);
    List<PendingGap> list = Files.exists(f)
        ? new ArrayList<>(StateJson.readArray(f,
            o -> new PendingGap(StateJson.number(o, "id"), StateJson.gap(o.getJsonObject("gap")))))
        : new ArrayList<>();
    queues.put(sink, list);
    recount();
  }

  void add(String sink, List<Gap> gaps) throws IOException {
    if (gaps.isEmpty()) {
      return;
    }
    List<PendingGap> list = queues.computeIfAbsent(sink, s -> new ArrayList<>());
    long id = list.isEmpty() ? 1 : list.get(list.size() - 1).id() + 1;
    for (Gap g : gaps) {
      list.add(new PendingGap(id++, g));
    }
    recount();
    persist(sink);
  }

  List<PendingGap> pending(String sink) {
    return List.copyOf(queues.getOrDefault(sink, List.of()));
  }

  int size(String sink) {
    return queues.getOrDefault(sink, List.of()).size();
  }

  void acknowledge(String sink, long id) throws IOException {
    List<PendingGap> list = queues.get(sink);
    if (list != null && list.removeIf(g -> g.id() == id)) {
      recount();
      persist(sink);
    }
  }

  void remove(String sink) throws IOException {
    queues.remove(sink);
    recount();
    Files.deleteIfExists(file(sink));
  }

  /** Whether no sink has a gap report queued; any thread (the last state the worker left). */
  boolean noneQueued() {
    return total == 0;
  }

  private void recount() {
    int n = 0;
    for (List<PendingGap> list : queues.values()) {
      n += list.size();
    }
    total = n;
  }

  private void persist(String sink) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.write(file(sink), StateJson.array(queues.get(sink),
        g -> new JsonObject().put("id", g.id()).put("gap", StateJson.gap(g.gap()))));
  }

  private Path file(String sink) {
    return dir.resolve(sink + ".json");
  }
}
