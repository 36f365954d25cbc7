package org.streetsense.gateway.spool;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.clock.ClockTrust;
import org.streetsense.gateway.hardware.TimeSource;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.sink.Sink;

/**
 * Forwards one sink's share of the spool in two independent lanes: gap reports and then the
 * interactive lane in one, telemetry in the other, each in order, so an interaction event never
 * waits behind a telemetry batch. Telemetry has one batch in flight; the interactive lane hands
 * each new event to the sink without waiting for the acknowledgement of the one before
 * ({@link InFlightWindow}, at most {@value #INTERACTIVE_WINDOW} batches), so a slow broker
 * acknowledgement does not hold back the next event. A lane's cursor advances only over batches
 * the sink acknowledged, in order; on failure the lane backs off (doubling from {@code
 * retryInitial} to {@code retryMax}) and retries from its first unacknowledged record, so
 * delivery is at-least-once.
 *
 * <p>Telemetry is paced by a token bucket whose rate is {@code ratePerSecond} on top of the live
 * append rate (sampled from the spool every second): live telemetry always keeps up, and a
 * backlog drains at about {@code ratePerSecond} more, however fast the installation produces.
 *
 * <p>Observations taken before the clock was trusted are re-stamped by {@link ClockTrust}
 * before delivery, and held while the clock is still untrusted.
 *
 * <p>Threading: runs on the Vert.x context it was started on (an event loop); never blocks it.
 */
