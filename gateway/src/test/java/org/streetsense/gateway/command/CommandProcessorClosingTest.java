package org.streetsense.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;

/**
 * A command processor that is closing (an apply hands its outputs over, or the gateway stops)
 * answers every command finally: one admitted before the close runs and gets {@code done}, one
 * submitted after is refused ({@code reconfigured} or {@code shutdown}); none is answered
 * {@code accepted} and then dropped (decision 0365).
 */
@Timeout(30)
class CommandProcessorClosingTest {

  private final RecordingActuator lamp = new RecordingActuator("lamp", ActuatorKind.LIGHT, 0.0);
  private final List<CommandResult> results = new CopyOnWriteArrayList<>();

  private CommandProcessor processor() {
    SafetyPolicy policy = new SafetyPolicy(List.of(ActuatorLimits.builder("lamp")
        .operations(EnumSet.of(Operation.ON, Operation.OFF)).commandsPerMinute(1_000_000).build()),
        QuietHours.none(), Duration.ofHours(1), System::currentTimeMillis, System::nanoTime, null);
    CommandProcessor p = new CommandProcessor(List.of(lamp), policy, TimeSource.system(),
        CommandProcessorOptions.defaults());
    p.onResult(results::add);
    return p;
  }

  private static CommandResult submit(CommandProcessor p, String id, Operation op) throws Exception {
    return p.submit(new Command(id, id, "lamp", op, Double.NaN, Duration.ZERO, Long.MAX_VALUE,
        CommandSource.MQTT)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aCommandSubmittedWhileAnApplyHandsTheOutputsOverIsRefusedReconfigured() throws Exception {
    CommandProcessor p = processor();
    p.closeKeeping(Set.of("lamp"), "reload", Duration.ofSeconds(5));

    CommandResult r = submit(p, "late", Operation.ON);

    assertThat(r.status()).isEqualTo(CommandStatus.REJECTED);
    assertThat(r.reason()).isEqualTo(RejectReason.RECONFIGURED);
    assertThat(results).as("the refusal is published").contains(r);
    assertThat(lamp.level()).isZero();

    CommandProcessor next = processor();
    next.remember(p.rememberedAnswers());
    assertThat(submit(next, "late", Operation.ON).status())
        .as("sent again with the same id, the next processor runs it").isEqualTo(CommandStatus.ACCEPTED);
    next.close();
  }

  @Test
  void aCommandSubmittedAfterTheProcessorClosedIsRefusedShutdown() throws Exception {
    CommandProcessor p = processor();
    p.close();

    CommandResult r = submit(p, "late", Operation.ON);

    assertThat(r.status()).isEqualTo(CommandStatus.REJECTED);
    assertThat(r.reason()).isEqualTo(RejectReason.SHUTDOWN);
  }

  @Test
  void everyCommandSubmittedAcrossTheCloseGetsAFinalAnswer() throws Exception {
    CommandProcessor p = processor();
    List<String> sent = new CopyOnWriteArrayList<>();
    AtomicBoolean sending = new AtomicBoolean(true);
    CountDownLatch started = new CountDownLatch(50);
    Thread sender = new Thread(() -> {
      for (int n = 1; sending.get(); n++) {
        String id = "c-" + n;
        try {
          submit(p, id, n % 2 == 0 ? Operation.OFF : Operation.ON);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        sent.add(id);
        started.countDown();
      }
    });
    sender.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    p.closeKeeping(Set.of("lamp"), "reload", Duration.ofSeconds(5));
    int atClose = sent.size();
    await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() >= atClose + 50);
    sending.set(false);
    sender.join(5_000);

    Map<String, List<CommandStatus>> byId = new java.util.HashMap<>();
    results.forEach(r -> byId.computeIfAbsent(r.commandId(), k -> new java.util.ArrayList<>()).add(r.status()));
    assertThat(sent).allSatisfy(id -> assertThat(byId.get(id)).as("answers to %s", id)
        .isNotNull().last().isIn(CommandStatus.DONE, CommandStatus.REJECTED, CommandStatus.FAILED));
    assertThat(byId.values()).as("some ran before the close, some were refused after it")
        .anyMatch(s -> s.contains(CommandStatus.DONE)).anyMatch(s -> s.contains(CommandStatus.REJECTED));
  }

  @Test
  void theNextProcessorContinuesTheNumberingOfTheGatewaysOwnIds() {
    CommandProcessor before = processor();
    before.internalId("osc");
    before.internalId("osc");
    before.internalId("reflex:dusk");
    before.close();

    CommandProcessor next = processor();
    next.continueInternalIds(before.internalIdCounts());

    assertThat(next.internalId("osc")).isEqualTo("osc:0.3");
    assertThat(next.internalId("reflex:dusk")).isEqualTo("reflex:dusk:0.2");
    assertThat(next.internalId("reflex:dawn")).isEqualTo("reflex:dawn:0.1");
    next.close();
  }
}
