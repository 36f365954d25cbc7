package org.streetsense.gateway.spool;

import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

/** Test observations of a fictional installation. */
public final class Observations {

  public static final long T0 = 1_780_000_000_000L;

  private Observations() {}

  public static Reading reading(String channel, double value) {
    return new Reading("plaza", "bme280", channel, value, "degC", Quality.GOOD,
        new ObservedTime(T0 + (long) value, 1_000_000L * (long) value, true), 0);
  }

  public static InteractionEvent touch(String electrode, double durationMs) {
    return new InteractionEvent("plaza", "mpr121", electrode, "touch_end", durationMs,
        new ObservedTime(T0 + (long) durationMs, 1_000_000L * (long) durationMs, true), 0);
  }
}
