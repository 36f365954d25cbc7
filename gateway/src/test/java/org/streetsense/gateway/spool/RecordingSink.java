package org.streetsense.gateway.spool;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Reading;
import org.streetsense.gateway.sink.Sink;

/**
 * A {@link Sink} that records what it acknowledged and can be told to fail or be unavailable.
 * Thread-safe.
 */
public final class RecordingSink implements Sink {

  private final String name;
  private final List<Observation> delivered = new CopyOnWriteArrayList<>();
  private final List<Integer> deliveredBatchSizes = new CopyOnWriteArrayList<>();
  private final List<Gap> gaps = new CopyOnWriteArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicBoolean available = new AtomicBoolean(true);
  private final java.util.Set<Integer> failingAttempts =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicBoolean holdReadings = new AtomicBoolean();
  private final List<HeldBatch> heldReadings = new CopyOnWriteArrayList<>();
  private final AtomicBoolean holdEvents = new AtomicBoolean();
  private final List<HeldBatch> heldEvents = new CopyOnWriteArrayList<>();

  /** A batch handed over and answered only when the test says so. */
  private record HeldBatch(List<Observation> batch, Promise<Void> promise) {
    boolean pending() {
      return !promise.future().isComplete();
    }
  }

  public RecordingSink(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<Void> deliver(List<Observation> batch) {
    int attempt = attempts.incrementAndGet();
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || failingAttempts.remove(attempt)) {
      return Future.failedFuture(new IllegalStateException("injected failure"));
    }
    if (holdEvents.get() && batch.stream().anyMatch(InteractionEvent.class::isInstance)) {
      return hold(heldEvents, batch);
    }
    if (holdReadings.get() && batch.stream().anyMatch(Reading.class::isInstance)) {
      return hold(heldReadings, batch);
    }
    delivered.addAll(batch);
    deliveredBatchSizes.add(batch.size());
    return Future.succeededFuture();
  }

  /** Sizes of the batches delivered without being held, in order. */
  public List<Integer> deliveredBatchSizes() {
    return List.copyOf(deliveredBatchSizes);
  }

  private static Future<Void> hold(List<HeldBatch> held, List<Observation> batch) {
    HeldBatch b = new HeldBatch(List.copyOf(batch), Promise.promise());
    held.add(b);
    return b.promise().future();
  }

  /** Records a held batch as delivered and acknowledges it (once). */
  private synchronized void acknowledge(HeldBatch b) {
    if (b.pending()) {
      delivered.addAll(b.batch());
      b.promise().complete();
    }
  }

  /** From now on, batches of readings are acknowledged only when {@link #release()} is called. */
  public void holdReadings() {
    holdReadings.set(true);
  }

  /** Batches of readings held so far, not yet acknowledged. */
  public int heldBatches() {
    return (int) heldReadings.stream().filter(HeldBatch::pending).count();
  }

  /** Acknowledges every held batch and stops holding. */
  public void release() {
    holdReadings.set(false);
    heldReadings.forEach(this::acknowledge);
  }

  /** Acknowledges the held batch whose first observation has sequence number {@code seq}. */
  public void releaseBatchStartingAt(long seq) {
    HeldBatch b = heldReadings.stream()
        .filter(h -> h.pending() && h.batch().get(0).seq() == seq).findFirst()
        .orElseThrow(() -> new IllegalStateException("no held batch starts at seq " + seq
            + "; held: " + heldReadings.stream().filter(HeldBatch::pending)
                .map(h -> h.batch().get(0).seq()).toList()));
    acknowledge(b);
  }

  /** From now on, batches of interaction events wait for {@link #acknowledgeEvents} or a failure. */
  public void holdEvents() {
    holdEvents.set(true);
  }

  /** Batches of interaction events handed over so far (acknowledged or not), in order. */
  public int eventBatchesHandedOver() {
    return heldEvents.size();
  }

  /** The {@code index}-th batch of interaction events handed over. */
  public List<Observation> eventBatch(int index) {
    return heldEvents.get(index).batch();
  }

  /** Acknowledges the {@code index}-th held batch of interaction events. */
  public void acknowledgeEvents(int index) {
    acknowledge(heldEvents.get(index));
  }

  /** Fails the {@code index}-th held batch of interaction events. */
  public synchronized void failEvents(int index) {
    heldEvents.get(index).promise().tryFail(new IllegalStateException("injected failure"));
  }

  /** Stops holding interaction events; batches already held still wait for their answer. */
  public void stopHoldingEvents() {
    holdEvents.set(false);
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

  /** Delivery attempt number {@code attempt} (counting from 1) fails. */
  public void failAttempt(int attempt) {
    failingAttempts.add(attempt);
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
