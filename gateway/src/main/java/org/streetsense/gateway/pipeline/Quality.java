package org.streetsense.gateway.pipeline;

/** How far a value can be trusted. Published with every reading. */
public enum Quality {
  /** Read without error and within the channel's range. */
  GOOD,
  /** Read, but out of range, stuck, or taken after recovering from a fault. */
  SUSPECT,
  /** Could not be read; the value is meaningless. */
  FAULT;

  /** Lower-case wire name used in payloads. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
