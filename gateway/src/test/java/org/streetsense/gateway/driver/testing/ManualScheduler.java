package org.streetsense.gateway.driver.testing;

import java.time.Duration;
import java.util.PriorityQueue;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.driver.Cancellable;
import org.streetsense.gateway.driver.HardwareScheduler;

/**
 * A {@link HardwareScheduler} and {@link TimeSource} in one, driven by the test: time stands still
 * until {@link #advance(Duration)}, which runs due tasks in time order, moving the clock to each
 * task's due time. Tasks scheduled from other threads (edge listeners) run at the next advance.
 */
public final class ManualScheduler implements HardwareScheduler, TimeSource {

  private static final long WALL_ORIGIN = 1_795_000_000_000L;

  private record Task(long due, long order, Runnable run, boolean[] cancelled)
      implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long now = 1_000_000_000L;
  private long order;

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    boolean[] cancelled = {false};
    queue.add(new Task(now + delay.toNanos(), order++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Moves time forward by {@code d}, running every task due on the way (and at the end). */
  public void advance(Duration d) {
    long target;
    synchronized (this) {
      target = now + d.toNanos();
    }
    while (true) {
      Task t;
      synchronized (this) {
        t = queue.peek();
        if (t == null || t.due > target) {
          now = target;
          return;
        }
        queue.poll();
        now = Math.max(now, t.due);
      }
      if (!t.cancelled[0]) {
        t.run.run();
      }
    }
  }

  /** Runs what is due now without moving time. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** Advances in {@code step}s for a total of {@code total}. */
  public void advance(Duration total, Duration step) {
    for (long done = 0; done < total.toNanos(); done += step.toNanos()) {
      advance(step);
    }
  }

  @Override
  public synchronized long wallMillis() {
    return WALL_ORIGIN + now / 1_000_000;
  }

  @Override
  public synchronized long monotonicNanos() {
    return now;
  }
}
