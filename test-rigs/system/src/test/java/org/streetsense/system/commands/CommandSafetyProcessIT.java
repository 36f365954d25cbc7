package org.streetsense.system.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Issue 13, items 1 and 2, against the running jar ({@code run --config FILE} with the systemd
 * unit's JVM options) and a real Mosquitto, with real clients: {@code mosquitto_pub -r},
 * {@code oscsend} and a Paho sender. Safety is judged at the output, through the retained state
 * topics, and by the gateway's answers on the result topics.
 *
 * <p>One test, two gateway starts: a retained command waiting on the broker before the first
 * boot; re-sent {@code on} against the max on-time and its cool-down; an MQTT id in the OSC id
 * space and absurd OSC durations; then SIGKILL while an output is on and a second boot, after
 * which every retained state is the output's (safe) level and the retained command is refused
 * again; and a restart of the broker, which forgets retained messages, after which the gateway
 * publishes them again.
 */
class CommandSafetyProcessIT {

  private static final String PREFIX = "streetsense/v1/safety-bench/";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  @Timeout(240)
  void limitsHoldAndCommandsCannotBeReplayedOrForgedIntoSilence() throws Exception {
    int oscPort = FreePorts.next();
    try (MosquittoServer broker = MosquittoServer.anonymous()) {
      broker.start();
      Path config = writeConfig(broker.url(), oscPort);
      run("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()), "-q", "1", "-r",
          "-t", PREFIX + "lamp/command", "-m", "{\"id\":\"stale-1\",\"op\":\"on\"}");

      try (MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "+/result");
           MqttTestSubscriber states = MqttTestSubscriber.connect(broker.url(), PREFIX + "+/state")) {
        MqttAsyncClient sender = CommandRoundTripIT.connectSender(broker.url());
        try {
          try (GatewayProcess first = GatewayProcess.startAsUnit("run", "--config", config.toString())) {
            retainedCommandIsRefusedAtBoot(results, states, 1, first);
            onResentEveryOneAndAHalfSecondsCannotKeepTheLampOn(sender, results, states);
            anMqttIdInTheOscSpaceDoesNotSilenceOscAndOscDurationsAreCapped(sender, results, states, oscPort);
            first.kill();
            first.awaitExit(Duration.ofSeconds(20));
          }
          assertThat(retainedState(broker, "glow").path("safe").asBoolean())
              .as("killed with glow on: the broker still says on").isFalse();

          try (GatewayProcess second = GatewayProcess.startAsUnit("run", "--config", config.toString())) {
            retainedCommandIsRefusedAtBoot(results, states, 2, second);
            retainedStatesAreTheSafeStartupLevels(broker);

            broker.restart(); // not persistent: the broker forgets every retained message
            retainedStatesAreTheSafeStartupLevels(broker);
            assertThat(second.isAlive()).isTrue();
          }
        } finally {
          if (sender.isConnected()) {
            sender.disconnect().waitForCompletion(10_000);
          }
          sender.close();
        }
      }
    }
  }

  /** After a restart of the gateway, or of a broker that lost them, once the gateway is connected. */
  private static void retainedStatesAreTheSafeStartupLevels(MosquittoServer broker) {
    for (String actuator : List.of("glow", "lamp")) {
      await(actuator + ": the retained state is the output's safe startup level").atMost(WAIT)
          .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            JsonNode s = retainedState(broker, actuator);
            return s.path("safe").asBoolean() && s.path("cause").asText().equals("startup");
          });
    }
  }

  private static void retainedCommandIsRefusedAtBoot(MqttTestSubscriber results, MqttTestSubscriber states,
      int boot, GatewayProcess gateway) {
    await("boot " + boot + ": the retained command is answered").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100)).failFast("the gateway exited: " + gateway.stdout(), () -> !gateway.isAlive())
        .until(() -> answers(results, r -> r.path("id").asText().equals("stale-1")).size() >= boot);
    for (JsonNode r : answers(results, r -> r.path("id").asText().equals("stale-1"))) {
      assertThat(r.path("status").asText()).isEqualTo("rejected");
      assertThat(r.path("reason").asText()).isEqualTo("retained");
    }
    assertThat(stateMessages(states, "lamp")).noneMatch(s -> s.path("cause").asText().equals("stale-1"));
  }

  private static void onResentEveryOneAndAHalfSecondsCannotKeepTheLampOn(MqttAsyncClient sender,
      MqttTestSubscriber results, MqttTestSubscriber states) {
    AtomicInteger n = new AtomicInteger();
    await("the lamp is cut off while 'on' keeps coming every 1.5 s").atMost(WAIT)
        .pollInterval(Duration.ofMillis(1500)).until(() -> {
          send(sender, "lamp", "{\"id\":\"on-" + n.incrementAndGet() + "\",\"op\":\"on\"}");
          return stateMessages(states, "lamp").stream().anyMatch(s -> s.path("cause").asText().equals("max_on_time"));
        });
    assertThat(n.get()).as("more than one 'on' was sent before the cut").isGreaterThan(1);
    int cutAt = indexOfCut(states);
    JsonNode cut = stateMessages(states, "lamp").get(cutAt);
    assertThat(cut.path("safe").asBoolean()).isTrue();
    assertThat(cut.path("cool_down_until").asLong()).as("the state says why and until when")
        .isGreaterThan(cut.path("ts").asLong());

    AtomicInteger cooling = new AtomicInteger();
    Predicate<JsonNode> coolingAnswer = a -> a.path("id").asText().startsWith("cooling-");
    await("three more 'on', 1.5 s apart, are answered").atMost(WAIT).pollInterval(Duration.ofMillis(1500)).until(() -> {
      if (cooling.get() < 3) {
        send(sender, "lamp", "{\"id\":\"cooling-" + cooling.incrementAndGet() + "\",\"op\":\"on\"}");
      }
      return answers(results, coolingAnswer).size() == 3;
    });
    for (JsonNode r : answers(results, coolingAnswer)) {
      assertThat(r.path("status").asText()).isEqualTo("rejected");
      assertThat(r.path("reason").asText()).isEqualTo("cool_down");
      assertThat(r.path("detail").asText()).contains("'lamp' reached its max on-time of 2000 ms");
    }
    List<JsonNode> after = stateMessages(states, "lamp").subList(cutAt, stateMessages(states, "lamp").size());
    assertThat(after).as("the lamp stayed safe through the cool-down").allMatch(s -> s.path("safe").asBoolean());
  }

  private static void anMqttIdInTheOscSpaceDoesNotSilenceOscAndOscDurationsAreCapped(MqttAsyncClient sender,
      MqttTestSubscriber results, MqttTestSubscriber states, int oscPort) throws Exception {
    send(sender, "glow", "{\"id\":\"osc:1\",\"op\":\"set\",\"value\":0.9}");
    JsonNode forged = await().atMost(WAIT).until(() -> answers(results,
        r -> r.path("id").asText().equals("osc:1") && r.path("actuator").asText().equals("glow")), l -> !l.isEmpty()).get(0);
    assertThat(forged.path("status").asText()).isEqualTo("rejected");
    assertThat(forged.path("reason").asText()).isEqualTo("reserved_id");

    run("oscsend", "127.0.0.1", Integer.toString(oscPort), "/streetsense/glow/set", "f", "1.0");
    await("the first OSC command runs").atMost(WAIT).until(() -> stateMessages(states, "glow").stream()
        .anyMatch(s -> s.path("cause").asText().startsWith("osc:") && !s.path("safe").asBoolean()));

    run("oscsend", "127.0.0.1", Integer.toString(oscPort), "/streetsense/glow/pulse", "ff", "1.0", "1e30");
    run("oscsend", "127.0.0.1", Integer.toString(oscPort), "/streetsense/glow/pulse", "fi", "1.0", "2147483647");
    run("oscsend", "127.0.0.1", Integer.toString(oscPort), "/streetsense/glow/fade", "fi", "1.0", "-5");
    run("oscsend", "127.0.0.1", Integer.toString(oscPort), "/streetsense/glow/pulse", "f", "1e30");
    await("the absurd pulses are refused").atMost(WAIT).until(() -> answers(results,
        r -> r.path("actuator").asText().equals("glow") && r.path("id").asText().startsWith("osc:")
            && r.path("status").asText().equals("rejected") && !r.path("reason").asText().equals("reserved_id")).size() == 3);
    List<String> reasons = answers(results, r -> r.path("actuator").asText().equals("glow")
        && r.path("id").asText().startsWith("osc:") && r.path("status").asText().equals("rejected")
        && !r.path("reason").asText().equals("reserved_id")).stream().map(r -> r.path("reason").asText()).toList();
    assertThat(reasons).containsExactly("duration_too_long", "duration_too_long", "out_of_range");
    assertThat(stateMessages(states, "glow")).as("the refused pulses changed nothing")
        .allMatch(s -> s.path("cause").asText().equals("startup")
            || s.path("cause").asText().matches("osc:\\d+\\.1"));
  }

  private static int indexOfCut(MqttTestSubscriber states) {
    List<JsonNode> lamp = stateMessages(states, "lamp");
    for (int i = 0; i < lamp.size(); i++) {
      if (lamp.get(i).path("cause").asText().equals("max_on_time")) {
        return i;
      }
    }
    throw new AssertionError("no max_on_time state in " + lamp);
  }

  private static JsonNode retainedState(MosquittoServer broker, String actuator) {
    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(broker.url(), PREFIX + actuator + "/state")) {
      ReceivedMessage m = latecomer.awaitMessage(ReceivedMessage::retained, Duration.ofSeconds(10));
      return CommandRoundTripIT.json(m);
    }
  }

  private static List<JsonNode> answers(MqttTestSubscriber results, Predicate<JsonNode> condition) {
    return results.messages().stream().map(CommandRoundTripIT::json).filter(condition).toList();
  }

  private static List<JsonNode> stateMessages(MqttTestSubscriber states, String actuator) {
    return states.messagesOn(PREFIX + actuator + "/state").stream().map(CommandRoundTripIT::json).toList();
  }

  private static void send(MqttAsyncClient sender, String actuator, String payload) throws Exception {
    sender.publish(PREFIX + actuator + "/command", payload.getBytes(StandardCharsets.UTF_8), 1, false)
        .waitForCompletion(10_000);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("%s ends", command[0]).isTrue();
    assertThat(p.exitValue()).as("%s exit code; output: %s", command[0],
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
  }

  private Path writeConfig(String brokerUrl, int oscPort) throws IOException {
    Path file = dir.resolve("safety-bench.yaml");
    Files.writeString(file, """
        installation: safety-bench
        site: System test bench
        hardware: {backend: simulated, seed: 7}
        devices:
          - {id: lamp, driver: led, pin: 18, safeState: off}
          - {id: glow, driver: led, pin: 19, safeState: off}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        safety:
          maxDuration: 10s
          actuators:
            lamp: {kind: light, operations: [on, off], ratePerMinute: 600, maxOnTime: 2s, coolDown: 20s}
            glow: {kind: light, operations: [set, pulse, fade], ratePerMinute: 600}
        osc:
          prefix: /streetsense
          listen: {host: 127.0.0.1, port: %d}
        """.formatted(brokerUrl, dir.resolve("spool"), FreePorts.next(), oscPort));
    return file;
  }
}
