package org.streetsense.gateway.pipeline;

import java.util.Objects;

/**
 * A sampled value of one channel of one device.
 *
 * @param installation installation id
 * @param device device id, unique within the installation
 * @param channel channel name, unique within the device (for example {@code temperature})
 * @param value calibrated value in {@code unit}; NaN when {@code quality} is FAULT
 * @param unit unit symbol, for example {@code degC}, {@code lx}, {@code %RH}, {@code hPa}
 * @param quality how far the value can be trusted
 * @param time when it was taken
 * @param seq per-stream sequence number (0 until accepted)
 */
public record Reading(
    String installation,
    String device,
    String channel,
    double value,
    String unit,
    Quality quality,
    ObservedTime time,
    long seq)
    implements Observation {

  public Reading {
    Objects.requireNonNull(installation, "installation");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(time, "time");
  }

  @Override
  public Reading withSeq(long newSeq) {
    return new Reading(installation, device, channel, value, unit, quality, time, newSeq);
  }

  @Override
  public Reading withTime(ObservedTime newTime) {
    return new Reading(installation, device, channel, value, unit, quality, newTime, seq);
  }
}
