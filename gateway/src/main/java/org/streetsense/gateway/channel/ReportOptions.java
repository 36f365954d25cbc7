package org.streetsense.gateway.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * Report-by-exception for a channel's readings. A reading is published when it differs from the
 * last published value by at least {@code deadband}, when its quality changes, or when nothing was
 * published for {@code maxSilence} (a heartbeat, so silence is never mistaken for a dead device).
 *
 * @param publish whether readings of this channel are published at all (interaction-only channels
 *     such as touch bits may turn it off)
 * @param deadband minimum change in the channel's unit; 0 publishes every sample
 * @param maxSilence longest time without a reading; {@link Duration#ZERO} for no heartbeat
 */
public record ReportOptions(boolean publish, double deadband, Duration maxSilence) {

  public static final ReportOptions EVERY_SAMPLE = new ReportOptions(true, 0, Duration.ZERO);
  public static final ReportOptions NEVER = new ReportOptions(false, 0, Duration.ZERO);

  public ReportOptions {
    if (!(deadband >= 0) || Double.isInfinite(deadband)) {
      throw new IllegalArgumentException("deadband must be finite and >= 0, was " + deadband);
    }
    Objects.requireNonNull(maxSilence, "maxSilence");
    if (maxSilence.isNegative()) {
      throw new IllegalArgumentException("maxSilence must not be negative, was " + maxSilence);
    }
  }

  public static ReportOptions deadband(double deadband, Duration maxSilence) {
    return new ReportOptions(true, deadband, maxSilence);
  }
}
