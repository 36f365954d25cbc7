package org.streetsense.gateway.osc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.streetsense.harness.OscPackets;

/**
 * 100,000 seeded random and mutated datagrams through the decoder and the input's counting
 * (bigger runs: the bench's {@code osc-fuzz} group). For each input: nothing is thrown, it is
 * counted once as decoded or as dropped with a reason, and the work stays linear in its length.
 */
class OscDecoderFuzzTest {

  static final long SEED = 20261206L;
  static final int INPUTS = 100_000;

  @Test
  void noInputEscapesTheDecoderAndEveryInputIsDecodedOrCountedWithAReason() {
    OscInOptions options = OscInOptions.defaults();
    OscDecoder decoder = new OscDecoder(options);
    OscInStats stats = new OscInStats();
    OscPackets.Fuzzer fuzzer = new OscPackets.Fuzzer(SEED, options.maxDatagramBytes() + 64,
        options.maxBundleDepth());
    Map<String, Integer> kinds = new TreeMap<>();
    for (int i = 0; i < INPUTS; i++) {
      byte[] input = fuzzer.next();
      OscDecoder.Result r;
      try {
        r = decoder.decode(input, input.length);
      } catch (RuntimeException | Error e) {
        throw new AssertionError("input " + i + " (" + fuzzer.kind() + ", seed " + SEED
            + ") escaped the decoder", e);
      }
      stats.count(r);
      if (r.steps() > 3L * input.length + 16) {
        fail("input %d (%s, seed %d): %d steps for %d bytes", i, fuzzer.kind(), SEED, r.steps(),
            input.length);
      }
      if (r instanceof OscDecoder.Decoded d) {
        if (d.messages().size() > options.maxMessagesPerDatagram()) {
          fail("input %d (%s): %d messages", i, fuzzer.kind(), d.messages().size());
        }
        kinds.merge("decoded", 1, Integer::sum);
      } else {
        OscDecoder.Dropped d = (OscDecoder.Dropped) r;
        if (d.detail().isBlank() || d.detail().indexOf('\n') >= 0) {
          fail("input %d (%s): detail '%s'", i, fuzzer.kind(), d.detail());
        }
        kinds.merge(d.reason().wireName(), 1, Integer::sum);
      }
    }
    assertThat(stats.receivedCount()).as("every input counted once").isEqualTo(INPUTS);
    assertThat(stats.decodedCount() + stats.droppedTotal()).isEqualTo(INPUTS);
    // the corpus reaches every decoding outcome, so the test would notice a path that throws
    assertThat(kinds).containsKeys("decoded", "truncated", "unterminated_string", "bad_length",
        "unknown_type_tag", "bad_address", "too_deep", "not_osc", "too_large");
    System.out.println("OscDecoderFuzzTest: " + INPUTS + " inputs, seed " + SEED + ": " + kinds);
  }
}
