package org.streetsense.gateway.spool.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.streetsense.gateway.spool.Lane;

/**
 * Per-sink cursors (next offset to deliver, per lane), one small file per sink in
 * {@code cursors/<sink>.cursor}, replaced atomically. Spool worker thread only.
 */
final class CursorStore {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private final Path dir;
  private final Map<String, long[]> cursors = new LinkedHashMap<>();
  private final Set<String> dirty = new HashSet<>();

  CursorStore(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.cursor")) {
      for (Path f : files) {
        String sink = f.getFileName().toString().replaceFirst("\\.cursor$", "");
        long[] values = new long[Lane.values().length];
        for (String line : Files.readAllLines(f)) {
          String[] kv = line.split("=", 2);
          for (Lane lane : Lane.values()) {
            if (kv.length == 2 && kv[0].trim().equals(lane.dirName())) {
              values[lane.ordinal()] = Long.parseLong(kv[1].trim());
            }
          }
        }
        cursors.put(sink, values);
      }
    }
  }

  static String validName(String sink) {
    if (sink == null || !NAME.matcher(sink).matches()) {
      throw new IllegalArgumentException(
          "sink name must match " + NAME.pattern() + ", was '" + sink + "'");
    }
    return sink;
  }

  Set<String> sinks() {
    return cursors.keySet();
  }

  boolean contains(String sink) {
    return cursors.containsKey(sink);
  }

  /** Registers a sink at the given start offsets (ignored when already registered). */
  void register(String sink, long[] start) throws IOException {
    if (!cursors.containsKey(sink)) {
      cursors.put(sink, start.clone());
      write(sink);
    }
  }

  void unregister(String sink) throws IOException {
    cursors.remove(sink);
    dirty.remove(sink);
    Files.deleteIfExists(dir.resolve(sink + ".cursor"));
  }

  long get(String sink, Lane lane) {
    long[] v = cursors.get(sink);
    if (v == null) {
      throw new IllegalArgumentException("sink '" + sink + "' is not registered");
    }
    return v[lane.ordinal()];
  }

  /** Moves the cursor forward (never back); returns whether it moved. */
  boolean advance(String sink, Lane lane, long next) {
    long[] v = cursors.get(sink);
    if (v == null) {
      throw new IllegalArgumentException("sink '" + sink + "' is not registered");
    }
    if (next <= v[lane.ordinal()]) {
      return false;
    }
    v[lane.ordinal()] = next;
    dirty.add(sink);
    return true;
  }

  boolean hasDirty() {
    return !dirty.isEmpty();
  }

  void flush() throws IOException {
    for (String sink : Set.copyOf(dirty)) {
      write(sink);
      dirty.remove(sink);
    }
  }

  private void write(String sink) throws IOException {
    long[] v = cursors.get(sink);
    StringBuilder sb = new StringBuilder();
    for (Lane lane : Lane.values()) {
      sb.append(lane.dirName()).append('=').append(v[lane.ordinal()]).append('\n');
    }
    AtomicFiles.write(dir.resolve(sink + ".cursor"), sb.toString());
  }
}
