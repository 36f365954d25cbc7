package org.streetsense.gateway.spool;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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
 * Forwards one sink's share of the spool: pending gap reports first, then the interactive lane,
 * then telemetry, in order per lane, one batch in flight at a time. The cursor advances only when
 * the sink acknowledged a batch; on failure the forwarder backs off (doubling from {@code
 * retryInitial} to {@code retryMax}) and retries from the first unacknowledged record, so
 * delivery is at-least-once. Telemetry is paced by a token bucket, so a backlog drains at a
 * bounded rate while live interaction events go ahead of it at once.
 *
 * <p>Observations taken before the clock was trusted are re-stamped by {@link ClockTrust}
 * before delivery, and held while the clock is still untrusted.
 *
 * <p>Threading: runs on the Vert.x context it was started on (an event loop); never blocks it.
 */
public final class SpoolForwarder {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolForwarder.class);
  private static final Lane[] PRIORITY = {Lane.INTERACTIVE, Lane.TELEMETRY};

  private enum Step { MORE, IDLE, WAIT_TOKENS }

  private final Vertx vertx;
  private final Context context;
  private final Spool spool;
  private final Sink sink;
  private final ForwarderOptions options;
  private final ClockTrust clock;
  private final TimeSource time;
  private final TokenBucket bucket;
  private final long[] position = new long[Lane.values().length];
  private boolean running;
  private boolean busy;
  private boolean wakeRequested;
  private long timer = -1;
  private long backoffMillis;
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
    spool.onCommitted(() -> context.runOnContext(v -> wake()));
    wake();
  }

  /** Stops after the batch in flight (its acknowledgement is still recorded). */
  public void stop() {
    context.runOnContext(v -> {
      running = false;
      cancelTimer();
    });
  }

  /** Backlog, throughput and failure counters. */
  public Future<ReplayProgress> progress() {
    return spool.stats().map(s -> new ReplayProgress(sink.name(),
        s.pendingPerSink().getOrDefault(sink.name(), 0L), delivered, gapsReported, rate,
        failures, lastError, waitingForClock));
  }

  private void wake() {
    if (!running) {
      return;
    }
    if (busy) {
      wakeRequested = true;
      return;
    }
    cancelTimer();
    busy = true;
    wakeRequested = false;
    step().onComplete(ar -> {
      busy = false;
      if (!running) {
        return;
      }
      if (ar.failed()) {
        failed(ar.cause());
        return;
      }
      backoffMillis = 0;
      switch (ar.result()) {
        case MORE -> context.runOnContext(v -> wake());
        case WAIT_TOKENS -> schedule(Math.max(1, bucket.nanosUntilOne() / 1_000_000));
        case IDLE -> {
          if (wakeRequested) {
            context.runOnContext(v -> wake());
          } else {
            schedule(options.idlePoll().toMillis());
          }
        }
      }
    });
  }

  private Future<Step> step() {
    if (!sink.available()) {
      return Future.succeededFuture(Step.IDLE);
    }
    return spool.pendingGaps(sink.name()).compose(gaps -> {
      if (!gaps.isEmpty()) {
        PendingGap g = gaps.get(0);
        return withTimeout(sink.reportGap(g.gap()))
            .compose(v -> spool.acknowledgeGap(sink.name(), g.id()))
            .map(v -> {
              gapsReported++;
              return Step.MORE;
            });
      }
      return deliverLane(0);
    });
  }

  private Future<Step> deliverLane(int index) {
    if (index == PRIORITY.length) {
      return Future.succeededFuture(Step.IDLE);
    }
    Lane lane = PRIORITY[index];
    int max = options.batchSize();
    if (lane == Lane.TELEMETRY) {
      long tokens = bucket.available();
      if (tokens < 1) {
        return Future.succeededFuture(Step.WAIT_TOKENS);
      }
      max = (int) Math.min(max, tokens);
    }
    return spool.read(sink.name(), lane, position[lane.ordinal()], max).compose(records -> {
      if (records.isEmpty()) {
        return deliverLane(index + 1);
      }
      List<Observation> batch = new ArrayList<>(records.size());
      for (SpooledRecord r : records) {
        Optional<Observation> o = clock.restamp(r.observation(), r.bootId());
        if (o.isEmpty()) {
          waitingForClock = true;
          return Future.succeededFuture(Step.IDLE);
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
            return Step.MORE;
          });
    });
  }

  private void failed(Throwable cause) {
    failures++;
    lastError = String.valueOf(cause.getMessage());
    backoffMillis = backoffMillis == 0 ? options.retryInitial().toMillis()
        : Math.min(backoffMillis * 2, options.retryMax().toMillis());
    LOG.warn("Forwarder '{}': delivery failed ({}); retrying from the first unacknowledged "
        + "record in {} ms", sink.name(), lastError, backoffMillis);
    schedule(backoffMillis);
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

  private void schedule(long delayMillis) {
    cancelTimer();
    timer = vertx.setTimer(Math.max(1, delayMillis), id -> {
      timer = -1;
      wake();
    });
  }

  private void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
