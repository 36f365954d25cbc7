package org.streetsense.gateway.spool;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.streetsense.gateway.pipeline.Observation;

/** A {@link Spool} that passes everything to another and counts the reads per lane. */
final class CountingSpool implements Spool {

  private final Spool delegate;
  private final Map<Lane, AtomicInteger> reads = new ConcurrentHashMap<>();

  CountingSpool(Spool delegate) {
    this.delegate = delegate;
  }

  /** Reads of the lane so far. */
  int reads(Lane lane) {
    return reads.computeIfAbsent(lane, l -> new AtomicInteger()).get();
  }

  @Override
  public Future<Long> append(Observation observation) {
    return delegate.append(observation);
  }

  @Override
  public Future<Void> registerSink(String sink) {
    return delegate.registerSink(sink);
  }

  @Override
  public Future<Void> unregisterSink(String sink) {
    return delegate.unregisterSink(sink);
  }

  @Override
  public Future<List<SpooledRecord>> read(String sink, Lane lane, long fromOffset, int max) {
    reads.computeIfAbsent(lane, l -> new AtomicInteger()).incrementAndGet();
    return delegate.read(sink, lane, fromOffset, max);
  }

  @Override
  public Future<Void> acknowledge(String sink, Lane lane, long nextOffset) {
    return delegate.acknowledge(sink, lane, nextOffset);
  }

  @Override
  public Future<Long> cursor(String sink, Lane lane) {
    return delegate.cursor(sink, lane);
  }

  @Override
  public Future<List<PendingGap>> pendingGaps(String sink) {
    return delegate.pendingGaps(sink);
  }

  @Override
  public Future<Void> acknowledgeGap(String sink, long gapId) {
    return delegate.acknowledgeGap(sink, gapId);
  }

  @Override
  public Future<Void> flush() {
    return delegate.flush();
  }

  @Override
  public Future<SpoolStats> stats() {
    return delegate.stats();
  }

  @Override
  public void onReadable(Consumer<Set<Lane>> listener) {
    delegate.onReadable(listener);
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }
}
