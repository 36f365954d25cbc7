package org.streetsense.system.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streetsense.system.reload.ConfigTopics.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;

/**
 * Issue 19, item 1: an apply leaves alone the outputs whose own declaration did not change
 * (decision 0364). The gateway runs as a child process against a real Mosquitto; each simulated
 * GPIO pin reports every level it drives on the process's log (debug level of
 * {@code SimulatedDigitalOutput}, switched on here), so the pins are watched at the output, and
 * the retained state topics beside them.
 */
@Timeout(180)
class OutputsKeptAcrossAnApplyIT {

  private static final String ID = "keep-bench";
  private static final String PREFIX = "streetsense/v1/" + ID;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int LAMP_PIN = 12;
  private static final int SIGN_PIN = 13;
  private static final int FOG_PIN = 16;
  private static final long FOG_MAX_ON_MS = 8_000;


  @RegisterExtension final ReloadBench bench = ReloadBench.anonymous(ID);

  @BeforeEach
  void start() {
    bench.writeFile(installation("500ms", "on, off"));
    bench.startWith(List.of("-Xmx256m",
        "-Dorg.slf4j.simpleLogger.log.org.streetsense.gateway.hardware.simulated.SimulatedDigitalOutput=debug"));
  }

  /**
   * Three lamps: {@code lamp} and {@code fog} (max on-time 8 s) are declared the same in every
   * file here; {@code sign}'s safety entry allows {@code signOps}.
   */
  private String installation(String period, String signOps) {
    return bench.installation("Keep bench", """
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: %s}
          - {id: lamp, driver: led, pin: %d}
          - {id: sign, driver: led, pin: %d}
          - {id: fog, driver: led, pin: %d}
        safety:
          timezone: UTC
          actuators:
            lamp: {kind: light, operations: [on, off]}
            sign: {kind: light, operations: [%s]}
            fog: {kind: switch, operations: [on, off], maxOnTime: %dms, coolDown: 120s}
        """.formatted(period, LAMP_PIN, SIGN_PIN, FOG_PIN, signOps, FOG_MAX_ON_MS));
  }

  @Test
  void aLampWhoseDeclarationDidNotChangeStaysLitThroughAnApplyWhileAChangedOneGoesSafe()
      throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      bench.config().awaitState(watch, 0);
      switchOn(watch, "lamp");
      switchOn(watch, "sign");
      int litAt = pinLog().size();

      // the light sensor's period changes, and so does the sign's safety entry; not the lamp
      String next = installation("200ms", "on, off, pulse");
      bench.config().send(1, next);
      assertThat(bench.config().awaitResult(watch, 1).get("status").asText()).isEqualTo("applied");

      List<String> since = pinLog().subList(litAt, pinLog().size());
      assertThat(since).as("the lamp's pin was not driven during the apply")
          .noneMatch(l -> l.contains("pin " + LAMP_PIN + ":"));
      assertThat(since).as("the changed sign went to its safe level")
          .anyMatch(l -> l.contains("pin " + SIGN_PIN + ": low"));

