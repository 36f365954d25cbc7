package org.streetsense.gateway.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.metrics.GatewayMetrics;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.sink.Sink;

/**
 * The MQTT sink, timed: when the broker has acknowledged a batch, each of its observations is
 * counted in {@code streetsense_publish_latency_seconds} with the time from its stamp to that
 * acknowledgement (wall clock, as the stamp is), a backlog replayed after an outage included.
 * Observations stamped while the clock was not trusted are not timed (their stamp may be years
 * off), nor are stamps after the acknowledgement (a clock stepped back). Everything else is the
 * wrapped sink's; futures complete as the wrapped sink's do.
 */
final class AcknowledgementTiming implements Sink {

  private final Sink sink;
  private final GatewayMetrics metrics;
  private final TimeSource time;

  AcknowledgementTiming(Sink sink, GatewayMetrics metrics, TimeSource time) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.time = Objects.requireNonNull(time, "time");
  }

  @Override
  public String name() {
    return sink.name();
  }

  @Override
  public Future<Void> deliver(List<Observation> batch) {
    return sink.deliver(batch).onSuccess(v -> record(batch));
  }

  private void record(List<Observation> batch) {
    long now = time.wallMillis();
    long count = 0;
    long totalMillis = 0;
    long maxMillis = 0;
    for (Observation o : batch) {
      long age = now - o.time().epochMillis();
      if (o.time().clockTrusted() && age >= 0) {
        count++;
        totalMillis += age;
        maxMillis = Math.max(maxMillis, age);
      }
    }
    if (count > 0) {
      metrics.published(count, totalMillis, maxMillis);
    }
  }

  @Override
  public Future<Void> reportGap(Gap gap) {
    return sink.reportGap(gap);
  }

  @Override
  public boolean available() {
    return sink.available();
  }

  @Override
  public void close() {
    sink.close();
  }
}
