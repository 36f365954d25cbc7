package org.streetsense.gateway.channel;

import java.util.Objects;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

/**
 * Builds readings and events for one device. The wall-clock time of an observation is derived
 * from its monotonic time, so an event stamped at the edge keeps its edge time even when it is
 * processed later. Sequence numbers are 0 (the spool assigns them); {@code clockTrusted} is
 * {@code true} here and corrected by the pipeline's clock-trust stage.
 */
public final class ObservationFactory {

  private final String installation;
  private final String device;
  private final TimeSource time;

  public ObservationFactory(String installation, String device, TimeSource time) {
    this.installation = Objects.requireNonNull(installation, "installation");
    this.device = Objects.requireNonNull(device, "device");
    this.time = Objects.requireNonNull(time, "time");
  }

  public String device() {
    return device;
  }

  public ObservedTime timeAt(long monotonicNanos) {
    long ageMillis = (time.monotonicNanos() - monotonicNanos) / 1_000_000;
    return new ObservedTime(time.wallMillis() - ageMillis, monotonicNanos, true);
  }

  public Reading reading(String channel, double value, String unit, Quality quality, long nanos) {
    double v = quality == Quality.FAULT ? Double.NaN : value;
    return new Reading(installation, device, channel, v, unit, quality, timeAt(nanos), 0);
  }

  public InteractionEvent event(String channel, String type, double value, long nanos) {
    return new InteractionEvent(installation, device, channel, type, value, timeAt(nanos), 0);
  }
}