      List<JsonNode> lamp = statesSinceOn(watch, "lamp");
      assertThat(lamp).as("the lamp's retained state never said safe").noneMatch(s -> s.get("safe").asBoolean());
      assertThat(lamp).anySatisfy(s -> {
        assertThat(s.get("cause").asText()).isEqualTo("reload");
        assertThat(s.get("level").asDouble()).isEqualTo(1.0);
      });
      assertThat(statesSinceOn(watch, "sign")).as("the sign's state went safe")
          .anyMatch(s -> s.get("safe").asBoolean() && s.get("level").asDouble() == 0.0);
      JsonNode retained = bench.config().retainedState("lamp");
      assertThat(retained.get("level").asDouble()).isEqualTo(1.0);
    }
  }

  @Test
  void anApplyWithTheSessionKeptPublishesOneStatePerActuatorReloadForKeptAndChangedStartupForAdded()
      throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      bench.config().awaitState(watch, 0);
      switchOn(watch, "lamp");
      switchOn(watch, "sign");
      Map<String, Integer> before = new java.util.HashMap<>();
      for (String a : List.of("lamp", "sign", "fog", "beacon")) {
        before.put(a, watch.messagesOn(bench.config().stateTopic(a)).size());
      }

      // same uplink (the session is kept); lamp and fog kept, sign changed, beacon added
      String next = installation("500ms", "on, off, pulse")
          .replace("devices:\n", "devices:\n  - {id: beacon, driver: led, pin: 20}\n")
          .replace("  actuators:\n", "  actuators:\n    beacon: {kind: light, operations: [on, off]}\n");
      bench.config().send(1, next);
      assertThat(bench.config().awaitResult(watch, 1).get("status").asText()).isEqualTo("applied");

      assertOneState(watch, before, "lamp", "reload", 1.0);
      assertOneState(watch, before, "fog", "reload", 0.0);
      assertOneState(watch, before, "sign", "reload", 0.0);
      assertOneState(watch, before, "beacon", "startup", 0.0);

      // the next apply keeps sign as the last one left it (its state came from the generation
      // before) and drops beacon: sign is kept, not added; a pulse running on it ends at its
      // safe level, and that is its one state too
      pulseOn(watch, "sign", Duration.ofMinutes(5));
      for (String a : List.of("lamp", "sign", "fog")) {
        before.put(a, watch.messagesOn(bench.config().stateTopic(a)).size());
      }
      bench.config().send(2, installation("500ms", "on, off, pulse"));
      assertThat(bench.config().awaitResult(watch, 2).get("status").asText()).isEqualTo("applied");
      assertOneState(watch, before, "sign", "reload", 0.0);
      assertOneState(watch, before, "lamp", "reload", 1.0);
    }
  }

  /** {@code actuator} got exactly one state since {@code before}: {@code cause} at {@code level}. */
  private void assertOneState(MqttTestSubscriber watch, Map<String, Integer> before, String actuator,
      String cause, double level) {
    List<ReceivedMessage> all = watch.messagesOn(bench.config().stateTopic(actuator));
    List<JsonNode> since = all.subList(before.get(actuator), all.size()).stream()
        .map(ConfigTopics::parse).toList();
    assertThat(since).as("states of %s during the apply", actuator).hasSize(1);
    assertThat(since.get(0).get("cause").asText()).as("cause of %s", actuator).isEqualTo(cause);
    assertThat(since.get(0).get("level").asDouble()).as("level of %s", actuator).isEqualTo(level);
  }

  @Test
  void aKeptLampsMaxOnTimeStillEndsItOnTimeAfterTheApply() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      bench.config().awaitState(watch, 0);
      JsonNode on = switchOn(watch, "fog");
      long onAt = on.get("ts").asLong();
      // a good part of the max on-time is used before the apply: a watchdog armed afresh by the
      // apply would keep the fog on at least this much longer than its max on-time
      long usedBefore = 3_000;
      Awaitility.await().atMost(WAIT).until(() -> System.currentTimeMillis() - onAt >= usedBefore);

      bench.config().send(1, installation("200ms", "on, off"));
      bench.config().awaitOnline(watch, n -> n.get("config_version").asLong() == 1);

      ReceivedMessage cut = watch.awaitMessage(m -> m.topic().equals(PREFIX + "/fog/state")
          && parse(m).get("cause").asText().equals("max_on_time"), WAIT);
      long onFor = parse(cut).get("ts").asLong() - onAt;
      assertThat(onFor).as("on for %d ms of a max on-time of %d ms", onFor, FOG_MAX_ON_MS)
          .isBetween(FOG_MAX_ON_MS - 500, FOG_MAX_ON_MS + usedBefore - 500);
      assertThat(statesSinceOn(watch, "fog")).as("kept through the apply, not reset")
          .anySatisfy(s -> assertThat(s.get("cause").asText()).isEqualTo("reload"));
      assertThat(pinLog()).as("the fog's pin went low once, at the cut")
          .filteredOn(l -> l.contains("pin " + FOG_PIN + ": low")).hasSize(2); // at open, at the cut
    }
  }

  @Test
  void aFileWhoseGatewayDoesNotStartGivesNoOutputAFreshOnTimeAllowance() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      bench.config().awaitState(watch, 0);
      switchOn(watch, "fog");
      watch.awaitMessage(m -> m.topic().equals(PREFIX + "/fog/state")
          && parse(m).get("cause").asText().equals("max_on_time"), WAIT);

      // validates, but its gateway cannot start: the dashboard token cannot be resolved
      String failing = installation("500ms", "on, off").replace("port: " + bench.httpPort() + "}",
          "port: " + bench.httpPort() + ", token: {env: STREETSENSE_NO_SUCH_TOKEN_VARIABLE}}");
      bench.config().send(1, failing);
      assertThat(bench.config().awaitResult(watch, 1).get("reason").asText()).contains("did not start");

      JsonNode again = answer(watch, "fog", "on-after-rollback");
      assertThat(again.get("status").asText()).isEqualTo("rejected");
      assertThat(again.get("reason").asText()).as("the cool-down of the cut still runs")
          .isEqualTo("cool_down");
      assertThat(pinLog()).as("the fog's pin went high once").filteredOn(
          l -> l.contains("pin " + FOG_PIN + ": high")).hasSize(1);
    }
  }

  /** Sends one command with {@code id} until its answer arrives (a repeated id is answered again). */
  private JsonNode answer(MqttTestSubscriber watch, String actuator, String id) throws Exception {
    MqttClient sender = new MqttClient(bench.broker().url(), "answer-" + System.nanoTime(), new MemoryPersistence());
    sender.connect();
    try {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        MqttMessage m = new MqttMessage(("{\"id\":\"" + id + "\",\"op\":\"on\"}")
            .getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        sender.publish(PREFIX + "/" + actuator + "/command", m);
        try {
          return parse(watch.awaitMessage(r -> r.topic().equals(PREFIX + "/" + actuator + "/result")
              && parse(r).path("id").asText().equals(id), Duration.ofSeconds(2)));
        } catch (AssertionError | RuntimeException notYet) {
          // not subscribed yet: send again
        }
      }
      throw new AssertionError("no answer to " + id + " from " + actuator);
    } finally {
      sender.disconnect();
      sender.close();
    }
  }

  @Test
  void aRollbackTakesTheSamePathAndTheLampStaysLitThroughTheApplyAndTheRollback() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      bench.config().awaitState(watch, 0);
      switchOn(watch, "lamp");
      int litAt = pinLog().size();

      // validates, but names a chip that is not wired: the health gate rolls it back
      String unwired = installation("500ms", "on, off")
          .replace("devices:\n", "devices:\n  - {id: air, driver: bme280, address: 0x76, period: 500ms}\n");
      bench.config().send(1, unwired);
      JsonNode result = bench.config().awaitResult(watch, 1);
      assertThat(result.get("status").asText()).isEqualTo("rolled_back");
      // the session (and its boot) is kept (decision 0365): the birth after the rollback is the
      // first online state without the unwired chip after one that named it
      bench.config().awaitOnline(watch, n -> n.get("devices").toString().contains("air"));
      bench.config().awaitOnline(watch, n -> n.get("config_version").asLong() == 0
          && !n.get("devices").toString().contains("air") && watch.messagesOn(PREFIX + "/state").stream()
              .map(ConfigTopics::parse).anyMatch(s -> s.get("devices").toString().contains("air")
                  && s.get("ts").asLong() < n.get("ts").asLong()));

      assertThat(pinLog().subList(litAt, pinLog().size()))
          .as("the lamp's pin was not driven by the apply nor by the rollback")
          .noneMatch(l -> l.contains("pin " + LAMP_PIN + ":"));
      assertThat(statesSinceOn(watch, "lamp")).noneMatch(s -> s.get("safe").asBoolean())
          .filteredOn(s -> s.get("cause").asText().equals("reload")).hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void anActuatorRemovedByAnApplyOrARollbackLeavesNoRetainedStateAfterItsFinalSafeOne()
      throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      bench.config().awaitState(watch, 0);
      switchOn(watch, "lamp");
      switchOn(watch, "sign");
      assertThat(bench.config().retainedMessages()).containsKey(bench.config().stateTopic("sign"));

      // the sign is taken out of the file: its device and its safety entry
      String withoutSign = installation("500ms", "on, off")
          .replace("  - {id: sign, driver: led, pin: " + SIGN_PIN + "}\n", "")
          .replace("    sign: {kind: light, operations: [on, off]}\n", "");
      bench.config().send(1, withoutSign);
      assertThat(bench.config().awaitResult(watch, 1).get("status").asText()).isEqualTo("applied");
      assertClearedAfterItsSafeState(watch, "sign");

      // a beacon comes with a chip that is not wired: the rollback removes the beacon again
      String withBeacon = withoutSign
          .replace("devices:\n", "devices:\n  - {id: air, driver: bme280, address: 0x76, period: 500ms}\n"
              + "  - {id: beacon, driver: led, pin: " + SIGN_PIN + "}\n")
          .replace("  actuators:\n", "  actuators:\n    beacon: {kind: light, operations: [on, off]}\n");
      bench.config().send(2, withBeacon);
      bench.config().awaitOnline(watch, n -> n.get("config_version").asLong() == 2);
      watch.awaitMessage(r -> r.topic().equals(bench.config().stateTopic("beacon")) && r.payload().length > 0, WAIT);
      assertThat(bench.config().awaitResult(watch, 2).get("status").asText()).isEqualTo("rolled_back");
      assertClearedAfterItsSafeState(watch, "beacon");

      // a latecomer sees the kept outputs and nothing of the removed ones; sensors (the light,
      // the unwired air chip) never leave retained messages
      Map<String, String> retained = bench.config().retainedMessages();
      assertThat(retained.keySet()).containsExactlyInAnyOrder(PREFIX + "/state", bench.config().resultTopic(),
          bench.config().stateTopic("lamp"), bench.config().stateTopic("fog"));
      assertThat(bench.config().retainedState("lamp").get("level").asDouble()).isEqualTo(1.0);
      assertThat(bench.gateway().isAlive()).isTrue();
    }
  }

  /**
   * The state topic of {@code actuator} was cleared (an empty message) after a last state that
   * said safe with cause {@code reload}, and nothing came after the clear.
   */
  private void assertClearedAfterItsSafeState(MqttTestSubscriber watch, String actuator)
      throws Exception {
    String topic = bench.config().stateTopic(actuator);
    watch.awaitMessage(r -> r.topic().equals(topic) && r.payload().length == 0, WAIT);
    List<ReceivedMessage> states = watch.messagesOn(topic);
    assertThat(states.get(states.size() - 1).payload()).as("the clear is the last message on " + topic)
        .isEmpty();
    JsonNode last = parse(states.get(states.size() - 2));
    assertThat(last.get("safe").asBoolean()).as("final state before the clear: %s", last).isTrue();
    assertThat(last.get("cause").asText()).isEqualTo("reload");
    assertThat(bench.config().retainedMessages()).doesNotContainKey(topic);
  }

  /** Lines of the process's log about simulated output pins, in order. */
  private List<String> pinLog() {
    return bench.gateway().stderr().lines().filter(l -> l.contains("simulated output pin ")).toList();
  }

  /** Sends {@code on} to {@code actuator} until it is answered; its state saying level 1. */
  private JsonNode switchOn(MqttTestSubscriber watch, String actuator) throws Exception {
    MqttClient sender = new MqttClient(bench.broker().url(), "keep-it-" + System.nanoTime(), new MemoryPersistence());
    sender.connect();
    try {
      long deadline = System.nanoTime() + WAIT.toNanos();
      int n = 0;
      // the gateway subscribes to commands once connected; send again until one is answered
      while (watch.messagesOn(PREFIX + "/" + actuator + "/result").isEmpty() && System.nanoTime() < deadline) {
        MqttMessage m = new MqttMessage(("{\"id\":\"on-" + actuator + "-" + (++n) + "\",\"op\":\"on\"}")
            .getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        sender.publish(PREFIX + "/" + actuator + "/command", m);
        try {
          watch.awaitMessage(r -> r.topic().equals(PREFIX + "/" + actuator + "/result"), Duration.ofSeconds(2));
        } catch (AssertionError | RuntimeException notYet) {
          // not subscribed yet
        }
      }
    } finally {
      sender.disconnect();
      sender.close();
    }
    return parse(watch.awaitMessage(r -> r.topic().equals(PREFIX + "/" + actuator + "/state")
        && parse(r).get("level").asDouble() == 1.0, WAIT));
  }

  /**
   * Starts a pulse of {@code length} on {@code actuator} (the gateway already takes commands) and
   * waits for its state saying level 1.
   */
  private void pulseOn(MqttTestSubscriber watch, String actuator, Duration length) throws Exception {
    String id = "pulse-" + actuator + "-" + System.nanoTime();
    int states = watch.messagesOn(bench.config().stateTopic(actuator)).size();
    MqttClient sender = new MqttClient(bench.broker().url(), "keep-it-" + System.nanoTime(), new MemoryPersistence());
    sender.connect();
    try {
      MqttMessage m = new MqttMessage(("{\"id\":\"" + id + "\",\"op\":\"pulse\",\"value\":1,"
          + "\"duration_ms\":" + length.toMillis() + "}").getBytes(StandardCharsets.UTF_8));
      m.setQos(1);
      sender.publish(PREFIX + "/" + actuator + "/command", m);
    } finally {
      sender.disconnect();
      sender.close();
    }
    Awaitility.await().atMost(WAIT).until(() -> {
      List<ReceivedMessage> all = watch.messagesOn(bench.config().stateTopic(actuator));
      return all.subList(states, all.size()).stream()
          .anyMatch(r -> parse(r).get("level").asDouble() == 1.0 && parse(r).get("cause").asText().equals(id));
    });
  }

  /** States of {@code actuator} from the first that said level 1 on. */
  private static List<JsonNode> statesSinceOn(MqttTestSubscriber watch, String actuator) {
    List<JsonNode> all = watch.messagesOn(PREFIX + "/" + actuator + "/state").stream()
        .map(ConfigTopics::parse).toList();
    int first = 0;
    while (first < all.size() && all.get(first).get("level").asDouble() != 1.0) {
      first++;
    }
    return all.subList(first, all.size());
  }
}
