package org.streetsense.bench;

import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;
import org.streetsense.gateway.uplink.contract.PayloadEncoder;
import org.streetsense.gateway.uplink.contract.Topics;

/**
 * The readings every scenario moves: installation {@code bench}, devices {@code dev-0..N-1},
 * channel {@code temperature}. The baselines publish the bytes of {@link #samplePayload()}, the
 * gateway's own per-reading payload, so they move exactly as many bytes per reading.
 */
public final class Workload {

  public static final String INSTALLATION = "bench";
  public static final Topics TOPICS = new Topics(INSTALLATION);

  private Workload() {}

  /**
   * Device ids {@code dev-0..dev-63}, made once: a gateway's device ids are the installation
   * file's strings, the same objects for every reading, so a fresh string per reading would
   * charge the gateway for building and hashing strings it never builds.
   */
  private static final String[] DEVICE_IDS = new String[64];

  static {
    for (int i = 0; i < DEVICE_IDS.length; i++) {
      DEVICE_IDS[i] = "dev-" + i;
    }
  }

  /** The k-th reading of a run over {@code devices} devices, stamped now. */
  public static Reading reading(long k, int devices) {
    int d = (int) (k % devices);
    String device = d < DEVICE_IDS.length ? DEVICE_IDS[d] : "dev-" + d;
    return new Reading(INSTALLATION, device, "temperature",
        20.0 + (k % 100) / 10.0, "degC", Quality.GOOD, now(), 0);
  }

  /** An interaction event; {@code id} travels in the value field so the subscriber can match it. */
  public static InteractionEvent event(long id) {
    return new InteractionEvent(INSTALLATION, "edge", "button", "press", id, now(), 0);
  }

  /** The gateway's per-reading payload of a typical reading (about 150 bytes). */
  public static byte[] samplePayload() {
    return new PayloadEncoder().observation(reading(7, 20).withSeq(123_456));
  }

  /**
   * The gateway's batched payload of {@code n} typical readings of one device (what its batched
   * mode publishes in one message).
   */
  public static byte[] sampleBatchPayload(int n) {
    List<Observation> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(reading(7, 20).withSeq(123_456 + i));
    }
    return new PayloadEncoder().observations(batch);
  }

  /** Topic the baselines publish to (the gateway's reading topic of device dev-0). */
  public static String baselineTopic() {
    return TOPICS.reading("dev-0");
  }

  private static ObservedTime now() {
    return new ObservedTime(System.currentTimeMillis(), System.nanoTime(), true);
  }
}
