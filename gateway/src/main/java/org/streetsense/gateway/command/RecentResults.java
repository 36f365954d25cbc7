package org.streetsense.gateway.command;

import java.util.LinkedHashMap;
import java.util.Map;

/** Bounded memory of the latest answer per command id, oldest forgotten first. Thread-safe. */
final class RecentResults {

  private final Map<String, CommandResult> byId;

  RecentResults(int capacity) {
    this.byId = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CommandResult> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Returns the remembered answer for the id, or remembers {@code result} and returns null. */
  synchronized CommandResult putIfAbsent(String id, CommandResult result) {
    CommandResult previous = byId.get(id);
    if (previous != null) {
      return previous;
    }
    byId.put(id, result);
    return null;
  }

  /** Replaces the remembered answer of an id (a refusal replaces the provisional acceptance). */
  synchronized void replace(String id, CommandResult finalAnswer) {
    byId.put(id, finalAnswer);
  }

  /** Replaces the remembered answer of an id that is still remembered (a command finished). */
  synchronized void replaceIfPresent(String id, CommandResult latest) {
    byId.replace(id, latest);
  }

  /**
   * Forgets an id: a refusal because the processor closed asks for the same command again, which
   * the next processor then runs instead of answering with the refusal.
   */
  synchronized void forget(String id) {
    byId.remove(id);
  }

  /** Every remembered answer, oldest first. */
  synchronized java.util.List<Map.Entry<String, CommandResult>> snapshot() {
    return byId.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
  }

  synchronized int size() {
    return byId.size();
  }
}
