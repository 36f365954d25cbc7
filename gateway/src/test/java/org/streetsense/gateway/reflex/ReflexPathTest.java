package org.streetsense.gateway.reflex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.DigitalActuator;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.command.CommandResult;
import org.streetsense.gateway.command.CommandStatus;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DeviceRunner;
import org.streetsense.gateway.driver.DeviceRunnerOptions;
import org.streetsense.gateway.driver.DeviceStatus;
import org.streetsense.gateway.driver.DriverRegistry;
import org.streetsense.gateway.driver.ExecutorHardwareScheduler;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.simulated.EdgeScript;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedDigitalOutput;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;

/**
 * The reflex path from a GPIO edge to the actuator write (decision 0336), wired as the gateway
 * wires it: button driver on a device runner and the hardware thread, reflex engine, command
 * processor with its safety policy, a lamp on a simulated output. Observed at the lamp's pin: the
 * write needs neither the hardware thread (stuck here behind a sampling task), nor the spool,
 * nor a result listener (a stalled uplink), and the safety policy still refuses what it must.
 */
@Timeout(30)
class ReflexPathTest {

  private static final int BUTTON = 17;
  private static final int LAMP = 27;
  private static final Duration WAIT = Duration.ofSeconds(10);
  /**
   * A clean 150 ms press. The subject here is the path, not the debounce (DebounceOnSimulatedPinTest
   * plays bounces on a virtual clock): a scripted bounce on the real-time simulation scheduler is
   * stamped when it is played, so on a loaded machine it can land outside the lockout window and
   * be, physically, a second press.
   */
  private static final EdgeScript PRESS = EdgeScript.builder()
      .pulse(Duration.ZERO, Duration.ofMillis(150), false).build();

  private final SimulatedBackend backend = SimulatedBackend.builder().seed(3).build();
  private final ExecutorHardwareScheduler hardware = new ExecutorHardwareScheduler();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<CommandResult> answers = new CopyOnWriteArrayList<>();
  private CommandProcessor commands;
  private DeviceRunner runner;
  private SimulatedDigitalOutput lampPin;

  /** Opens the path; the lamp may take {@code perMinute} commands; observations also go to {@code spool}. */
  private void open(int perMinute, Consumer<Observation> spool) throws Exception {
    TimeSource time = backend.time();
    lampPin = (SimulatedDigitalOutput) backend.digitalOutput(new DigitalOutputOptions(LAMP, false, false));
    DigitalActuator lamp = new DigitalActuator("lamp", ActuatorKind.LIGHT, lampPin, false);
    SafetyPolicy policy = new SafetyPolicy(
        List.of(ActuatorLimits.builder("lamp").commandsPerMinute(perMinute).build()),
        QuietHours.none(), time::wallMillis, time::monotonicNanos);
    commands = new CommandProcessor(List.of(lamp), policy, time, CommandProcessorOptions.defaults());
    commands.onResult(answers::add);
    ReflexEngine engine = new ReflexEngine(List.of(
        rule("press-on", "press", 1.0), rule("release-off", "release", 0.0)), commands, time);
    DeviceOptions options = new DeviceOptions("button", Map.of("pin", BUTTON));
    runner = new DeviceRunner(DeviceRunnerOptions.of("square", options),
        DriverRegistry.create("button", options), backend, hardware, o -> {
          engine.accept(o);
          spool.accept(o);
        });
    runner.start();
    await().atMost(WAIT).until(() -> runner.status().state() == DeviceStatus.State.RUNNING);
  }

  private static ReflexRule rule(String name, String type, double level) {
    return new ReflexRule(name, ReflexTrigger.onEvent("button", null, type), 1, Duration.ZERO,
        List.of(new ReflexAction("lamp", Operation.SET, level, Duration.ZERO)));
  }

  @AfterEach
  void close() {
    release.countDown();
    if (runner != null) {
      runner.close();
    }
    hardware.shutdown(Duration.ofSeconds(2));
    if (commands != null) {
      commands.close();
    }
    backend.close();
  }

  /** Blocks the hardware thread (a sampling step that hangs) until the test ends. */
  private void stallHardwareThread() throws InterruptedException {
    CountDownLatch stalled = new CountDownLatch(1);
    hardware.execute(() -> {
      stalled.countDown();
      try {
        release.await(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(stalled.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aPressLightsTheLampWhileTheHardwareThreadIsStuckInSampling() throws Exception {
    open(6000, o -> { });
    stallHardwareThread();

    backend.pin(BUTTON).play(PRESS);

    await("lamp on with the hardware thread stuck").atMost(WAIT)
        .until(() -> lampPin.history().stream().anyMatch(c -> c.high()));
    assertThat(release.getCount()).as("the hardware thread is still stuck").isEqualTo(1);
    await("and off at the release").atMost(WAIT).until(() -> lampPin.history().size() >= 3);
    assertThat(backend.pin(LAMP).level()).isFalse();
    assertThat(lampPin.history().stream().filter(c -> c.high()).count())
        .as("one write on for one press").isEqualTo(1);
  }

  @Test
  void theLampIsWrittenWhileTheSpoolStallsAndBeforeTheReflexsAnswerIsPublished() throws Exception {
    CountDownLatch answerHeard = new CountDownLatch(1);
    List<Boolean> lampWhenAnswered = new CopyOnWriteArrayList<>();
    open(6000, o -> {
      // a spool that takes the press event and does not come back (a stalled card)
      if (o instanceof org.streetsense.gateway.pipeline.InteractionEvent) {
        try {
          release.await(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    commands.onResult(r -> {
      if (r.status() == CommandStatus.ACCEPTED && r.commandId().startsWith("reflex:press-on")) {
        lampWhenAnswered.add(backend.pin(LAMP).level());
        answerHeard.countDown();
      }
    });

    backend.pin(BUTTON).play(PRESS);

    await("lamp on with the spool stalled").atMost(WAIT)
        .until(() -> lampPin.history().stream().anyMatch(c -> c.high()));
    assertThat(answerHeard.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(lampWhenAnswered).as("the reflex's ACCEPTED answer is published after the write")
        .containsExactly(true);
    await().atMost(WAIT).until(() -> answers.stream().anyMatch(
        r -> r.status() == CommandStatus.DONE && r.commandId().startsWith("reflex:press-on")));
    assertThat(answers.stream().filter(r -> r.commandId().startsWith("reflex:press-on"))
        .map(CommandResult::status)).containsExactly(CommandStatus.ACCEPTED, CommandStatus.DONE);
  }

  @Test
  void theSafetyPolicyStillRefusesOnTheReflexPath() throws Exception {
    open(1, o -> { });
    backend.pin(BUTTON).play(PRESS);
    await().atMost(WAIT).until(() -> lampPin.history().size() >= 3);

    backend.pin(BUTTON).play(PRESS);

    await("the second 'on' of the minute is refused (going safe is never limited)").atMost(WAIT).until(() -> answers.stream()
        .anyMatch(r -> r.reason() == RejectReason.RATE_LIMITED));
    assertThat(backend.pin(LAMP).level()).isFalse();
    assertThat(lampPin.history().stream().filter(c -> c.high()).count()).isEqualTo(1);
  }
}
