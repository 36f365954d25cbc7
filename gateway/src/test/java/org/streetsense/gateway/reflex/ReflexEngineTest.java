package org.streetsense.gateway.reflex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.command.RecordingActuator;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;

@Timeout(20)
class ReflexEngineTest {

  private final RecordingActuator led = new RecordingActuator("led-2", ActuatorKind.LIGHT, 0.0);
  private final RecordingActuator servo = new RecordingActuator("servo", ActuatorKind.MOTION, 0.0);
  private CommandProcessor processor;

  private ReflexEngine engine(List<ReflexRule> rules) {
    SafetyPolicy policy = new SafetyPolicy(List.of(
        ActuatorLimits.builder("led-2").operations(EnumSet.of(Operation.FADE, Operation.SET)).build(),
        ActuatorLimits.builder("servo").range(0, 180).operations(EnumSet.of(Operation.PULSE)).build()),
        QuietHours.none(), System::currentTimeMillis, System::nanoTime);
    processor = new CommandProcessor(List.of(led, servo), policy, TimeSource.system(), CommandProcessorOptions.defaults());
    return new ReflexEngine(rules, processor, TimeSource.system());
  }

  @AfterEach
  void tearDown() {
    processor.close();
  }

  private static InteractionEvent touch(String channel) {
    return new InteractionEvent("demo", "touch", channel, "touch_start", 0,
        new ObservedTime(System.currentTimeMillis(), System.nanoTime(), true), 1);
  }

  private static Reading distance(double cm) {
    return new Reading("demo", "ranger", "distance", cm, "cm", Quality.GOOD,
        new ObservedTime(System.currentTimeMillis(), System.nanoTime(), true), 1);
  }

  @Test
  void fadesTheLedUpWhenTheElectrodeIsTouchedAndMeasuresLatency() {
    ReflexEngine e = engine(List.of(new ReflexRule("glow", ReflexTrigger.onEvent("touch", "electrode3", "touch_start"),
        1, Duration.ZERO, List.of(new ReflexAction("led-2", Operation.FADE, 1.0, Duration.ofMillis(300))))));

    e.accept(touch("electrode2"));
    e.accept(touch("electrode3"));

    await().atMost(Duration.ofSeconds(5)).until(() -> led.level() == 1.0);
    assertThat(e.firings("glow")).isEqualTo(1);
    assertThat(e.latency().count()).isEqualTo(1);
    assertThat(e.latency().percentile(99)).isPositive();
  }

  @Test
  void movesTheServoForAWhileWhenSomeoneComesCloseThenReturnsToSafe() {
    ReflexEngine e = engine(List.of(new ReflexRule("wave", ReflexTrigger.below("ranger", "distance", 50),
        1, Duration.ZERO, List.of(new ReflexAction("servo", Operation.PULSE, 90, Duration.ofMillis(100))))));

    e.accept(distance(120));
    e.accept(distance(40));
    e.accept(distance(30));

    await().atMost(Duration.ofSeconds(5)).until(() -> servo.applied().size() == 2);
    assertThat(servo.applied()).containsExactly(90.0, 0.0);
    assertThat(e.firings("wave")).isEqualTo(1);
  }

  @Test
  void runsOnlyOnEveryNthFiringWhenCounting() {
    ReflexEngine e = engine(List.of(new ReflexRule("third", ReflexTrigger.onEvent("touch", null, "touch_start"),
        3, Duration.ZERO, List.of(new ReflexAction("led-2", Operation.SET, 0.5, Duration.ZERO)))));

    for (int i = 0; i < 7; i++) {
      e.accept(touch("electrode" + i));
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> led.applied().size() == 2);
    assertThat(e.firings("third")).isEqualTo(7);
  }

  @Test
  void refusedActionsAreNotExecuted() {
    ReflexEngine e = engine(List.of(new ReflexRule("too-bright", ReflexTrigger.onEvent("touch", null, "touch_start"),
        1, Duration.ZERO, List.of(new ReflexAction("led-2", Operation.SET, 3.0, Duration.ZERO)))));

    e.accept(touch("electrode1"));

    await().atMost(Duration.ofSeconds(5)).until(() -> processor.stats().rejectedTotal() == 1);
    assertThat(led.applied()).isEmpty();
  }
}
