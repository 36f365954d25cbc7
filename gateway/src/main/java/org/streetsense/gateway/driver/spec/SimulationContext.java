package org.streetsense.gateway.driver.spec;

import java.util.List;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;

/**
 * What a driver's simulated part gets to put its chip or pin on the simulated backend and play a
 * seeded street in front of it. Tickers run on the backend's simulation scheduler, every 50 ms of
 * simulated time; nothing here blocks.
 */
public interface SimulationContext {

  /** The simulated backend the chip attaches to. */
  SimulatedBackend backend();

  /** The device's driver options: connection ({@code bus}, {@code address}, {@code pin}...) and options. */
  DeviceOptions options();

  /** The channels the file declares. */
  List<DeclaredChannel> channels();

  /** The device's seed: the same seed gives the same street. */
  long seed();

  /** Runs {@code ticker} at every street tick. */
  void everyTick(Runnable ticker);

  /** Wall-clock time of the simulation, in nanoseconds since the epoch. */
  default long wallNanos() {
    return backend().time().wallMillis() * 1_000_000L;
  }

  /** Monotonic time of the simulation, in nanoseconds. */
  default long monotonicNanos() {
    return backend().time().monotonicNanos();
  }
}
