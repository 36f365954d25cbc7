package org.streetsense.gateway.app;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.clock.ClockTrust;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.spool.Spool;
import org.streetsense.gateway.status.ObservationBus;

/**
 * Where device observations enter: each is marked with the clock's trust and handed at once to
 * the immediate consumers (reflexes: a person pressing a button gets the lamp without waiting for
 * the disk), then appended to the spool (which assigns its sequence number; only then is it
 * accepted) and handed to the consumers of accepted observations (OSC, status, open-data
 * history, metrics) and to the event bus for the dashboard.
 *
 * <p>{@link #accept} may be called from any thread (hardware and board threads) and never blocks.
 * Immediate consumers run on that calling thread, may be called from several threads, and must not
 * block; they see the observation without a sequence number, and also when the spool then refuses
 * it (the reflex still answers; the loss is accounted by the spool). Consumers of accepted
 * observations run on the spool's completion thread and must not block. An observation the spool
 * refuses (full with reject-new, disk full) is counted and logged; it reaches no such consumer.
 */
final class ObservationPipeline implements Consumer<Observation> {

  private static final Logger LOG = LoggerFactory.getLogger(ObservationPipeline.class);

  private final Vertx vertx;
  private final Spool spool;
  private final ClockTrust clock;
  private final String address;
  private final List<Consumer<Observation>> immediate = new CopyOnWriteArrayList<>();
  private final List<Consumer<Observation>> consumers = new CopyOnWriteArrayList<>();
  private final LongAdder refused = new LongAdder();

  /**
   * @param address event-bus address the accepted observations are published on, as JSON
   *     ({@link ObservationBus#toJson})
   */
  ObservationPipeline(Vertx vertx, Spool spool, ClockTrust clock, String address) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.address = Objects.requireNonNull(address, "address");
    this.spool = Objects.requireNonNull(spool, "spool");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Adds a consumer that gets every observation as it is handed over, before the spool accepted it
   * (no sequence number yet), on the calling thread.
   */
  void onObserved(Consumer<Observation> consumer) {
    immediate.add(consumer);
  }

  /** Adds a consumer of accepted observations (with their sequence numbers). */
  void onAccepted(Consumer<Observation> consumer) {
    consumers.add(consumer);
  }

  long refusedCount() {
    return refused.sum();
  }

  @Override
  public void accept(Observation raw) {
    ObservedTime t = raw.time();
    Observation o = raw.withTime(new ObservedTime(t.epochMillis(), t.monotonicNanos(), clock.isTrusted()));
    deliver(immediate, o);
    spool.append(o).onComplete(ar -> {
      if (ar.failed()) {
        refused.increment();
        LOG.warn("observation {}/{} not accepted: {}", o.device(), o.channel(), ar.cause().getMessage());
        return;
      }
      Observation accepted = o.withSeq(ar.result());
      vertx.eventBus().publish(address, ObservationBus.toJson(accepted));
      deliver(consumers, accepted);
    });
  }

  private static void deliver(List<Consumer<Observation>> to, Observation o) {
    for (Consumer<Observation> c : to) {
      try {
        c.accept(o);
      } catch (RuntimeException e) {
        LOG.warn("observation consumer failed", e);
      }
    }
  }
}
