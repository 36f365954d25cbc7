package org.streetsense.gateway.hardware.simulated;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.clock.SimulationScheduler;
import org.streetsense.gateway.clock.TimeSource;

/**
 * Real-time scheduler owned by a {@link SimulatedBackend}: one daemon thread, delays computed
 * from the backend's {@link TimeSource}. Shut down with the backend.
 */
final class ExecutorSimulationScheduler implements SimulationScheduler, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutorSimulationScheduler.class);
  private static final AtomicLong THREADS = new AtomicLong();

  private final TimeSource time;
  private final ScheduledExecutorService executor;

  ExecutorSimulationScheduler(TimeSource time) {
    this.time = time;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "streetsense-sim-hw-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Cancellation schedule(long dueMonotonicNanos, Runnable task) {
    long delay = Math.max(0, dueMonotonicNanos - time.monotonicNanos());
    ScheduledFuture<?> future;
    try {
      future =
          executor.schedule(
              () -> {
                try {
                  task.run();
                } catch (RuntimeException e) {
                  LOG.warn("simulated hardware task failed", e);
                }
              },
              delay,
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // the backend is closed: nothing more is played
      return () -> {};
    }
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
