package org.streetsense.gateway.driver;

import java.time.Duration;
import java.util.Objects;
import org.streetsense.gateway.clock.TimeSource;
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
 * one is reported, stamped with its last edge, and starts a new window. An edge after the window
 * (by its own time stamp) is accepted even if that task has not run yet, so a busy scheduler
 * delays only a release that came within the window.
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
  private final TimeSource time;
  private volatile boolean stable;
  private boolean raw;
  private long lastEdge;
  /** Leading mode: end of the current lockout (monotonic nanos); valid while {@link #locked}. */
  private long lockedUntil;
  private boolean locked;
  private volatile Cancellable pending = () -> {};

  /**
   * @param time the monotonic clock of the edges' time stamps; in leading mode the lockout lasts
   *     the window from the edge, or from the end of its handling if that took longer (edges
   *     that queued meanwhile were stamped late and are bounces all the same)
   */
  public EdgeDebouncer(HardwareScheduler scheduler, Duration window, DebounceMode mode,
      TimeSource time, Listener listener) {
    this.time = Objects.requireNonNull(time, "time");
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
      if (locked && lastEdge - lockedUntil < 0) {
        return;
      }
      // the lockout is over by the edge's own time, even if its task has not run yet (a busy
      // scheduler must not hold back the next press)
      locked = false;
      if (raw == stable) {
        return;
      }
      pending.cancel();
      accept(raw, lastEdge);
      lock(lastEdge);
      return;
    }
    pending.cancel();
    long wait = Math.max(0, windowNanos - Math.max(0, now - lastEdge));
    pending = scheduler.schedule(Duration.ofNanos(wait), this::settle);
  }

  /**
   * Leading mode: ignore edges until the window has passed since {@code from} and since now (the
   * accepted change has been handled), then look at the level again.
   */
  private void lock(long from) {
    long now = time.monotonicNanos();
    locked = true;
    lockedUntil = Math.max(from, now) + windowNanos;
    pending = scheduler.schedule(Duration.ofNanos(lockedUntil - now), this::unlock);
  }

  private synchronized void unlock() {
    if (!locked) {
      return;
    }
    locked = false;
    if (raw != stable) {
      // released (or pressed again) within the window and still so: report it now, from its edge
      accept(raw, lastEdge);
      lock(lockedUntil);
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
