package org.streetsense.gateway.spool;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.sink.Sink;

/**
 * A {@link Sink} that records what it acknowledged and can be told to fail or be unavailable.
 * Thread-safe.
 */
public final class RecordingSink implements Sink {

  private final String name;
  private final List<Observation> delivered = new CopyOnWriteArrayList<>();
  private final List<Gap> gaps = new CopyOnWriteArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicBoolean available = new AtomicBoolean(true);

  public RecordingSink(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<Void> deliver(List<Observation> batch) {
    attempts.incrementAndGet();
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Future.failedFuture(new IllegalStateException("injected failure"));
    }
    delivered.addAll(batch);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> reportGap(Gap gap) {
    gaps.add(gap);
    return Future.succeededFuture();
  }

  @Override
  public boolean available() {
    return available.get();
  }

  @Override
  public void close() {
    available.set(false);
  }

  /** The next {@code n} deliveries fail. */
  public void failNext(int n) {
    failNext.set(n);
  }

  public void setAvailable(boolean value) {
    available.set(value);
  }

  public List<Observation> delivered() {
    return List.copyOf(delivered);
  }

  public List<Gap> gaps() {
    return List.copyOf(gaps);
  }

  public int attempts() {
    return attempts.get();
  }
}
