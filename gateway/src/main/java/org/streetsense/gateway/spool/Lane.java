package org.streetsense.gateway.spool;

import org.streetsense.gateway.pipeline.Observation;

/**
 * Priority lanes of the spool. Each lane is its own segmented log with its own offsets and its own
 * per-sink cursor; a forwarder drains each lane on its own, {@link #TELEMETRY} paced and
 * {@link #INTERACTIVE} at once, so interaction events overtake a telemetry backlog. Order is kept per sink within a lane.
 */
public enum Lane {
  /** Interaction events: touches, presence, presses. Small and urgent. */
  INTERACTIVE("interactive"),
  /** Sampled readings: slow telemetry, possibly a large backlog after an outage. */
  TELEMETRY("telemetry");

  private final String dirName;

  Lane(String dirName) {
    this.dirName = dirName;
  }

  /** Name of the lane's directory under the spool directory and in cursor files. */
  public String dirName() {
    return dirName;
  }

  /** The lane an observation travels in. */
  public static Lane of(Observation observation) {
    return observation.interactive() ? INTERACTIVE : TELEMETRY;
  }
}
