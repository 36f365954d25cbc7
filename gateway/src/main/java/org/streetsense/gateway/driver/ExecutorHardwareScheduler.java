package org.streetsense.gateway.driver;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HardwareScheduler} on one dedicated daemon thread ({@code streetsense-hardware}), apart
 * from the Vert.x event loop. One thread keeps every driver's bus access serialised without
 * locks; bus transactions are short (sub-millisecond) and conversion waits are scheduled, not slept.
 */
public final class ExecutorHardwareScheduler implements HardwareScheduler, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutorHardwareScheduler.class);

  private final ScheduledExecutorService executor;

  public ExecutorHardwareScheduler() {
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "streetsense-hardware");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    if (executor.isShutdown()) {
      return () -> {};
    }
    ScheduledFuture<?> f =
        executor.schedule(() -> runGuarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  private static void runGuarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("hardware task failed; scheduler continues", e);
    }
  }

  /** Stops accepting tasks and waits up to {@code timeout} for the running one. */
  public void shutdown(Duration timeout) {
    executor.shutdown();
    try {
      executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(2));
  }
}
