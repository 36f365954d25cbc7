package org.streetsense.gateway.sink.influx;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.sink.Sink;

/**
 * Writes observations and gaps to InfluxDB (or VictoriaMetrics) as line protocol built with the
 * library's {@code Point} (see {@link InfluxPoints} for the schema), in requests of at most
 * {@code batchSize} lines, gzip-compressed.
 *
 * <p>Writes are blocking calls on a dedicated worker thread, one request at a time, never on the
 * event loop. There is no in-memory buffer: {@link #deliver} completes when every request of the
 * batch got a 2xx answer and fails otherwise, and the spool forwarder retries with back-off from
 * its cursor while the spool holds the data. A batch that failed half-way is sent again in full;
 * points are idempotent (same series and timestamp), so the retry overwrites rather than
 * duplicates. Batching by time comes from the spool: the forwarder delivers what one group
 * commit made readable.
 */
public final class InfluxSink implements Sink {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxSink.class);
  private final InfluxSinkOptions options;
  private final WorkerExecutor worker;
  private final LineWriter writer;
  private volatile boolean closed;

  private InfluxSink(Vertx vertx, InfluxSinkOptions options, LineWriter writer) {
    this.options = options;
    this.writer = writer;
    this.worker = vertx.createSharedWorkerExecutor("streetsense-influx-" + options.name(), 1,
        options.timeout().toSeconds() * 4 + 10, TimeUnit.SECONDS);
  }

  /** Creates the sink; no connection is made until the first delivery. */
  public static InfluxSink create(Vertx vertx, InfluxSinkOptions options) {
    LineWriter writer = options.api() == InfluxApi.V2
        ? new V2ClientWriter(options) : new V1HttpWriter(options);
    LOG.info("InfluxDB sink '{}': {}", options.name(), options);
    return new InfluxSink(vertx, options, writer);
  }

  @Override
  public String name() {
    return options.name();
  }

  @Override
  public Future<Void> deliver(List<Observation> batch) {
    List<String> lines = new ArrayList<>(batch.size());
    for (Observation o : batch) {
      lines.add(InfluxPoints.of(o, options.site()).toLineProtocol());
    }
    return write(lines);
  }

  @Override
  public Future<Void> reportGap(Gap gap) {
    return write(List.of(InfluxPoints.of(gap, options.site()).toLineProtocol()));
  }

  /** True until closed: failures are handled by the forwarder's back-off, not by pausing. */
  @Override
  public boolean available() {
    return !closed;
  }

  private Future<Void> write(List<String> lines) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("influx sink " + name() + " closed"));
    }
    return worker.executeBlocking(() -> {
      for (int i = 0; i < lines.size(); i += options.batchSize()) {
        writer.write(lines.subList(i, Math.min(lines.size(), i + options.batchSize())));
      }
      return null;
    }, true);
  }

  @Override
  public void close() {
    closed = true;
    writer.close();
    worker.close();
  }
}