public final class SpoolForwarder {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolForwarder.class);
  private static final Duration LIVE_RATE_PERIOD = Duration.ofSeconds(1);
  /** Most interactive batches handed to the sink and not yet acknowledged. */
  static final int INTERACTIVE_WINDOW = 16;

  private final Vertx vertx;
  private final Context context;
  private final Spool spool;
  private final Sink sink;
  private final ForwarderOptions options;
  private final ClockTrust clock;
  private final TimeSource time;
  private final TokenBucket bucket;
  private final LiveRate live = new LiveRate();
  private final long[] position = new long[Lane.values().length];
  private final LanePump interactive;
  private final LanePump telemetry;
  private InFlightWindow window;
  private boolean running;
  private long liveTimer = -1;
  private long delivered;
  private long gapsReported;
  private long failures;
  private String lastError;
  private boolean waitingForClock;
  private double rate;
  private long rateWindowStart;
  private long rateWindowCount;

  private SpoolForwarder(Vertx vertx, Spool spool, Sink sink, ForwarderOptions options,
      ClockTrust clock, TimeSource time) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.spool = spool;
    this.sink = sink;
    this.options = options;
    this.clock = clock;
    this.time = time;
    this.bucket = new TokenBucket(time, options.ratePerSecond(), options.burst());
    this.rateWindowStart = time.monotonicNanos();
    this.interactive = new LanePump(vertx, context, options, this::interactiveStep,
        e -> failed(Lane.INTERACTIVE, e));
    this.telemetry = new LanePump(vertx, context, options, this::telemetryStep,
        e -> failed(Lane.TELEMETRY, e));
  }

  /**
   * Registers the sink's cursor and starts forwarding. Call from the context the forwarder should
   * run on. The future completes once the cursors are loaded.
   */
  public static Future<SpoolForwarder> start(Vertx vertx, Spool spool, Sink sink,
      ForwarderOptions options, ClockTrust clock, TimeSource time) {
    SpoolForwarder f = new SpoolForwarder(vertx, spool, sink, options, clock, time);
    return spool.registerSink(sink.name())
        .compose(v -> spool.cursor(sink.name(), Lane.INTERACTIVE))
        .compose(c -> {
          f.position[Lane.INTERACTIVE.ordinal()] = c;
          f.window = new InFlightWindow(INTERACTIVE_WINDOW, c);
          return spool.cursor(sink.name(), Lane.TELEMETRY);
        })
        .map(c -> {
          f.position[Lane.TELEMETRY.ordinal()] = c;
          f.context.runOnContext(v -> f.begin());
          return f;
        });
  }

  private void begin() {
    running = true;
    spool.onCommitted(() -> context.runOnContext(v -> {
      interactive.wake();
      telemetry.wake();
    }));
    liveTimer = vertx.setPeriodic(LIVE_RATE_PERIOD.toMillis(), id -> sampleLiveRate());
    interactive.start();
    telemetry.start();
  }

  /** Stops after the batches in flight (their acknowledgements are still recorded). */
  public void stop() {
    context.runOnContext(v -> {
      running = false;
      interactive.stop();
      telemetry.stop();
      if (liveTimer >= 0) {
        vertx.cancelTimer(liveTimer);
        liveTimer = -1;
      }
    });
  }

  /** Backlog, throughput and failure counters. */
  public Future<ReplayProgress> progress() {
    return spool.stats().map(s -> new ReplayProgress(sink.name(),
        s.pendingPerSink().getOrDefault(sink.name(), 0L), delivered, gapsReported, rate,
        failures, lastError, waitingForClock));
  }

  private void sampleLiveRate() {
    spool.stats().onSuccess(s -> {
      if (running) {
        bucket.rate(options.ratePerSecond() + live.sample(s.appended(), time.monotonicNanos()));
      }
    });
  }

  private Future<LanePump.Outcome> interactiveStep() {
    if (window.failed()) {
      return window.whenEmpty().compose(v ->
          Future.failedFuture(window.restart(position[Lane.INTERACTIVE.ordinal()])));
    }
    if (!sink.available()) {
      return Future.succeededFuture(LanePump.Outcome.IDLE);
    }
    if (window.isFull()) {
      return window.whenSomethingSettles().map(LanePump.Outcome.MORE);
    }
    return spool.pendingGaps(sink.name()).compose(gaps -> {
      if (!gaps.isEmpty()) {
        if (!window.isEmpty()) {
          // a gap report goes out alone, once the events in flight are settled
          return window.whenEmpty().map(LanePump.Outcome.MORE);
        }
        PendingGap g = gaps.get(0);
        return withTimeout(sink.reportGap(g.gap()))
            .compose(v -> spool.acknowledgeGap(sink.name(), g.id()))
            .map(v -> {
              gapsReported++;
              return LanePump.Outcome.MORE;
            });
      }
      return sendInteractive();
    });
  }

  /**
   * Reads the interactive records after the last batch handed to the sink and hands them over
   * without waiting for the acknowledgement; the cursor follows the acknowledgements in order.
   */
  private Future<LanePump.Outcome> sendInteractive() {
    return spool.read(sink.name(), Lane.INTERACTIVE, window.sendPosition(), options.batchSize())
        .compose(records -> {
          List<Observation> batch = records.isEmpty() ? null : restamped(records);
          if (batch == null) {
            return Future.succeededFuture(LanePump.Outcome.IDLE);
          }
          long next = records.get(records.size() - 1).offset() + 1;
          window.sent(next, batch.size());
          withTimeout(sink.deliver(batch)).onComplete(ar -> {
            if (ar.failed()) {
              interactiveFailed(next, ar.cause());
              return;
            }
            InFlightWindow.Settled settled = window.acknowledged(next);
            if (settled != null) {
              spool.acknowledge(sink.name(), Lane.INTERACTIVE, settled.next()).onComplete(ack -> {
                if (ack.failed()) {
                  interactiveFailed(-1, ack.cause());
                  return;
                }
                int i = Lane.INTERACTIVE.ordinal();
                position[i] = Math.max(position[i], settled.next());
                count(settled.records());
              });
            }
          });
          // a short read took everything committed: the next commit wakes the lane, so no extra
          // read now (it would queue on the spool worker and hold back the next event's step)
          return Future.succeededFuture(records.size() < options.batchSize()
              ? LanePump.Outcome.IDLE : LanePump.Outcome.MORE);
        });
  }

  private void interactiveFailed(long next, Throwable cause) {
    window.failed(next, cause);
    interactive.wake();
  }

  /** The records' observations re-stamped, or {@code null} while the clock is untrusted. */
  private List<Observation> restamped(List<SpooledRecord> records) {
    List<Observation> batch = new ArrayList<>(records.size());
    for (SpooledRecord r : records) {
      Optional<Observation> o = clock.restamp(r.observation(), r.bootId());
      if (o.isEmpty()) {
        waitingForClock = true;
        return null;
      }
      batch.add(o.get());
    }
    waitingForClock = false;
    return batch;
  }

  private Future<LanePump.Outcome> telemetryStep() {
    if (!sink.available()) {
      return Future.succeededFuture(LanePump.Outcome.IDLE);
    }
    long tokens = bucket.available();
    if (tokens < 1) {
      return Future.succeededFuture(
          LanePump.Outcome.waitFor(bucket.nanosUntilOne() / 1_000_000));
    }
    return deliver(Lane.TELEMETRY, (int) Math.min(options.batchSize(), tokens));
  }

  private Future<LanePump.Outcome> deliver(Lane lane, int max) {
    return spool.read(sink.name(), lane, position[lane.ordinal()], max).compose(records -> {
      if (records.isEmpty()) {
        return Future.succeededFuture(LanePump.Outcome.IDLE);
      }
      List<Observation> batch = new ArrayList<>(records.size());
      for (SpooledRecord r : records) {
        Optional<Observation> o = clock.restamp(r.observation(), r.bootId());
        if (o.isEmpty()) {
          waitingForClock = true;
          return Future.succeededFuture(LanePump.Outcome.IDLE);
        }
        batch.add(o.get());
      }
      waitingForClock = false;
      long next = records.get(records.size() - 1).offset() + 1;
      return withTimeout(sink.deliver(batch))
          .compose(v -> spool.acknowledge(sink.name(), lane, next))
          .map(v -> {
            position[lane.ordinal()] = next;
            if (lane == Lane.TELEMETRY) {
              bucket.take(batch.size());
            }
            count(batch.size());
            return LanePump.Outcome.MORE;
          });
    });
  }

  private void failed(Lane lane, Throwable cause) {
    failures++;
    lastError = String.valueOf(cause.getMessage());
    LanePump pump = lane == Lane.TELEMETRY ? telemetry : interactive;
    LOG.warn("Forwarder '{}' ({} lane): delivery failed ({}); retrying from the first "
        + "unacknowledged record in {} ms", sink.name(), lane.dirName(),
        lastError, pump.nextBackoff().toMillis());
  }

  private <T> Future<T> withTimeout(Future<T> f) {
    Promise<T> p = Promise.promise();
    long t = vertx.setTimer(options.deliveryTimeout().toMillis(), id -> p.tryFail(
        new TimeoutException("sink '" + sink.name() + "' did not acknowledge within "
            + options.deliveryTimeout())));
    f.onComplete(ar -> {
      vertx.cancelTimer(t);
      context.runOnContext(v -> {
        if (ar.succeeded()) {
          p.tryComplete(ar.result());
        } else {
          p.tryFail(ar.cause());
        }
      });
    });
    return p.future();
  }

  private void count(int n) {
    delivered += n;
    rateWindowCount += n;
    long now = time.monotonicNanos();
    double seconds = (now - rateWindowStart) / 1e9;
    if (seconds >= 1) {
      double current = rateWindowCount / seconds;
      rate = rate == 0 ? current : 0.7 * rate + 0.3 * current;
      rateWindowStart = now;
      rateWindowCount = 0;
    }
  }
}
