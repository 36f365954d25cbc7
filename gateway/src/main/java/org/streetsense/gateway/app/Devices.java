package org.streetsense.gateway.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.DigitalActuator;
import org.streetsense.gateway.actuator.Pca9685ChannelActuator;
import org.streetsense.gateway.actuator.PwmActuator;
import org.streetsense.gateway.board.BoardInputKind;
import org.streetsense.gateway.board.BoardInputSpec;
import org.streetsense.gateway.board.BoardOutputKind;
import org.streetsense.gateway.board.BoardOutputSpec;
import org.streetsense.gateway.board.Boards;
import org.streetsense.gateway.board.BoardsOptions;
import org.streetsense.gateway.channel.ChannelOptions;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.config.Connection;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.SafeState;
import org.streetsense.gateway.config.Sampling;
import org.streetsense.gateway.config.SamplingMode;
import org.streetsense.gateway.driver.DebounceMode;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DeviceRunner;
import org.streetsense.gateway.driver.DeviceRunnerOptions;
import org.streetsense.gateway.driver.DriverRegistry;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.pca9685.Pca9685Driver;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.OutputCapability;
import org.streetsense.gateway.driver.boarddistance.BoardDistanceDescriptor;
import org.streetsense.gateway.driver.ExecutorHardwareScheduler;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.HardwareBackend;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.PwmChannel;
import org.streetsense.gateway.hardware.PwmOptions;
import org.streetsense.gateway.hardware.PwmPins;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Reading;
import org.streetsense.gateway.status.DeviceState;
import org.streetsense.gateway.status.DeviceStatus;

/**
 * The installation's devices, opened on a backend: a {@link DeviceRunner} per input device on one
 * hardware scheduler thread, an {@link Actuator} per output, and the board devices (pins and
 * sensors of microcontroller boards) through {@link Boards}. Observations leave with the
 * installation's channel names (indexed chips name their channels by index inside the driver).
 */
