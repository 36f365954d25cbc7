package org.streetsense.gateway.driver.testing;

import java.time.Duration;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.driver.Cancellable;
import org.streetsense.gateway.driver.HardwareScheduler;

/**
 * A {@link HardwareScheduler} on a simulated backend's {@link ManualTimeSource}: driver timers and
 * scripted pin edges run in one time order as the test advances the clock (on the test thread).
 */
public final class SimulatedClockScheduler implements HardwareScheduler {

  private final ManualTimeSource clock;

  public SimulatedClockScheduler(ManualTimeSource clock) {
    this.clock = clock;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    org.streetsense.gateway.clock.SimulationScheduler.Cancellation c = clock.schedule(clock.monotonicNanos() + delay.toNanos(), task);
    return c::cancel;
  }
}
