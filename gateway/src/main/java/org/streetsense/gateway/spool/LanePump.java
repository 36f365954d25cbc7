package org.streetsense.gateway.spool;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The scheduling loop of one forwarding lane: runs its step again at once while there is more,
 * waits when the step asks (token bucket), polls when idle, and backs off after a failure
 * (doubling from {@code retryInitial} to {@code retryMax}, until the owner reports
 * {@link #recovered()}). A failure is either a failed step or one the owner reports with
 * {@link #backOff()} (a batch that failed after its step had sent it). At most one step runs at a
 * time; a wake-up during a step runs another step after it, and a wake-up (a new commit) also
 * ends a back-off early.
 *
 * <p>Threading: every method must be called on {@code context}; steps start on it.
 */
final class LanePump {

  /** What a step found. */
  record Outcome(Kind kind, long delayMillis) {
    static final Outcome MORE = new Outcome(Kind.MORE, 0);
    static final Outcome IDLE = new Outcome(Kind.IDLE, 0);

    /** Nothing to do for {@code delayMillis} (at least 1 ms). */
    static Outcome waitFor(long delayMillis) {
      return new Outcome(Kind.WAIT, Math.max(1, delayMillis));
    }
  }

  enum Kind { MORE, IDLE, WAIT }

  private final Vertx vertx;
  private final Context context;
  private final ForwarderOptions options;
  private final Supplier<Future<Outcome>> step;
  private final Consumer<Throwable> onFailure;
  private boolean running;
  private boolean busy;
  private boolean wakeRequested;
  private long timer = -1;
  private long backoffMillis;
  private boolean backoffAfterStep;

  /**
   * @param step one delivery attempt; its future completes on {@code context}
   * @param onFailure told of each failed step (before the back-off starts), on {@code context}
   */
  LanePump(Vertx vertx, Context context, ForwarderOptions options,
      Supplier<Future<Outcome>> step, Consumer<Throwable> onFailure) {
    this.vertx = vertx;
    this.context = context;
    this.options = options;
    this.step = step;
    this.onFailure = onFailure;
  }

  void start() {
    running = true;
    wake();
  }

  /** Stops after the step in flight. */
  void stop() {
    running = false;
    cancelTimer();
  }

  /** Deliveries succeed again: the next failure waits {@code retryInitial}. */
  void recovered() {
    backoffMillis = 0;
  }

  /**
   * A failure noticed outside a step: waits the next back-off before the next step (after the
   * step in flight, if any).
   */
  void backOff() {
    backoffMillis = nextBackoff().toMillis();
    if (busy) {
      backoffAfterStep = true;
    } else if (running) {
      schedule(backoffMillis);
    }
  }

  /** The back-off the next failure would wait. */
  Duration nextBackoff() {
    return Duration.ofMillis(backoffMillis == 0 ? options.retryInitial().toMillis()
        : Math.min(backoffMillis * 2, options.retryMax().toMillis()));
  }

  /** Runs a step now, or right after the one in flight. */
  void wake() {
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
    step.get().onComplete(ar -> {
      busy = false;
      if (!running) {
        return;
      }
      if (ar.failed()) {
        onFailure.accept(ar.cause());
        backoffMillis = nextBackoff().toMillis();
      }
      if (ar.failed() || backoffAfterStep) {
        backoffAfterStep = false;
        schedule(backoffMillis);
        return;
      }
      Outcome o = ar.result();
      if (o.kind() == Kind.MORE || (o.kind() == Kind.IDLE && wakeRequested)) {
        context.runOnContext(v -> wake());
      } else if (o.kind() == Kind.WAIT) {
        schedule(o.delayMillis());
      } else {
        schedule(options.idlePoll().toMillis());
      }
    });
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
