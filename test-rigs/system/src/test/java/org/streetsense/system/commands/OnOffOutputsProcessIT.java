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
 * Issue 14, item 3, against the running jar and a real Mosquitto: an on/off output (a led, a
 * relay) refuses a fractional level from MQTT and from OSC ({@code oscsend}) with
 * {@code out_of_range} and a detail naming it an on/off output, and its retained state stays the
 * startup level; a dimmable led on a hardware-PWM pin takes the same level.
 */
class OnOffOutputsProcessIT {

  private static final String PREFIX = "streetsense/v1/on-off-bench/";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  @Timeout(180)
  void fractionalLevelsAreRefusedByOnOffOutputsAndTakenByADimmableLed() throws Exception {
    int oscPort = FreePorts.next();
    try (MosquittoServer broker = MosquittoServer.anonymous()) {
      broker.start();
      Path config = writeConfig(broker.url(), oscPort);
      try (MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "+/result");
           MqttTestSubscriber states = MqttTestSubscriber.connect(broker.url(), PREFIX + "+/state");
           GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString())) {
        MqttAsyncClient sender = CommandRoundTripIT.connectSender(broker.url());
        try {
          await("the gateway answers commands").atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofSeconds(1))
              .failFast("the gateway exited: " + gateway.stdout(), () -> !gateway.isAlive())
              .until(() -> {
                send(sender, "lamp", "{\"id\":\"half-" + System.nanoTime() + "\",\"op\":\"set\",\"value\":0.5}");
                return !answers(results, r -> r.path("actuator").asText().equals("lamp")).isEmpty();
              });
          JsonNode lamp = answers(results, r -> r.path("actuator").asText().equals("lamp")).get(0);
          assertThat(lamp.path("status").asText()).isEqualTo("rejected");
          assertThat(lamp.path("reason").asText()).isEqualTo("out_of_range");
          assertThat(lamp.path("detail").asText()).contains("'lamp'", "on/off output");

          run("oscsend", "127.0.0.1", Integer.toString(oscPort), "/streetsense/fan/set", "f", "0.3");
          await("the OSC set on the relay is answered").atMost(WAIT).until(() ->
              !answers(results, r -> r.path("actuator").asText().equals("fan")).isEmpty());
          JsonNode fan = answers(results, r -> r.path("actuator").asText().equals("fan")).get(0);
          assertThat(fan.path("id").asText()).startsWith("osc:");
          assertThat(fan.path("reason").asText()).isEqualTo("out_of_range");
          assertThat(fan.path("detail").asText()).contains("'fan'", "on/off output");

          send(sender, "glow", "{\"id\":\"glow-half\",\"op\":\"set\",\"value\":0.5}");
          await("the dimmable led takes 0.5").atMost(WAIT).until(() -> states.messagesOn(PREFIX + "glow/state")
              .stream().map(CommandRoundTripIT::json).anyMatch(s -> s.path("level").asDouble() == 0.5));

          for (String actuator : List.of("lamp", "fan")) {
            JsonNode retained = retainedState(broker, actuator);
            assertThat(retained.path("level").asDouble()).as(actuator).isZero();
            assertThat(retained.path("cause").asText()).as(actuator).isEqualTo("startup");
          }
          assertThat(states.messagesOn(PREFIX + "lamp/state")).map(CommandRoundTripIT::json)
              .allMatch(s -> s.path("level").asDouble() == 0.0);
        } finally {
          if (sender.isConnected()) {
            sender.disconnect().waitForCompletion(10_000);
          }
          sender.close();
        }
      }
    }
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

  private static void send(MqttAsyncClient sender, String actuator, String payload) throws Exception {
    sender.publish(PREFIX + actuator + "/command", payload.getBytes(StandardCharsets.UTF_8), 1, false)
        .waitForCompletion(10_000);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("%s ends", command[0]).isTrue();
    assertThat(p.exitValue()).as("%s exit code", command[0]).isZero();
  }

  private Path writeConfig(String brokerUrl, int oscPort) throws IOException {
    Path file = dir.resolve("on-off-bench.yaml");
    Files.writeString(file, """
        installation: on-off-bench
        site: System test bench
        hardware: {backend: simulated, seed: 7}
        devices:
          - {id: lamp, driver: led, pin: 17, safeState: off}
          - {id: fan, driver: relay, pin: 23, safeState: off}
          - {id: glow, driver: led, pin: 18, options: {dimmable: true}}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        safety:
          actuators:
            lamp: {kind: light, operations: [set, on, off], ratePerMinute: 600}
            fan: {kind: switch, operations: [set, on, off]}
            glow: {kind: light, operations: [set, fade]}
        osc:
          prefix: /streetsense
          listen: {host: 127.0.0.1, port: %d}
        """.formatted(brokerUrl, dir.resolve("spool"), FreePorts.next(), oscPort));
    return file;
  }
}
