package org.streetsense.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;

/**
 * A reflex to a GPIO pin is written on the thread that saw the edge when the actuator thread is
 * idle (decision 0377): no parked thread is woken between the edge and the lamp. It never
 * overtakes work the actuator thread has, never runs on a Vert.x thread, and a close while
 * reflexes fire still leaves the pin at its safe level with every reflex answered.
 */
@Timeout(60)
class CommandProcessorReflexInPlaceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String ACTUATOR_THREAD = "streetsense-actuators";
  private final RecordingActuator lamp = RecordingActuator.gpio("lamp", ActuatorKind.LIGHT, 0.0);
  private final RecordingActuator fog = new RecordingActuator("fog", ActuatorKind.SWITCH, 0.0);
  private final List<CommandResult> results = new CopyOnWriteArrayList<>();
  private final List<ActuatorState> states = new CopyOnWriteArrayList<>();
  private CommandProcessor processor;

  private CommandProcessor processor() {
    EnumSet<Operation> ops = EnumSet.of(Operation.ON, Operation.OFF, Operation.SET, Operation.PULSE);
    SafetyPolicy policy = new SafetyPolicy(List.of(
        ActuatorLimits.builder("lamp").operations(ops).commandsPerMinute(1_000_000).build(),
        ActuatorLimits.builder("fog").operations(ops).commandsPerMinute(1_000_000).build()),
        QuietHours.none(), Duration.ofHours(1), System::currentTimeMillis, System::nanoTime, null);
    CommandProcessor p = new CommandProcessor(List.of(lamp, fog), policy, TimeSource.system(),
        CommandProcessorOptions.defaults());
    p.onResult(results::add);
    p.onState(states::add);
    return p;
  }

  @AfterEach
  void tearDown() {
    if (processor != null) {
      processor.close();
    }
  }

  private static Command command(String id, String actuator, Operation op, CommandSource source) {
    return new Command(id, id, actuator, op, Double.NaN, Duration.ZERO, Long.MAX_VALUE, source);
  }

  /** Runs {@code body} on a new thread named {@code name} and waits for it. */
  private static <T> T onThread(String name, java.util.concurrent.Callable<T> body) throws Exception {
    CompletableFuture<T> out = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        out.complete(body.call());
      } catch (Throwable e) {
        out.completeExceptionally(e);
      }
    }, name);
    t.start();
    return out.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Waits until every actuator thread is parked between tasks (not holding its turn). */
  private static void awaitActuatorThreadParked() {
    await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(ACTUATOR_THREAD) && t.isAlive())
        .allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
  }

  private boolean answered(String id, CommandStatus status) {
    return results.stream().anyMatch(r -> r.commandId().equals(id) && r.status() == status);
  }

  @Test
  void aReflexToAGpioPinIsWrittenOnTheEdgeThreadBeforeSubmitReturns() throws Exception {
    processor = processor();
    awaitActuatorThreadParked();

    Double levelWhenSubmitReturned = onThread("edge", () -> {
      processor.submit(command("reflex:touch:1.1", "lamp", Operation.ON, CommandSource.REFLEX));
      return lamp.level();
    });

    assertThat(levelWhenSubmitReturned).as("written before submit returned").isEqualTo(1.0);
    assertThat(lamp.writers()).containsExactly("edge");
    await().atMost(WAIT).until(() -> answered("reflex:touch:1.1", CommandStatus.DONE));
    List<CommandStatus> order = results.stream()
        .filter(r -> r.commandId().equals("reflex:touch:1.1")).map(CommandResult::status).toList();
    assertThat(order).containsExactly(CommandStatus.ACCEPTED, CommandStatus.DONE);
    assertThat(states).anyMatch(s -> s.actuator().equals("lamp") && s.level() == 1.0
        && s.cause().equals("reflex:touch:1.1"));
  }

  @Test
  void aReflexWaitsForTheActuatorThreadWhileItIsBusyAndDoesNotOvertakeWhatWasQueuedFirst()
      throws Exception {
    processor = processor();
    CountDownLatch gate = new CountDownLatch(1);
    fog.holdWrites(gate);
    processor.submit(command("fog-on", "fog", Operation.ON, CommandSource.MQTT));
    assertThat(fog.awaitWrite(WAIT)).as("the actuator thread is in fog's write").isTrue();
    processor.submit(command("lamp-on", "lamp", Operation.ON, CommandSource.MQTT));

    onThread("edge", () -> processor.submit(
        command("reflex:touch:1.1", "lamp", Operation.OFF, CommandSource.REFLEX)));

    assertThat(lamp.applied()).as("nothing written while the actuator thread is busy").isEmpty();
    gate.countDown();
    await().atMost(WAIT).until(() -> answered("reflex:touch:1.1", CommandStatus.DONE));
    assertThat(lamp.applied()).as("in the order handed over").containsExactly(1.0, 0.0);
    assertThat(lamp.writers()).containsOnly(ACTUATOR_THREAD);
    assertThat(lamp.level()).isZero();
  }

  @Test
  void aReflexSubmittedOnAVertxThreadIsWrittenByTheActuatorThread() throws Exception {
    processor = processor();
    Vertx vertx = Vertx.vertx();
    try {
      CountDownLatch submitted = new CountDownLatch(1);
      vertx.runOnContext(v -> {
        processor.submit(command("reflex:touch:1.1", "lamp", Operation.ON, CommandSource.REFLEX));
        submitted.countDown();
      });
      assertThat(submitted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      await().atMost(WAIT).until(() -> answered("reflex:touch:1.1", CommandStatus.DONE));
      assertThat(lamp.writers()).containsExactly(ACTUATOR_THREAD);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest(name = "{1} to {0}")
  @CsvSource({"fog, REFLEX", "lamp, MQTT", "lamp, OSC", "lamp, HTTP"})
  void aReflexToAnOutputNotWrittenInPlaceOrACommandFromAnotherSourceIsWrittenByTheActuatorThread(
      String actuator, CommandSource source) throws Exception {
    processor = processor();
    String id = source == CommandSource.REFLEX ? "reflex:touch:1.1" : source == CommandSource.OSC
        ? "osc:1.1" : "remote-1";

    onThread("edge", () -> processor.submit(command(id, actuator, Operation.ON, source)));

    await().atMost(WAIT).until(() -> answered(id, CommandStatus.DONE));
    assertThat((actuator.equals("fog") ? fog : lamp).writers()).containsExactly(ACTUATOR_THREAD);
  }

  @Test
  void aPulseWrittenOnTheEdgeThreadEndsAtItsSafeLevelOnTheActuatorThread() throws Exception {
    processor = processor();

    onThread("edge", () -> processor.submit(new Command("reflex:touch:1.1", "reflex:touch:1.1",
        "lamp", Operation.PULSE, 1.0, Duration.ofMillis(50), Long.MAX_VALUE, CommandSource.REFLEX)));

    await().atMost(WAIT).until(() -> answered("reflex:touch:1.1", CommandStatus.DONE));
    assertThat(lamp.applied()).containsExactly(1.0, 0.0);
    assertThat(lamp.writers()).containsExactly("edge", ACTUATOR_THREAD);
  }

  /**
   * Edge threads fire reflexes (on, off, pulses) while the processor closes, many times over: the pin
   * ends at its safe level after the close, nothing is written after the shutdown's safe state,
   * and every reflex is refused or gets a final answer.
   */
  @Test
  void closingWhileReflexesFireLeavesThePinSafeAndEveryReflexAnswered() throws Exception {
    int writtenOnEdgeThreads = 0;
    for (int round = 0; round < 30; round++) {
      results.clear();
      lamp.applied().clear();
      lamp.writers().clear();
      CommandProcessor p = processor();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<String> ids = new CopyOnWriteArrayList<>();
      List<Thread> edges = new ArrayList<>();
      CountDownLatch firing = new CountDownLatch(3);
      for (int e = 0; e < 3; e++) {
        int edge = e;
        Thread t = new Thread(() -> {
          try {
            for (int n = 0; !stop.get() && n < 5_000; n++) {
              String id = "reflex:touch" + edge + ":" + n;
              ids.add(id);
              p.submit(n % 3 == 2
                  ? new Command(id, id, "lamp", Operation.PULSE, 1.0, Duration.ofMillis(20),
                      Long.MAX_VALUE, CommandSource.REFLEX)
                  : command(id, "lamp", n % 3 == 0 ? Operation.ON : Operation.OFF,
                      CommandSource.REFLEX));
              if (n == 20) {
                firing.countDown();
              }
            }
          } catch (Throwable x) {
            failure.set(x);
          }
        }, "edge-" + e);
        edges.add(t);
        t.start();
      }
      assertThat(firing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

      p.close();
      int writesAtClose = lamp.applied().size();
      stop.set(true);
      for (Thread t : edges) {
        t.join(WAIT.toMillis());
      }

      assertThat(failure.get()).isNull();
      assertThat(lamp.level()).as("round %d: the pin after close", round).isZero();
      assertThat(lamp.applied().size()).as("round %d: nothing written after the close", round)
          .isEqualTo(writesAtClose);
      assertThat(lamp.applied().get(lamp.applied().size() - 1)).isZero();
      java.util.Set<String> finallyAnswered = new java.util.HashSet<>();
      for (CommandResult r : results) {
        if (r.status() != CommandStatus.ACCEPTED) {
          finallyAnswered.add(r.commandId());
        }
      }
      assertThat(finallyAnswered).as("round %d: every reflex refused or answered finally", round)
          .containsAll(ids);
      writtenOnEdgeThreads += (int) lamp.writers().stream().filter(w -> w.startsWith("edge-")).count();
    }
    assertThat(writtenOnEdgeThreads).as("the race exercised writes on the edge threads").isPositive();
  }
}
