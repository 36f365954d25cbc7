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
 * Where device observations enter: each is marked with the clock's trust, appended to the spool
 * (which assigns its sequence number; only then is it accepted), and handed to the local
 * consumers (reflexes, OSC, status, metrics) and to the event bus for the dashboard.
 *
 * <p>{@link #accept} may be called from any thread (the hardware thread) and never blocks. Local
 * consumers run on the spool's completion thread and must not block. An observation the spool
 * refuses (full with reject-new, disk full) is counted and logged; it reaches no consumer.
 */
final class ObservationPipeline implements Consumer<Observation> {

  private static final Logger LOG = LoggerFactory.getLogger(ObservationPipeline.class);

  private final Vertx vertx;
  private final Spool spool;
  private final ClockTrust clock;
  private final String address;
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
    spool.append(o).onComplete(ar -> {
      if (ar.failed()) {
        refused.increment();
        LOG.warn("observation {}/{} not accepted: {}", o.device(), o.channel(), ar.cause().getMessage());
        return;
      }
      Observation accepted = o.withSeq(ar.result());
      vertx.eventBus().publish(address, ObservationBus.toJson(accepted));
      for (Consumer<Observation> c : consumers) {
        try {
          c.accept(accepted);
        } catch (RuntimeException e) {
          LOG.warn("observation consumer failed", e);
        }
      }
    });
  }
}
