package org.streetsense.gateway.command;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.streetsense.gateway.actuator.RejectReason;

/** Counts of command outcomes; every refused or dropped command is counted by its reason. */
public final class CommandStats {

  private final LongAdder accepted = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);

  public CommandStats() {
    for (RejectReason r : RejectReason.values()) {
      rejected.put(r, new LongAdder());
    }
  }

  void accepted() {
    accepted.increment();
  }

  void duplicate() {
    duplicates.increment();
  }

  /** Counts a refusal. Public so front ends that drop input before parsing count here too. */
  public void rejected(RejectReason reason) {
    rejected.get(reason).increment();
  }

  public long acceptedCount() {
    return accepted.sum();
  }

  public long duplicateCount() {
    return duplicates.sum();
  }

  public long rejectedCount(RejectReason reason) {
    return rejected.get(reason).sum();
  }

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(LongAdder::sum).sum();
  }
}
