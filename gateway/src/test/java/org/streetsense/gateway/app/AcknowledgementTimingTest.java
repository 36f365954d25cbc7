package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.metrics.GatewayMetrics;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;
import org.streetsense.gateway.spool.RecordingSink;

class AcknowledgementTimingTest {

  private static final long NOW = 1_765_000_000_000L;

  private record FixedTime(long wallMillis, long monotonicNanos) implements TimeSource {}

  private static Reading stamped(long millis, boolean trusted) {
    return new Reading("kosice", "air-1", "pm25", 4.2, "ug/m3", Quality.GOOD,
        new ObservedTime(millis, 0, trusted), 1);
  }

  @Test
  void anAcknowledgedBatchIsTimedFromEachStampToTheAcknowledgement() {
    try (GatewayMetrics metrics = new GatewayMetrics("kosice")) {
      AcknowledgementTiming sink = new AcknowledgementTiming(new RecordingSink("mqtt"), metrics,
          new FixedTime(NOW, 0));
      assertThat(sink.deliver(List.of(stamped(NOW - 40, true), stamped(NOW - 3_600_000, true)))
          .succeeded()).isTrue();
      assertThat(metrics.scrape()).contains(
          "streetsense_publish_latency_seconds_count{installation=\"kosice\"} 2",
          "streetsense_publish_latency_seconds_sum{installation=\"kosice\"} 3600.04",
          "streetsense_publish_latency_seconds_max{installation=\"kosice\"} 3600.0");
    }
  }

  @Test
  void untrustedStampsStampsFromTheFutureAndFailedBatchesAreNotTimed() {
    try (GatewayMetrics metrics = new GatewayMetrics("kosice")) {
      RecordingSink failing = new RecordingSink("mqtt");
      failing.failNext(1);
      AcknowledgementTiming sink = new AcknowledgementTiming(failing, metrics,
          new FixedTime(NOW, 0));
      assertThat(sink.deliver(List.of(stamped(NOW - 40, true))).failed()).isTrue();
      sink.deliver(List.of(stamped(NOW - 40, false), stamped(NOW + 5_000, true)));
      assertThat(metrics.scrape()).contains(
          "streetsense_publish_latency_seconds_count{installation=\"kosice\"} 0");
    }
  }
}
