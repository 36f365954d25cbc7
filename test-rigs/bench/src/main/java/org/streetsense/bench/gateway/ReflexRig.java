package org.streetsense.bench.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import org.streetsense.bench.Pause;
import org.streetsense.bench.Workload;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.DigitalActuator;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandCodec;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DeviceRunner;
import org.streetsense.gateway.driver.DeviceRunnerOptions;
import org.streetsense.gateway.driver.DeviceStatus;
import org.streetsense.gateway.driver.DriverRegistry;
import org.streetsense.gateway.driver.ExecutorHardwareScheduler;
import org.streetsense.gateway.driver.button.ButtonOptions;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.EdgeEvent;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.LevelChange;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedDigitalOutput;
import org.streetsense.gateway.hardware.simulated.SimulatedPin;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.reflex.ReflexAction;
import org.streetsense.gateway.reflex.ReflexEngine;
import org.streetsense.gateway.reflex.ReflexRule;
import org.streetsense.gateway.reflex.ReflexTrigger;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;
import org.streetsense.gateway.spool.Spool;
import org.streetsense.gateway.uplink.MqttUplink;
import org.streetsense.gateway.uplink.contract.TopicKind;

/**
 * The gateway's input-to-actuator path from its real classes, wired as {@code Gateway} and
 * {@code Devices} wire them: a {@link SimulatedBackend} (system clock), the {@code button} driver
 * from {@link DriverRegistry} with its default options (leading-edge debounce with a 20 ms
 * lockout, active low with the pull-up) on GPIO {@value #BUTTON_PIN}, run by a
 * {@link DeviceRunner} on an {@link ExecutorHardwareScheduler}; each observation handed to a
 * {@link ReflexEngine} and then appended to the given spool (as the gateway's observation
 * pipeline does); reflexes {@code press -> lamp set 1} and {@code release -> lamp set 0} through
 * a {@link CommandProcessor} and {@link SafetyPolicy} to a {@link DigitalActuator} on a
 * {@link SimulatedDigitalOutput} (GPIO {@value #LED_PIN}), which records every write with its
 * monotonic time. As the gateway's MQTT command front does, every command answer and actuator
 * state is published on the given uplink (the one telemetry travels on), QoS 1, the state
 * retained.
 *
 * <p>The lamp is allowed 6,000 commands per minute (the configuration's maximum; the default 60
 * would refuse a press every 100 ms) and there are no quiet hours.
 */
public final class ReflexRig implements AutoCloseable {

  public static final String DEVICE = "button";
  public static final int BUTTON_PIN = 17;
  public static final int LED_PIN = 27;

  private final SimulatedBackend backend;
  private final ExecutorHardwareScheduler hardware;
  private final CommandProcessor commands;
  private final ReflexEngine engine;
  private final DigitalActuator lamp;
  private final SimulatedDigitalOutput led;
  private final Duration debounce;
  private DeviceRunner runner;

  private ReflexRig(SimulatedBackend backend, ExecutorHardwareScheduler hardware,
      CommandProcessor commands, ReflexEngine engine, DigitalActuator lamp,
      SimulatedDigitalOutput led, Duration debounce) {
    this.backend = backend;
    this.hardware = hardware;
    this.commands = commands;
    this.engine = engine;
    this.lamp = lamp;
    this.led = led;
    this.debounce = debounce;
  }

