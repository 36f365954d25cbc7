package org.streetsense.gateway.hardware.simulated;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.clock.SimulationScheduler;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.EdgeEvent;
import org.streetsense.gateway.hardware.ListenerRegistration;
import org.streetsense.gateway.hardware.PullResistance;

/**
 * The electrical level of one simulated GPIO line. Tests and rigs set it ({@link #setLevel},
 * {@link #play}); a simulated output drives it; inputs opened on the pin see its edges, stamped
 * with the backend's monotonic clock.
 *
 * <p>Thread-safe. Edges are delivered on the thread that changes the level (the scheduler's
 * thread for scripts), in order; listeners must not block. A listener that throws is logged and
 * stays registered.
 */
public final class SimulatedPin {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedPin.class);

  private final int number;
  private final TimeSource time;
  private final SimulationScheduler scheduler;
  private final long seed;
  private final AtomicLong plays = new AtomicLong();
  private final List<Consumer<EdgeEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean level;
  private boolean driven;

  SimulatedPin(int number, TimeSource time, SimulationScheduler scheduler, long seed) {
    this.number = number;
    this.time = time;
    this.scheduler = scheduler;
    this.seed = seed;
  }

  public int number() {
    return number;
  }

  /** The current level. */
  public boolean level() {
    return level;
  }

  /** Sets the level; an edge is delivered only if the level changes. */
  public synchronized void setLevel(boolean high) {
    driven = true;
    if (level == high) {
      return;
    }
    level = high;
    EdgeEvent edge = new EdgeEvent(number, high, time.monotonicNanos());
    for (Consumer<EdgeEvent> listener : listeners) {
      try {
        listener.accept(edge);
      } catch (RuntimeException e) {
        LOG.warn("edge listener on simulated pin {} failed", number, e);
      }
    }
  }

  /**
   * Plays a script starting now on the backend's scheduler. The bounce seed is derived from the
   * backend seed, the pin and how many scripts the pin has played, so a rerun with the same seed
   * reproduces every edge.
   *
   * @return cancels the edges not yet played
   */
  public SimulationScheduler.Cancellation play(EdgeScript script) {
    Objects.requireNonNull(script, "script");
    long start = time.monotonicNanos();
    long playSeed = SimulatedBackend.mix(seed, plays.getAndIncrement());
    List<SimulationScheduler.Cancellation> pending = new ArrayList<>();
    for (EdgeScript.ScriptedEdge edge : script.expand(playSeed)) {
      pending.add(scheduler.schedule(start + edge.offsetNanos(), () -> setLevel(edge.high())));
    }
    return () -> pending.forEach(SimulationScheduler.Cancellation::cancel);
  }

  /** Registers a listener for every edge on this pin. */
  public ListenerRegistration onEdge(Consumer<EdgeEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** The bias applies only while nothing has driven the line. */
  synchronized void applyPull(PullResistance pull) {
    if (!driven) {
      level = pull == PullResistance.PULL_UP;
    }
  }
}
