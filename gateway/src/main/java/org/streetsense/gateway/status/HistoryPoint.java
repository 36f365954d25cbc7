package org.streetsense.gateway.status;

import java.time.Instant;
import java.util.Objects;
import org.streetsense.gateway.pipeline.Quality;

/**
 * One stored reading of a channel.
 *
 * @param time when it was taken
 * @param value calibrated value in the channel's unit; NaN when {@code quality} is FAULT
 * @param quality how far the value can be trusted
 * @param seq per-stream sequence number
 */
public record HistoryPoint(Instant time, double value, Quality quality, long seq) {

  public HistoryPoint {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(quality, "quality");
  }
}
