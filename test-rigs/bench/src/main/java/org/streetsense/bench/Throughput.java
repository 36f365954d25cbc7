package org.streetsense.bench;

import java.util.Locale;
import org.streetsense.bench.broker.CountingSubscriber;

/**
 * How many readings reached the subscriber and how long it took.
 *
 * @param sent readings the producer offered
 * @param received readings the subscriber counted
 * @param seconds from the start of sending to the last arrival
 * @param otherRate readings/s of the other of the two passes this figure is the better of
 *     (decision 0378), NaN when it is a single pass
 */
public record Throughput(long sent, long received, double seconds, double otherRate) {

  /**
   * Runs {@code pass} twice in this process, one after the other, and returns the faster,
   * carrying the other's rate. A JVM's first pass runs code its JIT has not compiled yet, as a
   * gateway that has been running does not; a Node-RED flow's second pass can be slower than its
   * first; the better of two gives every publisher, the gateway and the baselines alike, its
   * best.
   */
  public static Throughput bestOfTwo(Pass pass) throws Exception {
    Throughput first = pass.run();
    Throughput second = pass.run();
    return better(first, second);
  }

  /** The faster of two passes (the first when neither has a rate), noting the other's rate. */
  public static Throughput better(Throughput first, Throughput second) {
    boolean secondBetter = second.rate() > first.rate()
        || (Double.isNaN(first.rate()) && !Double.isNaN(second.rate()));
    return secondBetter ? second.withOther(first.rate()) : first.withOther(second.rate());
  }

  /** One measured pass of a publisher. */
  @FunctionalInterface
  public interface Pass {
    Throughput run() throws Exception;
  }

  /** Reads the subscriber's counters against a start time from {@link System#nanoTime()}. */
  public static Throughput measured(long sent, CountingSubscriber sub, long startNanos) {
    long last = sub.lastNanos();
    double s = last == 0 ? Double.NaN : (last - startNanos) / 1e9;
    return new Throughput(sent, sub.readings(), s, Double.NaN);
  }

  /** The same figures, noting the rate of the other pass. */
  public Throughput withOther(double rate) {
    return new Throughput(sent, received, seconds, rate);
  }

  /** Readings per second at the subscriber. */
  public double rate() {
    return received == 0 || !(seconds > 0) ? Double.NaN : received / seconds;
  }

  public boolean complete() {
    return received >= sent;
  }

  /** For the note column: counts, time, whether everything arrived, and the other pass. */
  public String describe() {
    return String.format(Locale.ROOT, "%,d of %,d in %.2f s%s", received, sent, seconds,
        complete() ? "" : " (incomplete: timed out)") + otherPass();
  }

  /** For the note column: the other pass's rate, empty for a single pass. */
  public String otherPass() {
    return Double.isNaN(otherRate) ? ""
        : String.format(Locale.ROOT, "; the better of two passes (other: %,.0f/s)", otherRate);
  }
}