  /**
   * Opens everything and starts the button; returns once its driver runs.
   *
   * @param spool where observations go
   * @param uplink where command answers and actuator states are published
   * @param pinEdges sees every edge of the button's pin before the driver does (on the
   *     simulation's thread), so a measurement can note an edge before its event exists
   * @param accepted called with each observation the spool accepted and its sequence number
   *     (on the spool's completion thread)
   * @param handing called with each observation just before it is handed to the spool (on the
   *     hardware thread)
   */
  public static ReflexRig start(Spool spool, MqttUplink uplink,
      ObjLongConsumer<Observation> accepted, Consumer<Observation> handing,
      Consumer<EdgeEvent> pinEdges) throws HardwareIoException {
    SimulatedBackend backend = SimulatedBackend.builder().seed(8).build();
    TimeSource time = backend.time();
    SimulatedDigitalOutput led = (SimulatedDigitalOutput) backend.digitalOutput(
        new DigitalOutputOptions(LED_PIN, false, false));
    DigitalActuator lamp = new DigitalActuator("lamp", ActuatorKind.LIGHT, led, false);
    SafetyPolicy policy = new SafetyPolicy(
        List.of(ActuatorLimits.builder("lamp").commandsPerMinute(6000).build()),
        QuietHours.none(), time::wallMillis, time::monotonicNanos);
    CommandProcessor commands = new CommandProcessor(List.of(lamp), policy, time,
        CommandProcessorOptions.defaults());
    CommandCodec codec = new CommandCodec();
    commands.onResult(r -> uplink.publish(Workload.TOPICS.device(r.actuator(), TopicKind.RESULT),
        codec.encode(r), 1, false));
    commands.onState(st -> uplink.publish(Workload.TOPICS.device(st.actuator(), TopicKind.STATE),
        codec.encode(st), 1, true));
    ReflexEngine engine = new ReflexEngine(List.of(
        rule("press-on", "press", 1.0), rule("release-off", "release", 0.0)), commands, time);
    backend.pin(BUTTON_PIN).onEdge(pinEdges);
    DeviceOptions options = new DeviceOptions(DEVICE, Map.of("pin", BUTTON_PIN));
    ExecutorHardwareScheduler hardware = new ExecutorHardwareScheduler();
    ReflexRig rig = new ReflexRig(backend, hardware, commands, engine, lamp, led,
        ButtonOptions.from(options).debounce());
    try {
      rig.runner = new DeviceRunner(DeviceRunnerOptions.of(Workload.INSTALLATION, options),
          DriverRegistry.create(DEVICE, options), backend, hardware, o -> {
            handing.accept(o);
            engine.accept(o);
            spool.append(o).onSuccess(seq -> accepted.accept(o.withSeq(seq), seq));
          });
      rig.runner.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (rig.runner.status().state() != DeviceStatus.State.RUNNING) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("button driver not running after 10 s: "
              + rig.runner.status());
        }
        Pause.of(Duration.ofMillis(10));
      }
      return rig;
    } catch (RuntimeException e) {
      rig.close();
      throw e;
    }
  }

  private static ReflexRule rule(String name, String eventType, double level) {
    return new ReflexRule(name, ReflexTrigger.onEvent(DEVICE, null, eventType), 1, Duration.ZERO,
        List.of(new ReflexAction("lamp", Operation.SET, level, Duration.ZERO)));
  }

  /** The button's pin, to play edges on. */
  public SimulatedPin pin() {
    return backend.pin(BUTTON_PIN);
  }

  /** The button driver's debounce window. */
  public Duration debounce() {
    return debounce;
  }

  /** Every level the lamp's output drove, oldest first (the initial level included). */
  public List<LevelChange> writes() {
    return led.history();
  }

  /** Waits up to {@code timeout} until the lamp has recorded {@code n} writes after its first. */
  public void awaitWrites(long n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (led.history().size() - 1 < n && System.nanoTime() < deadline) {
      Pause.of(Duration.ofMillis(10));
    }
  }

  /** The reflex engine's own p99, from the edge time to the actuator state, in ms. */
  public double engineP99Millis() {
    return engine.latency().count() == 0 ? Double.NaN
        : engine.latency().percentile(99).toNanos() / 1e6;
  }

  /** Stops the button, the command thread, the lamp (to its safe state) and the backend. */
  @Override
  public void close() {
    if (runner != null) {
      runner.close();
    }
    hardware.shutdown(Duration.ofSeconds(5));
    commands.close();
    lamp.close();
    backend.close();
  }
}
