package org.streetsense.bench;

import java.util.Locale;
import org.streetsense.bench.broker.CountingSubscriber;

/**
 * How many readings reached the subscriber and how long it took.
 *
 * @param sent readings the producer offered
 * @param received readings the subscriber counted
 * @param seconds from the start of sending to the last arrival
 */
public record Throughput(long sent, long received, double seconds) {

  /** Reads the subscriber's counters against a start time from {@link System#nanoTime()}. */
  public static Throughput measured(long sent, CountingSubscriber sub, long startNanos) {
    long last = sub.lastNanos();
    double s = last == 0 ? Double.NaN : (last - startNanos) / 1e9;
    return new Throughput(sent, sub.readings(), s);
  }

  /** Readings per second at the subscriber. */
  public double rate() {
    return received == 0 || !(seconds > 0) ? Double.NaN : received / seconds;
  }

  public boolean complete() {
    return received >= sent;
  }

  /** For the note column: counts, time, and whether everything arrived. */
  public String describe() {
    return String.format(Locale.ROOT, "%,d of %,d in %.2f s%s", received, sent, seconds,
        complete() ? "" : " (incomplete: timed out)");
  }
}
