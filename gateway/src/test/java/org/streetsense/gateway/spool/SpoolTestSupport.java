package org.streetsense.gateway.spool;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.streetsense.gateway.pipeline.Observation;

/** Blocking helpers for spool tests (the test thread is not an event loop). */
final class SpoolTestSupport {

  private SpoolTestSupport() {}

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static SpoolOptions.Builder small(Path dir) {
    return SpoolOptions.builder(dir).segmentBytes(1024).maxBytes(1024 * 1024)
        .cursorFlushInterval(Duration.ZERO).bootId("boot-a");
  }

  static Spool open(Vertx vertx, SpoolOptions options) {
    return await(Spool.open(options, vertx));
  }

  static List<Long> appendReadings(Spool spool, String channel, int n) {
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      seqs.add(await(spool.append(Observations.reading(channel, i))));
    }
    return seqs;
  }

  /** Reads everything committed in the lane for the sink, from its cursor, without acking. */
  static List<SpooledRecord> readAll(Spool spool, String sink, Lane lane) {
    List<SpooledRecord> all = new ArrayList<>();
    long from = 0;
    while (true) {
      List<SpooledRecord> batch = await(spool.read(sink, lane, from, 500));
      if (batch.isEmpty()) {
        return all;
      }
      all.addAll(batch);
      from = batch.get(batch.size() - 1).offset() + 1;
    }
  }

  static List<Long> seqs(List<SpooledRecord> records) {
    return records.stream().map(SpooledRecord::observation).map(Observation::seq).toList();
  }
}
