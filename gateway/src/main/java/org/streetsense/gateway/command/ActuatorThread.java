package org.streetsense.gateway.command;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The actuator thread of a {@link CommandProcessor}, and the turn that keeps actuator work serial
 * wherever it runs (decision 0377).
 *
 * <p>Every task this thread runs holds the turn (a lock) while it runs. {@link #runHereIfIdle}
 * runs a task on the calling thread instead, holding the turn, when the thread is running nothing
 * and nothing handed to it with {@link #execute} or {@link #submit} is waiting: a reflex written
 * from the thread that saw the edge, without waking a parked thread. So actuator work stays
 * serial, a task never overtakes one handed over before it, and each task sees what the ones
 * before it did, whichever thread ran them. Scheduled tasks (pulse ends, fade steps, watchdogs)
 * always run on this thread when due.
 *
 * <p>Failure modes: {@link #execute} and {@link #submit} throw {@link RejectedExecutionException}
 * once shut down; {@link #runHereIfIdle} then returns false. Tasks dropped by
 * {@link #shutdownNow} are never counted as run.
 */
final class ActuatorThread extends ScheduledThreadPoolExecutor {

  private final ReentrantLock turn = new ReentrantLock();
  /** Tasks handed over with execute or submit and not yet started. */
  private final AtomicInteger waiting = new AtomicInteger();

  ActuatorThread(String name) {
    super(1, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    setRemoveOnCancelPolicy(true);
  }

  @Override
  public void execute(Runnable task) {
    waiting.incrementAndGet();
    try {
      super.execute(started(task));
    } catch (RejectedExecutionException e) {
      waiting.decrementAndGet();
      throw e;
    }
  }

  @Override
  public Future<?> submit(Runnable task) {
    waiting.incrementAndGet();
    try {
      return super.submit(started(task));
    } catch (RejectedExecutionException e) {
      waiting.decrementAndGet();
      throw e;
    }
  }

  private Runnable started(Runnable task) {
    return () -> {
      waiting.decrementAndGet();
      task.run();
    };
  }

  /**
   * Runs {@code task} on the calling thread, holding the turn, if this thread is idle: it runs
   * nothing, nothing handed over is waiting, it is not shut down, and {@code stillOpen} (asked
   * while holding the turn) is true. Never waits for the turn. Returns whether the task ran (it
   * ran to its end, or threw).
   */
  boolean runHereIfIdle(Runnable task, BooleanSupplier stillOpen) {
    if (turn.isHeldByCurrentThread() || isShutdown() || !turn.tryLock()) {
      return false;
    }
    try {
      if (waiting.get() != 0 || isShutdown() || !stillOpen.getAsBoolean()) {
        return false;
      }
      task.run();
      return true;
    } finally {
      turn.unlock();
    }
  }

  /**
   * Runs {@code task} on the calling thread once it has the turn (after a shutdown, say), or
   * without it when the turn is not free within {@code patience} (a task stuck in a hardware
   * call must not keep the outputs from their safe states). Returns whether it had the turn.
   */
  boolean runHolding(Runnable task, java.time.Duration patience) {
    boolean held = false;
    try {
      held = turn.tryLock(patience.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      task.run();
    } finally {
      if (held) {
        turn.unlock();
      }
    }
    return held;
  }

  @Override
  protected void beforeExecute(Thread t, Runnable r) {
    turn.lock();
    super.beforeExecute(t, r);
  }

  @Override
  protected void afterExecute(Runnable r, Throwable t) {
    try {
      super.afterExecute(r, t);
    } finally {
      turn.unlock();
    }
  }
}
