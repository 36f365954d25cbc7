package org.streetsense.gateway.driver;

import java.time.Duration;
import java.util.Objects;
import org.streetsense.gateway.hardware.EdgeEvent;

/**
 * Software debounce for a digital input, {@link DebounceMode#LEADING leading} or
 * {@link DebounceMode#TRAILING trailing} (see there). With a zero window every edge that changes
 * the level is accepted at once, in either mode.
 *
 * <p>Leading: an edge that changes the accepted level is reported on the calling thread (the
 * backend's edge thread: no hop onto the hardware executor, where it would queue behind sampling
 * work), with the edge's own time stamp; edges during the lockout window only record the raw
 * level. When the window ends (a task on the scheduler) a raw level that differs from the accepted
 * one is reported, stamped with its last edge, and starts a new window.
 *
 * <p>Trailing: each edge (re)starts the window; when it ends with a level different from the
 * accepted one, that level is reported on the scheduler's thread, stamped with its last edge (when
 * the contact settled).
 *
 * <p>Threads: {@link #edge} may be called from the backend's edge thread, and the window's task
 * runs on the {@link HardwareScheduler}; the two are serialised by this object's lock, and the
 * listener is called under it (one change at a time, in order). The listener must not call back
 * into this object except {@link #stableLevel()} and {@link #cancel()}, which take no lock.
 * Allocation per edge: none in leading mode inside the window; one scheduled task per accepted
 * change.
 */
public final class EdgeDebouncer {

  /** Receives accepted level changes. */
  @FunctionalInterface
  public interface Listener {
    void stable(boolean high, long monotonicNanos);
  }

  private final HardwareScheduler scheduler;
  private final Duration window;
  private final long windowNanos;
  private final DebounceMode mode;
  private final Listener listener;
  private volatile boolean stable;
  private boolean raw;
  private long lastEdge;
  /** Leading mode: end of the current lockout (monotonic nanos); valid while {@link #locked}. */
  private long lockedUntil;
  private boolean locked;
  private volatile Cancellable pending = () -> {};

  /** A trailing debouncer (the behaviour before leading mode existed). */
  public EdgeDebouncer(HardwareScheduler scheduler, Duration window, Listener listener) {
    this(scheduler, window, DebounceMode.TRAILING, listener);
  }

  public EdgeDebouncer(
      HardwareScheduler scheduler, Duration window, DebounceMode mode, Listener listener) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.window = Objects.requireNonNull(window, "window");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (window.isNegative()) {
      throw new IllegalArgumentException("debounce window must not be negative, was " + window);
    }
    this.windowNanos = window.toNanos();
  }

  public DebounceMode mode() {
    return mode;
  }

  /** Sets the accepted level without reporting it (at open). */
  public synchronized void reset(boolean level) {
    pending.cancel();
    stable = level;
    raw = level;
    locked = false;
  }

  /** The accepted level. Any thread; takes no lock. */
  public boolean stableLevel() {
    return stable;
  }

  /** Feeds one raw edge. {@code now} is the current monotonic time. */
  public synchronized void edge(EdgeEvent e, long now) {
    raw = e.high();
    lastEdge = e.monotonicNanos();
    if (windowNanos == 0) {
      accept(raw, lastEdge);
      return;
    }
    if (mode == DebounceMode.LEADING) {
      if (locked || raw == stable) {
        return;
      }
      accept(raw, lastEdge);
      lock(lastEdge, now);
      return;
    }
    pending.cancel();
    long wait = Math.max(0, windowNanos - Math.max(0, now - lastEdge));
    pending = scheduler.schedule(Duration.ofNanos(wait), this::settle);
  }

  /** Leading mode: ignore edges until {@code from + window}, then look at the level again. */
  private void lock(long from, long now) {
    locked = true;
    lockedUntil = from + windowNanos;
    pending = scheduler.schedule(Duration.ofNanos(Math.max(0, lockedUntil - now)), this::unlock);
  }

  private synchronized void unlock() {
    if (!locked) {
      return;
    }
    locked = false;
    if (raw != stable) {
      // released (or pressed again) within the window and still so: report it now, from its edge
      accept(raw, lastEdge);
      lock(lockedUntil, lockedUntil);
    }
  }

  private synchronized void settle() {
    accept(raw, lastEdge);
  }

  private void accept(boolean level, long at) {
    if (level != stable) {
      stable = level;
      listener.stable(level, at);
    }
  }

  /** Cancels a pending window task. Any thread; takes no lock. */
  public void cancel() {
    pending.cancel();
  }
}
