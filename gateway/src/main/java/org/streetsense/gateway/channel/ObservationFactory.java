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

  /**
   * The wall-clock time of a monotonic instant. The wall clock and the monotonic clock are read as
   * a pair bracketed by two monotonic reads; a pair whose bracket is wider than {@value
   * #PAIR_BRACKET_NANOS} ns (the thread was preempted between the reads) is read again, at most
   * {@value #PAIR_ATTEMPTS} times. So two stamps derived from instants {@code d} apart differ by
   * {@code d} to within about 2 ms (the wall clock's millisecond, rounding, the bracket), even
   * on a loaded machine. Never blocks; allocates only the result.
   */
  public ObservedTime timeAt(long monotonicNanos) {
    long before = 0;
    long wall = 0;
    long after = 0;
    for (int attempt = 0; attempt < PAIR_ATTEMPTS; attempt++) {
      before = time.monotonicNanos();
      wall = time.wallMillis();
      after = time.monotonicNanos();
      if (after - before <= PAIR_BRACKET_NANOS) {
        break;
      }
    }
    long readAt = before + (after - before) / 2;
    long ageMillis = Math.round((readAt - monotonicNanos) / 1_000_000.0);
    return new ObservedTime(wall - ageMillis, monotonicNanos, true);
  }

  private static final long PAIR_BRACKET_NANOS = 1_000_000L;
  private static final int PAIR_ATTEMPTS = 3;

  public Reading reading(String channel, double value, String unit, Quality quality, long nanos) {
    double v = quality == Quality.FAULT ? Double.NaN : value;
    return new Reading(installation, device, channel, v, unit, quality, timeAt(nanos), 0);
  }

  public InteractionEvent event(String channel, String type, double value, long nanos) {
    return new InteractionEvent(installation, device, channel, type, value, timeAt(nanos), 0);
  }
}
