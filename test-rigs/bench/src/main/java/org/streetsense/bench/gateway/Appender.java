package org.streetsense.bench.gateway;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.spool.Spool;

/**
 * Feeds a spool as fast as it accepts: appends are pipelined with at most {@code window}
 * outstanding (a semaphore released when each append's future completes), from the calling
 * thread, as a busy pipeline would.
 */
final class Appender {

  private Appender() {}

  /**
   * Appends {@code count} observations made by {@code make} (given 0..count-1) and returns once
   * all were accepted or the timeout passed. Returns how many were accepted.
   */
  static long appendAll(Spool spool, long count, int window, LongFunction<Observation> make,
      Duration timeout) throws InterruptedException {
    Semaphore permits = new Semaphore(window);
    AtomicLong accepted = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (long k = 0; k < count; k++) {
      if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      spool.append(make.apply(k)).onComplete(ar -> {
        if (ar.succeeded()) {
          accepted.incrementAndGet();
        } else {
          failed.incrementAndGet();
        }
        permits.release();
      });
    }
    permits.tryAcquire(window, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " appends failed");
    }
    return accepted.get();
  }
}
