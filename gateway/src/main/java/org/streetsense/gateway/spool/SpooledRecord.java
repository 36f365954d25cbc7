package org.streetsense.gateway.spool;

import java.util.Objects;
import org.streetsense.gateway.pipeline.Observation;

/**
 * An observation read back from the spool.
 *
 * @param lane lane it was read from
 * @param offset its offset in the lane; acknowledge {@code offset + 1} once delivered
 * @param observation the observation, with its sequence number
 * @param bootId boot id of the machine when it was appended; monotonic times are comparable only
 *     within one boot
 */
public record SpooledRecord(Lane lane, long offset, Observation observation, String bootId) {

  public SpooledRecord {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(observation, "observation");
    Objects.requireNonNull(bootId, "bootId");
  }
}
