package org.streetsense.gateway.hardware.simulated;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.gateway.clock.SimulationScheduler;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.DigitalInputOptions;
import org.streetsense.gateway.hardware.DigitalOutput;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.HardwareBackend;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.PwmChannel;
import org.streetsense.gateway.hardware.PwmOptions;
import org.streetsense.gateway.hardware.SpiDevice;
import org.streetsense.gateway.hardware.SpiOptions;

/**
 * The {@code simulated} backend: I2C and SPI buses with chip models, GPIO pins driven by scripts
 * and rigs, recording outputs and PWM channels, and serial links registered by path. It runs the
 * demo, rehearsals and tests with no hardware.
 *
 * <p>Everything random is derived from one seed, so a run can be repeated exactly. Time comes from
 * the {@link TimeSource} given to the builder: with a {@link ManualTimeSource} scripted activity
 * runs synchronously inside {@link ManualTimeSource#advance}; with any other time source the
 * backend owns a single scheduler thread that {@link #close()} stops.
 *
 * <p>Thread-safe. Opening never blocks for long.
 */
public final class SimulatedBackend implements HardwareBackend {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedBackend.class);

  private final long seed;
  private final TimeSource time;
  private final SimulationScheduler scheduler;
  private final ExecutorSimulationScheduler ownedScheduler;
  private final Map<Integer, SimulatedI2cBus> i2cBuses = new TreeMap<>();
  private final Map<Integer, SimulatedSpiBus> spiBuses = new TreeMap<>();
  private final Map<Integer, SimulatedPin> pins = new TreeMap<>();
  private final Map<Integer, String> claimedPins = new HashMap<>();
  private final Map<String, SimulatedPwmChannel> pwmChannels = new HashMap<>();
  private final Map<String, Supplier<? extends SerialLink>> serialDevices = new TreeMap<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  /** Per path, the serial links handed out that may still be open (each link once). */
  private final Map<String, List<SerialLink>> serialLinks = new TreeMap<>();
  private final Map<String, SimulatedSerialBoard> boards = new TreeMap<>();
  private boolean closed;

  private SimulatedBackend(Builder builder) {
    this.seed = builder.seed;
    this.time = builder.time;
    if (builder.time instanceof SimulationScheduler manual) {
      this.scheduler = manual;
      this.ownedScheduler = null;
    } else {
      this.ownedScheduler = new ExecutorSimulationScheduler(builder.time);
      this.scheduler = ownedScheduler;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public TimeSource time() {
    return time;
  }

  /** The seed everything random in this backend derives from. */
  public long seed() {
    return seed;
  }

  /** A seed for one named random stream (a signal model, a rig), stable for a given backend seed. */
  public long seedFor(String stream) {
    Objects.requireNonNull(stream, "stream");
    return mix(seed, stream.hashCode());
  }

  /** The scheduler simulated activity runs on. */
  public SimulationScheduler scheduler() {
    return scheduler;
  }

  /** The simulated I2C bus {@code i2c-N}, created empty on first use. */
  public synchronized SimulatedI2cBus i2cBus(int bus) {
    return i2cBuses.computeIfAbsent(bus, SimulatedI2cBus::new);
  }

  /** The simulated SPI bus {@code N}, created empty on first use. */
  public synchronized SimulatedSpiBus spiBus(int bus) {
    if (bus < 0) {
      throw new IllegalArgumentException("bus must be >= 0, was " + bus);
    }
    return spiBuses.computeIfAbsent(bus, SimulatedSpiBus::new);
  }

  /** The simulated GPIO line {@code number} (BCM numbering), created low on first use. */
  public synchronized SimulatedPin pin(int number) {
    if (number < 0 || number > 63) {
      throw new IllegalArgumentException("pin must be 0..63, was " + number);
    }
    return pins.computeIfAbsent(
        number, n -> new SimulatedPin(n, time, scheduler, mix(seed, 0x9100L + n)));
  }

  /**
   * Registers a serial device at {@code path}; {@link #serial(SerialLinkOptions)} with that path
   * returns a link from {@code links}. Replaces an earlier registration.
   */
  public synchronized void attachSerial(String path, Supplier<? extends SerialLink> links) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(links, "links");
    serialDevices.put(path, links);
  }

  /**
   * Puts a simulated microcontroller board (Streetsense firmware or StandardFirmata, speaking the
   * real protocol bytes) behind the serial port {@code path} and powers it on; {@link #serial}
   * with that path returns the host end of its cable. The board is closed with this backend.
   *
   * @throws IOException if the board cannot start
   */
  public synchronized SimulatedSerialBoard attachBoard(String path,
      org.streetsense.bridge.sim.SimulatedBoardOptions options) throws java.io.IOException {
    checkOpen();
    SimulatedSerialBoard board = new SimulatedSerialBoard(path, options);
    board.start();
    boards.put(path, board);
    open.add(board);
    attachSerial(path, board::hostEnd);
    return board;
  }

  /** The simulated board behind serial port {@code path}, if one was attached. */
  public synchronized java.util.Optional<SimulatedSerialBoard> board(String path) {
    return java.util.Optional.ofNullable(boards.get(path));
  }

  /** Removes the serial device at {@code path} (links already returned stay as they are). */
  public synchronized void detachSerial(String path) {
    serialDevices.remove(path);
  }

  @Override
  public DigitalInput digitalInput(DigitalInputOptions options) throws HardwareIoException {
    Objects.requireNonNull(options, "options");
    synchronized (this) {
      checkOpen();
      claim(options.pin(), "input");
      SimulatedDigitalInput input =
          new SimulatedDigitalInput(
              pin(options.pin()), options, time, scheduler, () -> release(options.pin()));
      open.add(input);
      return input;
    }
  }

  @Override
  public DigitalOutput digitalOutput(DigitalOutputOptions options) throws HardwareIoException {
    Objects.requireNonNull(options, "options");
    synchronized (this) {
      checkOpen();
      claim(options.pin(), "output");
      SimulatedDigitalOutput output =
          new SimulatedDigitalOutput(pin(options.pin()), options, time, () -> release(options.pin()));
      open.add(output);
      return output;
    }
  }

  /**
   * The channel last opened as {@code pwmchip<chip>/pwm<channel>} (open or closed), for tests and
   * rigs that read the duty it drives; empty when none was opened.
   */
  public synchronized java.util.Optional<SimulatedPwmChannel> pwmChannel(int chip, int channel) {
    return java.util.Optional.ofNullable(pwmChannels.get(chip + "/" + channel));
  }

  @Override
  public synchronized PwmChannel pwm(PwmOptions options) throws HardwareIoException {
    Objects.requireNonNull(options, "options");
    checkOpen();
    SimulatedPwmChannel channel = new SimulatedPwmChannel(options, time, () -> {});
    open.add(channel);
    pwmChannels.put(options.chip() + "/" + options.channel(), channel);
    return channel;
  }

  @Override
  public synchronized I2cDevice i2c(int bus, int address) throws HardwareIoException {
    checkOpen();
    if (address < 0 || address > 0x7F) {
      throw new IllegalArgumentException("I2C address must be 0x00..0x7F, was " + address);
    }
    SimulatedI2cDevice device = new SimulatedI2cDevice(i2cBus(bus), address);
    open.add(device);
    return device;
  }

  @Override
  public synchronized SpiDevice spi(SpiOptions options) throws HardwareIoException {
    Objects.requireNonNull(options, "options");
    checkOpen();
    SimulatedSpiDevice device = new SimulatedSpiDevice(spiBus(options.bus()), options);
    open.add(device);
    return device;
  }

  /**
   * The link the device attached at the path supplies; {@link #close()} closes it. A device that
   * reopens its port again and again (a board's reconnecting link) does not pile links up here:
   * a link is held once however often it is handed out, and the links of the path that are not
   * open (closed by their device) are dropped when the next one is handed out. So per path only
   * the links still open and the one just handed out are held (a port belongs to one device, so
   * a link handed out is opened before its path is asked for again).
   *
   * @throws HardwareIoException UNAVAILABLE, naming the path, if no device is attached there
   */
  @Override
  public synchronized SerialLink serial(SerialLinkOptions options) throws HardwareIoException {
    Objects.requireNonNull(options, "options");
    checkOpen();
    Supplier<? extends SerialLink> links = serialDevices.get(options.path());
    if (links == null) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE,
          "no simulated serial device at " + options.path() + " (attached: " + serialDevices.keySet() + ")");
    }
    SerialLink link = Objects.requireNonNull(links.get(), "serial link supplier returned null");
    List<SerialLink> held = serialLinks.computeIfAbsent(options.path(), p -> new ArrayList<>());
    held.removeIf(l -> l == link || !l.isOpen());
    held.add(link);
    return link;
  }

  /**
   * Drives every open output to its shutdown state and PWM to duty 0, closes every handle and
   * serial link, and stops the scheduler thread if the backend owns one. Idempotent; never throws.
   */
  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(open);
      open.clear();
      serialLinks.values().forEach(toClose::addAll);
      serialLinks.clear();
    }
    toClose.sort((a, b) -> Integer.compare(closeRank(a), closeRank(b)));
    for (AutoCloseable resource : toClose) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing simulated {} failed", resource, e);
      }
    }
    if (ownedScheduler != null) {
      ownedScheduler.close();
    }
  }

  /** Actuators first, so they reach their safe states before anything else is released. */
  private static int closeRank(AutoCloseable resource) {
    return resource instanceof DigitalOutput || resource instanceof PwmChannel ? 0 : 1;
  }

  private void claim(int pin, String use) throws HardwareIoException {
    String existing = claimedPins.get(pin);
    if (existing != null) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE,
          "simulated pin " + pin + " is busy (already opened as " + existing + ")");
    }
    claimedPins.put(pin, use);
  }

  private synchronized void release(int pin) {
    claimedPins.remove(pin);
  }

  private void checkOpen() throws HardwareIoException {
    if (closed) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE, "the simulated backend is closed");
    }
  }

  /** SplitMix64 finaliser over seed and salt: well-spread, stable derived seeds. */
  static long mix(long seed, long salt) {
    long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Builds a {@link SimulatedBackend}. Defaults: seed 0, system time. */
  public static final class Builder {
    private long seed;
    private TimeSource time = TimeSource.system();

    private Builder() {}

    /** The seed for bounce, signal models and anything else random. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The clock; pass a {@link ManualTimeSource} to drive time by hand in tests. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "timeSource");
      return this;
    }

    public SimulatedBackend build() {
      return new SimulatedBackend(this);
    }
  }
}
