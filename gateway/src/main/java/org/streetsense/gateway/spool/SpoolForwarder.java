package org.streetsense.gateway.spool;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.clock.ClockTrust;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.rate.TokenBucket;
import org.streetsense.gateway.sink.Sink;

/**
 * Forwards one sink's share of the spool in two independent lanes: gap reports and then the
 * interactive lane in one, telemetry in the other, each in order, so an interaction event never
 * waits behind a telemetry batch. Each lane hands its next batch to the sink before the previous
 * one is acknowledged ({@link InFlightBatches}: up to {@value #INTERACTIVE_IN_FLIGHT} interactive
 * batches, so an event does not wait for the acknowledgement of the one before it, and up to
 * {@code telemetryBatchesInFlight} telemetry batches, so a replay is not one round trip per
 * batch). A lane's cursor advances only over batches the sink acknowledged, in order; on failure
 * the lane lets its batches in flight settle, backs off (doubling from {@code retryInitial} to
 * {@code retryMax}) and retries from its first unacknowledged record, so delivery is
 * at-least-once (a batch sent after a failed one may arrive twice). A gap report goes out alone,
 * when no interactive batch is in flight.
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
  static final int INTERACTIVE_IN_FLIGHT = 16;

  private final Vertx vertx;
  private final Context context;
  private final Spool spool;
  private final Sink sink;
  private final ForwarderOptions options;
  private final ClockTrust clock;
  private final TimeSource time;
  private final TokenBucket bucket;
  private final LiveRate live = new LiveRate();
  private final LaneState interactive;
  private final LaneState telemetry;
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
    this.bucket = TokenBucket.perSecond(options.ratePerSecond(), options.burst());
    this.rateWindowStart = time.monotonicNanos();
    this.interactive = new LaneState(Lane.INTERACTIVE, new InFlightBatches(INTERACTIVE_IN_FLIGHT),
        new LanePump(vertx, context, options, this::interactiveStep,
            e -> failed(Lane.INTERACTIVE, e)));
    this.telemetry = new LaneState(Lane.TELEMETRY,
        new InFlightBatches(options.telemetryBatchesInFlight()),
        new LanePump(vertx, context, options, this::telemetryStep,
            e -> failed(Lane.TELEMETRY, e)));
  }

  /**
   * One lane's delivery state. {@code acknowledged}: the first record the sink has not
   * acknowledged (and the spool recorded); {@code sent}: the first record not yet handed to the
   * sink in the current run; {@code run} counts restarts after failures, so a read begun before
   * one is discarded.
   */
  private static final class LaneState {
    final Lane lane;
    final InFlightBatches inFlight;
    final LanePump pump;
    long acknowledged;
    long sent;
    long run;
    /** The lane went idle until a batch in flight settles (all slots taken, or a gap waiting). */
    boolean waitingForSettle;

    LaneState(Lane lane, InFlightBatches inFlight, LanePump pump) {
      this.lane = lane;
      this.inFlight = inFlight;
      this.pump = pump;
    }

    void startAt(long cursor) {
      acknowledged = cursor;
      sent = cursor;
    }
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
          f.interactive.startAt(c);
          return spool.cursor(sink.name(), Lane.TELEMETRY);
        })
        .map(c -> {
          f.telemetry.startAt(c);
          f.context.runOnContext(v -> f.begin());
          return f;
        });
  }

  private void begin() {
    running = true;
    spool.onReadable(this::wake);
    liveTimer = vertx.setPeriodic(LIVE_RATE_PERIOD.toMillis(), id -> sampleLiveRate());
    interactive.pump.start();
    telemetry.pump.start();
  }

  /** Stops after the batches in flight (their acknowledgements are still recorded). */
  public void stop() {
    context.runOnContext(v -> {
      running = false;
      interactive.pump.stop();
      telemetry.pump.stop();
      if (liveTimer >= 0) {
        vertx.cancelTimer(liveTimer);
        liveTimer = -1;
      }
    });
  }

  /**
   * Looks for work now rather than at the next commit or idle poll: call when the sink became
   * available again (a new broker session). Any thread; a no-op once stopped.
   */
  public void wake() {
    wake(EnumSet.allOf(Lane.class));
  }

  /** Wakes the lanes that may have new readable records (the spool's worker; any thread). */
  private void wake(Set<Lane> lanes) {
    context.runOnContext(v -> {
      if (lanes.contains(Lane.INTERACTIVE)) {
        interactive.pump.wake();
      }
      if (lanes.contains(Lane.TELEMETRY)) {
        telemetry.pump.wake();
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
        bucket.rate(options.ratePerSecond() + live.sample(s.appended(), time.monotonicNanos()),
            time.monotonicNanos());
      }
    });
  }

  private Future<LanePump.Outcome> interactiveStep() {
    if (!sink.available()) {
      return Future.succeededFuture(LanePump.Outcome.IDLE);
    }
    if (!interactive.inFlight.accepting()) {
      return untilSettled(interactive);
    }
    return spool.pendingGaps(sink.name()).compose(gaps -> {
      if (gaps.isEmpty()) {
        return send(interactive, options.batchSize());
      }
      if (interactive.inFlight.count() > 0) {
        return untilSettled(interactive);
      }
      PendingGap g = gaps.get(0);
      return withTimeout(sink.reportGap(g.gap()))
          .compose(v -> spool.acknowledgeGap(sink.name(), g.id()))
          .map(v -> {
            interactive.pump.recovered();
            gapsReported++;
            return LanePump.Outcome.MORE;
          });
    });
  }

  private Future<LanePump.Outcome> telemetryStep() {
    if (!sink.available()) {
      return Future.succeededFuture(LanePump.Outcome.IDLE);
    }
    if (!telemetry.inFlight.accepting()) {
      return untilSettled(telemetry);
    }
    long tokens = bucket.available(time.monotonicNanos());
    if (tokens < options.pacedBatch()) {
      // paced: wait for a batch that fills the sink's messages, not a few records at a time
      long nanos = bucket.nanosUntil(options.pacedBatch(), time.monotonicNanos());
      return Future.succeededFuture(LanePump.Outcome.waitFor(nanos / 1_000_000));
    }
    // whole multiples of the sink's message size, so that no message is left part-filled
    int paced = options.pacedBatch();
    return send(telemetry, (int) (Math.min(options.batchSize(), tokens) / paced * paced));
  }

  /**
   * Reads up to {@code max} records after the last batch the lane sent and hands them to the sink
   * without waiting for the acknowledgement; the batch settles later ({@link #settled}). A read
   * that took everything readable ends the step idle: the next commit (or announced event) wakes
   * the lane, so no extra read queues on the spool worker ahead of the next event.
   */
  private Future<LanePump.Outcome> send(LaneState s, int max) {
    long run = s.run;
    return read(s.lane, s.sent, max).map(batch -> {
      if (batch.isEmpty() || run != s.run || !s.inFlight.accepting()) {
        return LanePump.Outcome.IDLE;
      }
      long next = batch.next();
      int size = batch.observations().size();
      s.sent = next;
      if (s.lane == Lane.TELEMETRY) {
        bucket.take(size, time.monotonicNanos());
      }
      Future<Void> delivered = withTimeout(sink.deliver(batch.observations()))
          .onFailure(e -> failed(s.lane, e));
      s.inFlight.add(delivered, () -> spool.acknowledge(sink.name(), s.lane, next))
          .onComplete(ar -> context.runOnContext(v -> settled(s, ar.succeeded(), next, size)));
      return size < max ? LanePump.Outcome.IDLE : LanePump.Outcome.MORE;
    });
  }

  /** Idles the lane until one of its batches in flight settles. */
  private static Future<LanePump.Outcome> untilSettled(LaneState s) {
    s.waitingForSettle = true;
    return Future.succeededFuture(LanePump.Outcome.IDLE);
  }

  /** One batch settled: acknowledged, or failed by itself or by an earlier batch of its run. */
  private void settled(LaneState s, boolean acknowledged, long next, int size) {
    if (acknowledged) {
      s.acknowledged = next;
      count(size);
      s.pump.recovered();
    }
    if (s.inFlight.broken() && s.inFlight.count() == 0) {
      s.inFlight.restart();
      s.run++;
      s.sent = s.acknowledged;
      s.waitingForSettle = false;
      s.pump.backOff();
    } else if (s.waitingForSettle) {
      s.waitingForSettle = false;
      s.pump.wake();
    }
  }

  /** Records to send and the offset after them; empty if none, or held for an untrusted clock. */
  private record Batch(List<Observation> observations, long next) {
    static final Batch NONE = new Batch(List.of(), -1);

    boolean isEmpty() {
      return observations.isEmpty();
    }
  }

  /** Reads up to {@code max} records from {@code from} and re-stamps them for delivery. */
  private Future<Batch> read(Lane lane, long from, int max) {
    return spool.read(sink.name(), lane, from, max).map(records -> {
      if (records.isEmpty()) {
        return Batch.NONE;
      }
      List<Observation> batch = new ArrayList<>(records.size());
      for (SpooledRecord r : records) {
        Optional<Observation> o = clock.restamp(r.observation(), r.bootId());
        if (o.isEmpty()) {
          waitingForClock = true;
          return Batch.NONE;
        }
        batch.add(o.get());
      }
      waitingForClock = false;
      return new Batch(batch, records.get(records.size() - 1).offset() + 1);
    });
  }

  private void failed(Lane lane, Throwable cause) {
    failures++;
    lastError = String.valueOf(cause.getMessage());
    LanePump pump = (lane == Lane.TELEMETRY ? telemetry : interactive).pump;
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