final class Devices implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Devices.class);
  /** Polling interval of sampled chips in event mode (touch controllers without an IRQ line). */
  private static final Duration EVENT_POLL = Duration.ofMillis(25);
  /** Event mode with an interrupt line (MPR121 {@code irqPin}): the fallback check's period. */
  static final Duration IRQ_CHECK = Duration.ofSeconds(1);
  /** PWM frequency of a dimmable led without {@code frequency}: flicker-free to the eye. */
  static final int DIMMABLE_FREQUENCY_HZ = 1000;
  /** The PWM chip of dimmable leds (the Pi4J backend drives one chip; docs/hardware.md). */
  private static final int PWM_CHIP = 0;
  /** A board servo's safe angle when the file gives no {@code safeAngle}: the middle. */
  static final double DEFAULT_SAFE_ANGLE = org.streetsense.gateway.board.BoardOutputSpec.DEFAULT_SAFE_ANGLE;

  private final ExecutorHardwareScheduler scheduler = new ExecutorHardwareScheduler();
  private final Map<String, DeviceRunner> runners = new LinkedHashMap<>();
  private final Map<String, String> drivers = new LinkedHashMap<>();
  private final List<Actuator> actuators = new ArrayList<>();
  private final List<Pca9685Driver> pwmChips = new ArrayList<>();
  /** Actuators (by device id) and PCA9685 chips opened for each output device, for handing over. */
  private final Map<String, KeptDevice> outputDevices = new LinkedHashMap<>();
  private Kept kept = Kept.none();
  private Boards boards;

  /**
   * Opens every device. Actuators are opened at once (and so driven to their safe state);
   * runners start with {@link #start()}.
   *
   * @throws HardwareIoException when an output cannot be opened
   */
  static Devices open(Installation inst, HardwareBackend backend, InteractionPlan plan,
      Consumer<Observation> consumer) throws HardwareIoException {
    return open(inst, backend, plan, consumer, Kept.none());
  }

  /**
   * Like {@link #open(Installation, HardwareBackend, InteractionPlan, Consumer)}, taking over
   * the outputs in {@code kept} (handed over by the devices of the file before an apply, decision
   * 0364) as they are, open and at their levels, instead of opening them; only the other outputs
   * are opened in their safe states. What is taken is removed from {@code kept}.
   */
  static Devices open(Installation inst, HardwareBackend backend, InteractionPlan plan,
      Consumer<Observation> consumer, Kept kept) throws HardwareIoException {
    Devices devices = new Devices();
    // a held output the file no longer declares exactly as it was goes safe before anything opens
    kept.retainOnly(inst.devices());
    devices.kept = kept;
    try {
      devices.openAll(inst, backend, plan, consumer);
    } catch (HardwareIoException | RuntimeException e) {
      // outputs opened or taken over so far end safe and closed, and so does what is still held
      devices.close();
      kept.close();
      throw e;
    }
    devices.kept = Kept.none();
    return devices;
  }

  private void openAll(Installation inst, HardwareBackend backend, InteractionPlan plan,
      Consumer<Observation> consumer) throws HardwareIoException {
    Devices devices = this;
    List<BoardInputSpec> boardInputs = new ArrayList<>();
    List<BoardOutputSpec> boardOutputs = new ArrayList<>();
    for (DeviceSpec d : inst.devices()) {
      devices.drivers.put(d.id(), d.driver().configName());
      if (isBoardOutput(d)) {
        boardOutputs.add(boardOutput(d, plan));
      } else if (isOutput(d)) {
        devices.openOutputDevice(d, backend, plan);
      } else if (d.driver().kind() == ConnectionKind.BOARD) {
        boardInputs.add(boardInput(d));
      } else {
        devices.runners.put(d.id(), devices.runner(inst, d, backend, consumer));
      }
    }
    devices.boards = Boards.create(inst.id(), inst.boards(), boardInputs, boardOutputs, backend,
        consumer, BoardsOptions.DEFAULT);
    devices.actuators.addAll(devices.boards.outputs());
  }

  /**
   * Opens only the outputs (GPIO outputs and PCA9685 channels), each in its safe state, for the
   * {@code safe-outputs} command: no input runs, no board link opens (board outputs are left to
   * the board, whose pins a reset or power loss releases).
   *
   * @throws HardwareIoException when an output cannot be opened; the ones already open are closed
   */
  static Devices openOutputs(Installation inst, HardwareBackend backend, InteractionPlan plan)
      throws HardwareIoException {
    Devices devices = new Devices();
    try {
      for (DeviceSpec d : inst.devices()) {
        // board outputs are not opened: opening the port resets an Uno, which releases its pins
        if (isOutput(d) && !isBoardOutput(d)) {
          devices.openOutput(d, backend, plan);
        }
      }
    } catch (HardwareIoException | RuntimeException e) {
      devices.close();
      throw e;
    }
    return devices;
  }

  /**
   * Opens (or takes over from {@link #kept}) one output device on the Pi and remembers its
   * actuators and chip, so that {@link #closeKeeping} can hand them over as one.
   */
  private void openOutputDevice(DeviceSpec d, HardwareBackend backend, InteractionPlan plan)
      throws HardwareIoException {
    int actuatorsBefore = actuators.size();
    int chipsBefore = pwmChips.size();
    openOutput(d, backend, plan);
    Optional<Pca9685Driver> chip = pwmChips.size() > chipsBefore
        ? Optional.of(pwmChips.get(pwmChips.size() - 1)) : Optional.empty();
    outputDevices.put(d.id(), new KeptDevice(d,
        List.copyOf(actuators.subList(actuatorsBefore, actuators.size())), chip));
  }

  /** An output pin of a microcontroller board (board-output, board-pwm, board-servo). */
  private static boolean isBoardOutput(DeviceSpec d) {
    return d.driver().isOutput() && d.driver().kind() == ConnectionKind.BOARD;
  }

  private static boolean isOutput(DeviceSpec d) {
    return d.driver().isOutput();
  }

  /** Opens one output device (driven to its safe state at once). */
  private void openOutput(DeviceSpec d, HardwareBackend backend, InteractionPlan plan)
      throws HardwareIoException {
    KeptDevice held = kept.take(d.id());
    if (held != null) {
      held.chip().ifPresent(pwmChips::add);
      actuators.addAll(held.actuators());
      return;
    }
    if (!DriverOptionsMapping.isActuator(d.driver())) {
      openPwmChip(d, backend, plan);
      return;
    }
    boolean safeOn = d.safeState().orElse(SafeState.OFF) == SafeState.ON;
    boolean activeLow = DriverOptionsMapping.activeLow(d);
    boolean safePin = DigitalActuator.pinLevel(safeOn, activeLow);
    int pin = ((Connection.Gpio) d.connection()).pin();
    ActuatorKind fallback = ActuatorKind.valueOf(d.driver().output().orElseThrow().defaultRole()
        .toUpperCase(java.util.Locale.ROOT));
    if (DriverOptionsMapping.dimmable(d)) {
      DeviceOptions o = DriverOptionsMapping.options(d);
      int channel = o.intValue("pwm_channel", PwmPins.defaultChannel(pin).orElseThrow(() ->
          o.error("dimmable", "BCM pin " + pin + " has no hardware PWM; use 12, 13, 18 or 19")));
      int frequency = o.intValue("frequency_hz", DIMMABLE_FREQUENCY_HZ);
      double safe = safeOn ? 1.0 : 0.0;
      PwmChannel pwm = backend.pwm(new PwmOptions(PWM_CHIP, channel, frequency,
          PwmActuator.duty(safe, activeLow)));
      actuators.add(new PwmActuator(d.id(), plan.kindOf(d.id()).orElse(fallback), pwm, frequency,
          activeLow, safe));
      return;
    }
    actuators.add(new DigitalActuator(d.id(), plan.kindOf(d.id()).orElse(fallback),
        backend.digitalOutput(new DigitalOutputOptions(pin, safePin, safePin)), activeLow));
  }

  /** A PCA9685 chip: one actuator per declared channel, id {@code device/channel}. */
  private void openPwmChip(DeviceSpec d, HardwareBackend backend, InteractionPlan plan) throws HardwareIoException {
    DeviceOptions options = DriverOptionsMapping.options(d);
    Pca9685Driver chip = (Pca9685Driver) DriverRegistry.create(d.driver().configName(), options);
    chip.open(new DriverContext(d.id(), backend, backend.time(), scheduler, options, () -> { }));
    pwmChips.add(chip);
    for (ChannelSpec c : d.channels()) {
      String id = d.id() + "/" + c.name();
      ActuatorKind kind = plan.kindOf(id).orElse(ActuatorKind.LIGHT);
      if (kind == ActuatorKind.MOTION && chip.activeLow()) {
        throw options.error("active_low", "servo channel '" + c.name() + "' cannot run on an "
            + "active-low chip (a servo needs positive pulses); put servos on their own pca9685");
      }
      // safeState is the chip's: every light channel rests off, or on (a normally lit sign)
      boolean safeOn = kind != ActuatorKind.MOTION
          && d.safeState().orElse(SafeState.OFF) == SafeState.ON;
      if (safeOn) {
        chip.safeOn(c.index().orElse(0));
      }
      double safe = kind == ActuatorKind.MOTION ? c.range().map(r -> r.min()).orElse(0.0)
          : safeOn ? 1.0 : 0.0;
      Pca9685ChannelActuator a = new Pca9685ChannelActuator(id, kind, chip, c.index().orElse(0), safe);
      a.toSafeState();
      actuators.add(a);
    }
  }

  /**
   * A board-output, board-pwm or board-servo device: its pin, active level and safe level (on or
   * off from {@code safeState}; a servo's angle from the {@code safeAngle} option, default 90).
   */
  static BoardOutputSpec boardOutput(DeviceSpec d, InteractionPlan plan) {
    Connection.Board conn = (Connection.Board) d.connection();
    Set<OutputCapability> can = d.driver().output().orElseThrow().capabilities();
    BoardOutputKind kind = can.contains(OutputCapability.ANGLE) ? BoardOutputKind.SERVO
        : can.contains(OutputCapability.DIMMABLE) ? BoardOutputKind.PWM : BoardOutputKind.DIGITAL;
    double safe = kind == BoardOutputKind.SERVO
        ? DriverOptionsMapping.options(d).doubleValue("safeAngle", DEFAULT_SAFE_ANGLE)
        : d.safeState().orElse(SafeState.OFF) == SafeState.ON ? 1.0 : 0.0;
    ActuatorKind fallback = kind == BoardOutputKind.SERVO ? ActuatorKind.MOTION : ActuatorKind.LIGHT;
    return new BoardOutputSpec(d.id(), d.driver().configName(), conn.board(), conn.pin(), kind,
        plan.kindOf(d.id()).orElse(fallback),
        kind != BoardOutputKind.SERVO && DriverOptionsMapping.activeLow(d), safe);
  }

  /** A board-pin or board-distance device: one channel, sampled by the board itself. */
  static BoardInputSpec boardInput(DeviceSpec d) {
    Connection.Board conn = (Connection.Board) d.connection();
    boolean distance = d.driver() == BoardDistanceDescriptor.DESCRIPTOR;
    boolean analog = !distance && conn.pin().startsWith("A");
    boolean eventMode = d.sampling().or(() -> Sampling.defaultFor(d.driver()))
        .map(s -> s.mode() == SamplingMode.EVENT).orElse(false);
    Duration interval = d.sampling().or(() -> Sampling.defaultFor(d.driver()))
        .flatMap(s -> s.period())
        // event mode: digital pins report edges; analog pins are sampled often, changes published
        .orElse(analog || distance ? EVENT_POLL : Duration.ZERO);
    if (interval.compareTo(BoardInputSpec.MAX_INTERVAL) > 0) {
      interval = BoardInputSpec.MAX_INTERVAL;
    }
    ChannelSpec c = d.channels().get(0);
    String driverUnit = distance ? "cm" : analog ? "raw" : "bool";
    // a digital pin's debounce options (board-pin; the ranger has none and keeps the defaults)
    DeviceOptions options = DriverOptionsMapping.options(d);
    return new BoardInputSpec(d.id(), d.driver().configName(), conn.board(), conn.pin(),
        distance ? BoardInputKind.DISTANCE : BoardInputKind.PIN, interval,
        ChannelMapping.options(d.driver(), c, c.name(), eventMode), driverUnit,
        options.durationValue("debounce_ms", BoardInputSpec.DEFAULT_DEBOUNCE),
        DebounceMode.option(options, DebounceMode.LEADING));
  }

  private DeviceRunner runner(Installation inst, DeviceSpec d, HardwareBackend backend,
      Consumer<Observation> consumer) {
    DeviceOptions options = DriverOptionsMapping.options(d);
    Map<String, ChannelOptions> channels = new HashMap<>();
    Map<String, String> rename = new HashMap<>();
    boolean eventMode = d.sampling().map(s -> s.mode() == SamplingMode.EVENT).orElse(true);
    for (ChannelSpec c : d.channels()) {
      String driverName = DriverOptionsMapping.driverChannel(d.driver(), c);
      channels.put(driverName, ChannelMapping.options(d.driver(), c, driverName, eventMode));
      rename.put(driverName, c.name());
    }
    Duration interval = d.sampling()
        .filter(s -> s.mode() == SamplingMode.PERIODIC)
        .flatMap(s -> s.period())
        // a chip with its IRQ line declared (an MPR121's irqPin) is read when the line falls;
        // the slow check only finds a chip that was reset (or an interrupt that was missed)
        .orElse(d.driver().options().stream().anyMatch(o -> o.type() == OptionType.GPIO_PIN
            && options.has(o.driverKey())) ? IRQ_CHECK : EVENT_POLL);
    DeviceRunnerOptions runnerOptions = DeviceRunnerOptions.of(inst.id(), options)
        .withInterval(interval)
        .withChannels(channels);
    return new DeviceRunner(runnerOptions, DriverRegistry.create(d.driver().configName(), options),
        backend, scheduler, o -> consumer.accept(renamed(o, rename)));
  }

  private static Observation renamed(Observation o, Map<String, String> rename) {
    String name = rename.get(o.channel());
    if (name == null || name.equals(o.channel())) {
      return o;
    }
    if (o instanceof Reading r) {
      return new Reading(r.installation(), r.device(), name, r.value(), r.unit(), r.quality(), r.time(), r.seq());
    }
    InteractionEvent e = (InteractionEvent) o;
    return new InteractionEvent(e.installation(), e.device(), name, e.type(), e.value(), e.time(), e.seq());
  }

  void start() {
    runners.values().forEach(DeviceRunner::start);
    boards.start();
  }

  /**
   * Whom to tell, with the actuator id, when a board output's board went away while it was ready
   * (on the boards thread, once per loss).
   */
  void onBoardOutputLost(Consumer<String> listener) {
    boards.onOutputLost(listener);
  }

  /**
   * Whom to tell, with the actuator id, when a board output's board confirmed its safe level or
   * refused its pin (on the boards thread).
   */
  void onBoardOutputSettled(Consumer<String> listener) {
    boards.onOutputSettled(listener);
  }

  List<Actuator> actuators() {
    return List.copyOf(actuators);
  }

  /** A snapshot of every device's health, in configuration order. Any thread. */
  List<DeviceStatus> statuses() {
    List<DeviceStatus> out = new ArrayList<>();
    for (Map.Entry<String, String> e : drivers.entrySet()) {
      DeviceRunner r = runners.get(e.getKey());
      Optional<DeviceStatus> board = boards.status(e.getKey());
      if (board.isPresent()) {
        out.add(board.get());
        continue;
      }
      if (r == null) {
        out.add(new DeviceStatus(e.getKey(), e.getValue(), DeviceState.OK, null, null, 0));
        continue;
      }
      org.streetsense.gateway.driver.DeviceStatus s = r.status();
      DeviceState state = switch (s.state()) {
        case RUNNING -> DeviceState.OK;
        case FAULT -> s.consecutiveFaults() > 0
            ? s.lastErrorKind().map(Devices::health).orElse(DeviceState.FAULT) : DeviceState.FAULT;
        case FAILED -> DeviceState.FAULT;
        default -> DeviceState.ABSENT;
      };
      out.add(new DeviceStatus(e.getKey(), e.getValue(), state, s.lastError().orElse(null),
          s.lastErrorAt().orElse(null), s.totalFaults()));
    }
    return out;
  }

  /**
   * The health a device failing with {@code kind} shows, from the kind alone (never the message,
   * which differs between backends): a device that does not acknowledge (NACK) or whose bus is
   * gone (BUS_GONE) is ABSENT; a timeout, an unavailable pin or anything else is a FAULT of a
   * device that is there.
   */
  static DeviceState health(HardwareIoException.Kind kind) {
    return switch (kind) {
      case NACK, BUS_GONE -> DeviceState.ABSENT;
      case TIMEOUT, UNAVAILABLE, OTHER -> DeviceState.FAULT;
    };
  }

  /**
   * Errors of device {@code id} since the gateway started: a runner's faults, a board input's
   * errors; 0 for outputs. Any thread.
   */
  long errorCount(String id) {
    DeviceRunner r = runners.get(id);
    if (r != null) {
      return r.status().totalFaults();
    }
    return boards == null ? 0 : boards.status(id).map(DeviceStatus::errorCount).orElse(0L);
  }

  /** Ids of every configured device, in configuration order. */
  java.util.Set<String> ids() {
    return java.util.Collections.unmodifiableSet(drivers.keySet());
  }

  @Override
  public void close() {
    closeKeeping(java.util.Set.of());
  }

  /**
   * Closes everything but the output devices on the Pi in {@code keep} (GPIO outputs, dimmable
   * leds, PCA9685 chips with their channels, by device id), which stay open at their levels and
   * are returned for the devices of the next installation file (decision 0364). Board outputs are
   * never kept: their board's link closes with the board inputs. Never throws.
   */
  Kept closeKeeping(java.util.Set<String> keep) {
    runners.values().forEach(DeviceRunner::close);
    if (boards != null) {
      boards.close();
    }
    scheduler.shutdown(Duration.ofSeconds(5));
    Map<String, KeptDevice> held = new LinkedHashMap<>();
    java.util.Set<Actuator> heldActuators = new java.util.HashSet<>();
    for (Map.Entry<String, KeptDevice> e : outputDevices.entrySet()) {
      if (keep.contains(e.getKey())) {
        held.put(e.getKey(), e.getValue());
        heldActuators.addAll(e.getValue().actuators());
      }
    }
    for (Actuator a : actuators) {
      if (!heldActuators.contains(a)) {
        closeQuietly(a);
      }
    }
    for (Pca9685Driver chip : pwmChips) {
      if (held.values().stream().noneMatch(k -> k.chip().orElse(null) == chip)) {
        chip.close();
      }
    }
    return new Kept(held);
  }

  private static void closeQuietly(Actuator a) {
    try {
      a.close();
    } catch (RuntimeException e) {
      LOG.warn("closing actuator {}: {}", a.id(), e.toString());
    }
  }

  /** One output device's declaration, its actuators and, for a PCA9685, its chip. */
  record KeptDevice(DeviceSpec spec, List<Actuator> actuators, Optional<Pca9685Driver> chip) {}

  /**
   * Output devices on the Pi handed from one installation file's devices to the next one's, open
   * and at their levels (decision 0364). Whoever holds it owns them: {@link #close()} drives
   * what was not taken to safe and closes it. Used by one thread at a time.
   */
  static final class Kept implements AutoCloseable {

    private final Map<String, KeptDevice> devices;

    private Kept(Map<String, KeptDevice> devices) {
      this.devices = new LinkedHashMap<>(devices);
    }

    static Kept none() {
      return new Kept(Map.of());
    }

    /** The device {@code id}'s actuators and chip, removed from this; null if not held. */
    KeptDevice take(String id) {
      return devices.remove(id);
    }

    /**
     * Keeps only the devices declared exactly as in {@code declared}; the others are driven to
     * safe and closed now.
     */
    void retainOnly(List<DeviceSpec> declared) {
      for (java.util.Iterator<KeptDevice> it = devices.values().iterator(); it.hasNext(); ) {
        KeptDevice d = it.next();
        if (!declared.contains(d.spec())) {
          close(d);
          it.remove();
        }
      }
    }

    private static void close(KeptDevice d) {
      d.actuators().forEach(Devices::closeQuietly);
      d.chip().ifPresent(Pca9685Driver::close);
    }

    /** Ids of the actuators held. */
    java.util.Set<String> actuatorIds() {
      java.util.Set<String> ids = new java.util.LinkedHashSet<>();
      devices.values().forEach(d -> d.actuators().forEach(a -> ids.add(a.id())));
      return ids;
    }

    /** Drives what was not taken to safe and closes it. */
    @Override
    public void close() {
      devices.values().forEach(Kept::close);
      devices.clear();
    }
  }
}
