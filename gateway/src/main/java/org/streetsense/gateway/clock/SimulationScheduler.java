package org.streetsense.gateway.clock;

/**
 * Runs simulated hardware activity (scripted edges, debounce settling) at a point on the
 * simulation's monotonic timeline. Two implementations: {@link ManualTimeSource}, which runs due
 * tasks synchronously inside {@link ManualTimeSource#advance}, and an executor-backed one that the
 * {@link SimulatedBackend} owns when it runs on real time.
 *
 * <p>Tasks due at the same instant run in the order they were scheduled. Tasks run on the
 * scheduler's thread (the executor's, or the caller of {@code advance}); they must not block.
 */
public interface SimulationScheduler {

  /**
   * Schedules {@code task} to run once when the monotonic clock reaches {@code dueMonotonicNanos}
   * (at once, in order, if that time has passed).
   *
   * @return a handle that cancels the task if it has not run yet
   */
  Cancellation schedule(long dueMonotonicNanos, Runnable task);

  /** Cancels a scheduled task. Idempotent. */
  @FunctionalInterface
  interface Cancellation {
    void cancel();
  }
}
