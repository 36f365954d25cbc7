package org.streetsense.gateway.status;

import java.time.Instant;
import java.util.Objects;
import org.streetsense.gateway.pipeline.Quality;

/**
 * The most recent accepted reading of one channel.
 *
 * @param device device id
 * @param channel channel name
 * @param value calibrated value in {@code unit}; NaN when {@code quality} is FAULT
 * @param unit unit symbol
 * @param quality how far the value can be trusted
 * @param time when it was taken
 * @param seq per-stream sequence number
 */
public record LatestValue(
    String device,
    String channel,
    double value,
    String unit,
    Quality quality,
    Instant time,
    long seq) {

  public LatestValue {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(time, "time");
  }

  /** The stream key {@code device/channel}. */
  public String key() {
    return device + "/" + channel;
  }
}
