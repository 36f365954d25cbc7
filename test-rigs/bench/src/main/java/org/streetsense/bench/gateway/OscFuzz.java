package org.streetsense.bench.gateway;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.streetsense.gateway.osc.OscDecoder;
import org.streetsense.gateway.osc.OscInOptions;
import org.streetsense.gateway.osc.OscInStats;
import org.streetsense.harness.OscPackets;

/**
 * The gateway's OSC decoder over many seeded random and mutated datagrams (the unit test runs
 * 100,000 of the same kind): every input must be decoded or dropped with a reason, never throw,
 * and take work linear in its length. Any violation fails the scenario with the input's index and
 * kind, reproducible from the seed.
 */
public final class OscFuzz {

  /** Seed of the bench run (the unit test uses another, so the two cover different inputs). */
  public static final long SEED = 0x5EC0_05CL;

  private OscFuzz() {}

  /**
   * @param rate datagrams decoded per second on this thread
   * @param outcomes inputs by outcome: {@code decoded} or the drop reason
   */
  public record Result(long inputs, double rate, long maxSteps, Map<String, Long> outcomes) {
    public String describe() {
      return String.format(Locale.ROOT, "%,d inputs, seed %d, none escaped; most steps for one "
          + "input %,d; outcomes %s", inputs, SEED, maxSteps, outcomes);
    }
  }

  /** Runs {@code n} inputs; fails when one escapes, exceeds the work bound, or time runs out. */
  public static Result run(int n, long seed, Duration timeout) {
    OscInOptions options = OscInOptions.defaults();
    OscDecoder decoder = new OscDecoder(options);
    OscInStats stats = new OscInStats();
    OscPackets.Fuzzer fuzzer = new OscPackets.Fuzzer(seed, options.maxDatagramBytes() + 64,
        options.maxBundleDepth());
    Map<String, Long> outcomes = new TreeMap<>();
    long maxSteps = 0;
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    for (int i = 0; i < n; i++) {
      byte[] input = fuzzer.next();
      OscDecoder.Result r;
      try {
        r = decoder.decode(input, input.length);
      } catch (RuntimeException | Error e) {
        throw new IllegalStateException("input " + i + " (" + fuzzer.kind() + ", seed " + seed
            + ") escaped the decoder: " + e, e);
      }
      if (r.steps() > 3L * input.length + 16) {
        throw new IllegalStateException("input " + i + " (" + fuzzer.kind() + ", seed " + seed
            + "): " + r.steps() + " steps for " + input.length + " bytes");
      }
      maxSteps = Math.max(maxSteps, r.steps());
      stats.count(r);
      outcomes.merge(r instanceof OscDecoder.Dropped d ? d.reason().wireName() : "decoded", 1L,
          Long::sum);
      if ((i & 0xffff) == 0 && System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + i + " of " + n + " inputs");
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (stats.decodedCount() + stats.droppedTotal() != n) {
      throw new IllegalStateException("counted " + (stats.decodedCount() + stats.droppedTotal())
          + " of " + n + " inputs");
    }
    return new Result(n, n / seconds, maxSteps, outcomes);
  }
}
