package org.streetsense.gateway.app;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.config.Connection;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.hardware.simulated.EdgeScript;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedPin;
import org.streetsense.gateway.hardware.simulated.chips.Ads1115Chip;
import org.streetsense.gateway.hardware.simulated.chips.Bh1750Chip;
import org.streetsense.gateway.hardware.simulated.chips.Bme280Chip;
import org.streetsense.gateway.hardware.simulated.chips.Mcp3008Chip;
import org.streetsense.gateway.hardware.simulated.chips.Mpr121Chip;
import org.streetsense.gateway.hardware.simulated.chips.Pca9685Chip;
import org.streetsense.gateway.hardware.simulated.signal.DayCycle;
import org.streetsense.gateway.hardware.simulated.signal.Noise;
import org.streetsense.gateway.hardware.simulated.signal.PoissonArrivals;
import org.streetsense.gateway.hardware.simulated.signal.RandomWalk;
import org.streetsense.gateway.hardware.simulated.signal.SignalModel;

/**
 * Populates a {@link SimulatedBackend} with the chips and pins an installation file declares, and
 * plays a seeded street in front of them: a day cycle of temperature and light, a random walk of
 * humidity, passers-by arriving as a Poisson process at the PIR, people touching the touch wall
 * and pressing the button. The same seed gives the same street.
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
    long seed = backend.seedFor(d.id());
    switch (d.driver()) {
      case BME280 -> {
        SignalModel temp = new Noise(DayCycle.builder().range(8, 24).peakAt(LocalTime.of(15, 0))
            .zone(ZoneOffset.UTC).build(), 0.05, seed);
        SignalModel hum = RandomWalk.builder().bounds(35, 85).start(60).stepSigma(0.3, Duration.ofSeconds(5)).seed(seed).build();
        SignalModel press = RandomWalk.builder().bounds(98_000, 103_000).start(101_325).stepSigma(5, Duration.ofSeconds(5)).seed(seed + 1).build();
        i2c(d).attach(address(d), new Bme280Chip(time)
            .temperature(() -> temp.valueAt(wallNanos()))
            .humidity(() -> hum.valueAt(time.monotonicNanos()))
            .pressure(() -> press.valueAt(time.monotonicNanos())));
      }
      case BH1750 -> {
        SignalModel lux = new Noise(DayCycle.builder().range(5, 20_000).peakAt(LocalTime.of(13, 0))
            .zone(ZoneOffset.UTC).build(), 20, seed);
        i2c(d).attach(address(d), new Bh1750Chip(time).lux(() -> Math.max(0, lux.valueAt(wallNanos()))));
      }
      case MPR121 -> {
        Mpr121Chip chip = new Mpr121Chip();
        i2c(d).attach(address(d), chip);
        irqLine(d, chip);
        List<Integer> electrodes = d.channels().stream().map(c -> c.index().orElse(0)).toList();
        touches(chip, electrodes, seed);
      }
      case ADS1115 -> {
        Ads1115Chip chip = new Ads1115Chip(time);
        for (ChannelSpec c : d.channels()) {
          SignalModel v = RandomWalk.builder().bounds(0.05, 3.2).start(1.0).stepSigma(0.02, Duration.ofSeconds(1))
              .seed(seed + c.index().orElse(0)).build();
          chip.input(c.index().orElse(0), () -> v.valueAt(time.monotonicNanos()));
        }
        i2c(d).attach(address(d), chip);
      }
      case PCA9685 -> i2c(d).attach(address(d), new Pca9685Chip());
      case MCP3008 -> {
        Connection.Spi spi = (Connection.Spi) d.connection();
        backend.spiBus(spi.bus()).attach(spi.chipSelect(), new Mcp3008Chip(3.3));
      }
      case PIR -> passersBy(pin(d), seed);
      case BUTTON -> presses(pin(d), seed);
      case DIGITAL_IN, LED, RELAY, BOARD_PIN, BOARD_DISTANCE, BOARD_OUTPUT, BOARD_PWM, BOARD_SERVO -> { }
    }
  }

  /** The chip drives the simulated GPIO pin declared as its {@code irqPin} (active low). */
  private void irqLine(DeviceSpec d, Mpr121Chip chip) {
    Object irq = d.options().get("irqPin");
    if (irq instanceof Number n) {
      SimulatedPin pin = backend.pin(n.intValue());
      pin.setLevel(chip.irqLine());
      chip.onIrq(pin::setLevel);
    }
  }

  private void touches(Mpr121Chip chip, List<Integer> electrodes, long seed) {
    Random random = new Random(seed);
    PoissonArrivals people = new PoissonArrivals(6, Duration.ofSeconds(2), time.monotonicNanos(), seed);
    int[] touched = {-1};
    long[] releaseAt = {0};
    tickers.add(() -> {
      long now = time.monotonicNanos();
      if (touched[0] >= 0 && now >= releaseAt[0]) {
        chip.touch(touched[0], false);
        touched[0] = -1;
      }
      if (!people.takeUntil(now).isEmpty() && touched[0] < 0 && !electrodes.isEmpty()) {
        touched[0] = electrodes.get(random.nextInt(electrodes.size()));
        releaseAt[0] = now + Duration.ofMillis(300 + random.nextInt(2500)).toNanos();
        chip.touch(touched[0], true);
      }
    });
  }

  private void passersBy(SimulatedPin pin, long seed) {
    PoissonArrivals arrivals = new PoissonArrivals(4, Duration.ofSeconds(4), time.monotonicNanos(), seed);
    tickers.add(() -> {
      boolean present = arrivals.valueAt(time.monotonicNanos()) > 0.5;
      if (present != pin.level()) {
        pin.setLevel(present);
      }
    });
  }

  private void presses(SimulatedPin pin, long seed) {
    Random random = new Random(seed);
    PoissonArrivals arrivals = new PoissonArrivals(2, Duration.ofMillis(150), time.monotonicNanos(), seed);
    pin.setLevel(true);
    tickers.add(() -> {
      if (!arrivals.takeUntil(time.monotonicNanos()).isEmpty()) {
        pin.play(EdgeScript.builder()
            .pulse(Duration.ZERO, Duration.ofMillis(80 + random.nextInt(300)), false)
            .bounce(3, Duration.ofMillis(1))
            .build());
      }
    });
  }

  /** Starts the street. Idempotent. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    scheduleTick();
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

  private long wallNanos() {
    return time.wallMillis() * 1_000_000L;
  }

  private org.streetsense.gateway.hardware.simulated.SimulatedI2cBus i2c(DeviceSpec d) {
    return backend.i2cBus(((Connection.I2c) d.connection()).bus());
  }

  private static int address(DeviceSpec d) {
    return ((Connection.I2c) d.connection()).address();
  }

  private SimulatedPin pin(DeviceSpec d) {
    return backend.pin(((Connection.Gpio) d.connection()).pin());
  }
}
