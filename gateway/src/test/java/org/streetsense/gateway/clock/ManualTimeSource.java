package org.streetsense.gateway.clock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link TimeSource} the test moves by hand; wall and monotonic clocks are independent. */
public final class ManualTimeSource implements TimeSource {

  private final AtomicLong wall;
  private final AtomicLong mono;

  public ManualTimeSource(long wallMillis, long monotonicNanos) {
    this.wall = new AtomicLong(wallMillis);
    this.mono = new AtomicLong(monotonicNanos);
  }

  /** Both clocks move forward together. */
  public void advance(Duration d) {
    wall.addAndGet(d.toMillis());
    mono.addAndGet(d.toNanos());
  }

  /** The wall clock jumps (as when NTP corrects it); monotonic time does not. */
  public void setWall(long wallMillis) {
    wall.set(wallMillis);
  }

  @Override
  public long wallMillis() {
    return wall.get();
  }

  @Override
  public long monotonicNanos() {
    return mono.get();
  }
}
