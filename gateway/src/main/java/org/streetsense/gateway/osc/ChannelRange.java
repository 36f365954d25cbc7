package org.streetsense.gateway.osc;

/** A channel's declared value range, used to normalise values to 0..1 for artists' tools. */
public record ChannelRange(double min, double max) {

  public ChannelRange {
    if (!(min < max)) {
      throw new IllegalArgumentException("range min " + min + " must be < max " + max);
    }
  }

  /** The value scaled to 0..1 and clamped. */
  public double normalise(double value) {
    return Math.max(0, Math.min(1, (value - min) / (max - min)));
  }
}
