package org.streetsense.gateway.driver;

import java.time.Duration;
import java.util.Objects;
import org.streetsense.gateway.hardware.EdgeEvent;

/**
 * Software debounce for a digital input: a level counts only once it has been stable for
 * {@code window}; the accepted change is stamped with the time of its last edge (when the contact
 * settled). With a zero window every edge is accepted at once.
 *
 * <p>Threads: {@link #edge(EdgeEvent)} and the callback run on the hardware executor; hand edges
 * from backend threads over with {@link HardwareScheduler#execute(Runnable)}.
 */
public final class EdgeDebouncer {

  /** Receives accepted level changes. */
  @FunctionalInterface
  public interface Listener {
    void stable(boolean high, long monotonicNanos);
  }

  private final HardwareScheduler scheduler;
  private final Duration window;
  private final Listener listener;
  private boolean stable;
  private boolean raw;
  private long lastEdge;
  private Cancellable pending = () -> {};

  public EdgeDebouncer(HardwareScheduler scheduler, Duration window, Listener listener) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.window = Objects.requireNonNull(window, "window");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (window.isNegative()) {
      throw new IllegalArgumentException("debounce window must not be negative, was " + window);
    }
  }

  /** Sets the accepted level without reporting it (at open). */
  public void reset(boolean level) {
    pending.cancel();
    stable = level;
    raw = level;
  }

  public boolean stableLevel() {
    return stable;
  }

  /** Feeds one raw edge. {@code now} is the current monotonic time. */
  public void edge(EdgeEvent e, long now) {
    raw = e.high();
    lastEdge = e.monotonicNanos();
    pending.cancel();
    if (window.isZero()) {
      settle();
      return;
    }
    Duration wait = window.minusNanos(Math.max(0, now - lastEdge));
    pending = scheduler.schedule(wait.isNegative() ? Duration.ZERO : wait, this::settle);
  }

  private void settle() {
    if (raw != stable) {
      stable = raw;
      listener.stable(raw, lastEdge);
    }
  }

  public void cancel() {
    pending.cancel();
  }
}
