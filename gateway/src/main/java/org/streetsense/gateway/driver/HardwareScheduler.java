package org.streetsense.gateway.driver;

import java.time.Duration;

/**
 * Runs driver work on the hardware executor: sampling steps, debounce timers, retries. Tasks run
 * one at a time, in time order; a task that throws is logged and does not stop the scheduler.
 *
 * <p>Production: {@link ExecutorHardwareScheduler}. Tests use a manual scheduler that advances a
 * manual {@link org.streetsense.gateway.clock.TimeSource} together with its queue.
 */
public interface HardwareScheduler {

  /** Runs {@code task} once after {@code delay} (ZERO: as soon as possible). */
  Cancellable schedule(Duration delay, Runnable task);

  /** Runs {@code task} as soon as possible. Safe to call from any thread (edge listeners). */
  default void execute(Runnable task) {
    schedule(Duration.ZERO, task);
  }
}
