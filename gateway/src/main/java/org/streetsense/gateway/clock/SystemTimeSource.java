package org.streetsense.gateway.clock;


/** {@link TimeSource} backed by {@link System#currentTimeMillis()} and {@link System#nanoTime()}. */
final class SystemTimeSource implements TimeSource {

  static final SystemTimeSource INSTANCE = new SystemTimeSource();

  private SystemTimeSource() {}

  @Override
  public long wallMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public long monotonicNanos() {
    return System.nanoTime();
  }
}
