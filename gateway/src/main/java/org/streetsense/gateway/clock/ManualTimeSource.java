package org.streetsense.gateway.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one virtual clock, for tests and rehearsals: time stands still until {@link #advance(Duration)}
 * moves it, and every task scheduled on it that falls due is run synchronously, in time order,
 * with the clock set to the task's due time while it runs. So a test that scripts a button press
 * at 100 ms and advances by 1 s sees the edge stamped exactly 100 ms after the start, without
 * sleeping.
 *
 * <p>The wall clock follows the monotonic clock until {@link #setWall(long)} makes it jump, as NTP
 * does on a Pi without a real-time clock; monotonic time never jumps.
 *
 * <p>Thread-safe. Tasks run on the thread that calls {@code advance}; a task may schedule further
 * tasks, which run in the same {@code advance} call if they fall due within it.
 */
public final class ManualTimeSource implements TimeSource, SimulationScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(ManualTimeSource.class);

  private long wallOriginMillis;
  private final long monotonicOrigin;
  private final AtomicLong sequence = new AtomicLong();
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long nowNanos;

  /**
   * @param wallStart the wall-clock reading at the start
   * @param monotonicStartNanos the monotonic reading at the start (any value; not zero to catch
   *     code that assumes an origin)
   */
  public ManualTimeSource(Instant wallStart, long monotonicStartNanos) {
    Objects.requireNonNull(wallStart, "wallStart");
    this.wallOriginMillis = wallStart.toEpochMilli();
    this.monotonicOrigin = monotonicStartNanos;
    this.nowNanos = monotonicStartNanos;
  }

  /**
   * @param wallStartMillis the wall-clock reading at the start, milliseconds since the epoch
   * @param monotonicStartNanos the monotonic reading at the start
   */
  public ManualTimeSource(long wallStartMillis, long monotonicStartNanos) {
    this(Instant.ofEpochMilli(wallStartMillis), monotonicStartNanos);
  }

  /** A clock starting at 2026-01-01T00:00:00Z with monotonic reading 1 000 000 000 ns. */
  public ManualTimeSource() {
    this(Instant.parse("2026-01-01T00:00:00Z"), 1_000_000_000L);
  }

  @Override
  public synchronized long wallMillis() {
    return wallOriginMillis + Math.floorDiv(nowNanos - monotonicOrigin, 1_000_000L);
  }

  @Override
  public synchronized long monotonicNanos() {
    return nowNanos;
  }

  /**
   * Moves the clock forward by {@code step}, running every task that falls due on the way.
   *
   * @throws IllegalArgumentException if {@code step} is negative
   */
  public void advance(Duration step) {
    Objects.requireNonNull(step, "step");
    if (step.isNegative()) {
      throw new IllegalArgumentException("step must not be negative, was " + step);
    }
    long target;
    synchronized (this) {
      target = nowNanos + step.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        Task head = queue.peek();
        if (head == null || head.due > target) {
          nowNanos = Math.max(nowNanos, target);
          return;
        }
        next = queue.poll();
        nowNanos = Math.max(nowNanos, next.due);
      }
      runSafely(next);
    }
  }

  /**
   * Makes the wall clock read {@code wallMillis} now (as when NTP corrects it); the monotonic
   * clock and the scheduled tasks do not move. The wall clock then follows monotonic time again.
   */
  public synchronized void setWall(long wallMillis) {
    wallOriginMillis = wallMillis - Math.floorDiv(nowNanos - monotonicOrigin, 1_000_000L);
  }

  /** Runs tasks already due without moving the clock. */
  public void runDueTasks() {
    advance(Duration.ZERO);
  }

  /** Number of tasks waiting to fall due. */
  public synchronized int pendingTasks() {
    return queue.size();
  }

  @Override
  public Cancellation schedule(long dueMonotonicNanos, Runnable task) {
    Objects.requireNonNull(task, "task");
    Task entry = new Task(dueMonotonicNanos, sequence.getAndIncrement(), task);
    synchronized (this) {
      queue.add(entry);
    }
    return () -> {
      synchronized (this) {
        queue.remove(entry);
      }
    };
  }

  private static void runSafely(Task task) {
    try {
      task.action.run();
    } catch (RuntimeException e) {
      LOG.warn("simulated task failed at {} ns", task.due, e);
    }
  }

  private record Task(long due, long seq, Runnable action) implements Comparable<Task> {
    @Override
    public int compareTo(Task other) {
      int byDue = Long.compare(due, other.due);
      return byDue != 0 ? byDue : Long.compare(seq, other.seq);
    }
  }
}
