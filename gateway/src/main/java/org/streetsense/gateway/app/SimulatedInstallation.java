package org.streetsense.gateway.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.spec.DeclaredChannel;
import org.streetsense.gateway.driver.spec.SimulationContext;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;

/**
 * Populates a {@link SimulatedBackend} with the chips and pins an installation file declares, and
 * plays a seeded street in front of them: each device's driver descriptor attaches its chip and
 * its part of the street (a day cycle of temperature and light, a random walk of humidity,
 * passers-by arriving as a Poisson process at the PIR, people touching the touch wall and pressing
 * the button). The same seed gives the same street.
 *
 * <p>Activity is scheduled on the backend's simulation scheduler; nothing here blocks.
 */
public final class SimulatedInstallation {

  /** How often the street is updated (pins, touches). */
  private static final Duration TICK = Duration.ofMillis(50);

  private final SimulatedBackend backend;
  private final TimeSource time;
  private final List<Runnable> tickers = new ArrayList<>();
  private volatile boolean running;

  private SimulatedInstallation(SimulatedBackend backend) {
    this.backend = backend;
    this.time = backend.time();
  }

  /** Attaches a chip or a pin driver for every device of the installation. */
  public static SimulatedInstallation populate(SimulatedBackend backend, Installation inst) {
    SimulatedInstallation sim = new SimulatedInstallation(backend);
    for (DeviceSpec d : inst.devices()) {
      sim.attach(d);
    }
    SimulatedBoards.attach(backend, inst);
    return sim;
  }

  private void attach(DeviceSpec d) {
    DeviceOptions options = DriverOptionsMapping.options(d);
    List<DeclaredChannel> channels = DriverOptionsMapping.declared(d);
    long seed = backend.seedFor(d.id());
    d.driver().simulated().attach(new SimulationContext() {
      @Override
      public SimulatedBackend backend() {
        return backend;
      }

      @Override
      public DeviceOptions options() {
        return options;
      }

      @Override
      public List<DeclaredChannel> channels() {
        return channels;
      }

      @Override
      public long seed() {
        return seed;
      }

      @Override
      public void everyTick(Runnable ticker) {
        tickers.add(ticker);
      }
    });
  }

  /**
   * Starts the street. Idempotent. A street with nothing to update (every chip's value a function
   * of time, read when sampled) schedules no tick at all.
   */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    if (!tickers.isEmpty()) {
      scheduleTick();
    }
  }

  /** Stops the street; chips keep their last physical values. */
  public void stop() {
    running = false;
  }

  private void scheduleTick() {
    backend.scheduler().schedule(time.monotonicNanos() + TICK.toNanos(), () -> {
      if (!running) {
        return;
      }
      for (Runnable t : tickers) {
        t.run();
      }
      scheduleTick();
    });
  }
}
