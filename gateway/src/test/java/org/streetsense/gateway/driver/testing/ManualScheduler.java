package org.streetsense.gateway.driver.testing;

import java.time.Duration;
import java.time.Instant;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.driver.Cancellable;
import org.streetsense.gateway.driver.HardwareScheduler;

/**
 * The {@link HardwareScheduler} view of the one virtual clock, {@link ManualTimeSource}, for
 * driver tests: time stands still until {@link #advance(Duration)}, which runs due tasks in time
 * order, moving the clock to each task's due time. Tasks scheduled from other threads (edge
 * listeners) run at the next advance. {@link #clock()} is the underlying clock, to share it with a
 * simulated backend.
 */
public final class ManualScheduler implements HardwareScheduler, TimeSource {

  private final ManualTimeSource clock =
      new ManualTimeSource(Instant.ofEpochMilli(1_795_000_001_000L), 1_000_000_000L);

  /** The virtual clock this scheduler runs on. */
  public ManualTimeSource clock() {
    return clock;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    var cancellation = clock.schedule(clock.monotonicNanos() + delay.toNanos(), task);
    return cancellation::cancel;
  }

  /** Moves time forward by {@code d}, running every task due on the way (and at the end). */
  public void advance(Duration d) {
    clock.advance(d);
  }

  /** Runs what is due now without moving time. */
  public void runDue() {
    clock.runDueTasks();
  }

  /** Advances in {@code step}s for a total of {@code total}. */
  public void advance(Duration total, Duration step) {
    for (long done = 0; done < total.toNanos(); done += step.toNanos()) {
      advance(step);
    }
  }

  @Override
  public long wallMillis() {
    return clock.wallMillis();
  }

  @Override
  public long monotonicNanos() {
    return clock.monotonicNanos();
  }
}
