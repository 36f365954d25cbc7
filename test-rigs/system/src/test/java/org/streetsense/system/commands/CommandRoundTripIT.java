package org.streetsense.system.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.gateway.SimulatedGateway;

/**
 * Commands over a real Mosquitto to the demo installation's {@code lamp} (an LED) on the simulated
 * rig: answers on {@code .../lamp/result}, the retained state on {@code .../lamp/state}, refusals
 * with reasons, and idempotency by command id.
 */
@Timeout(120)
class CommandRoundTripIT {

  static final String PREFIX = "streetsense/v1/demo/";
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MosquittoServer broker;
  private static SimulatedGateway rig;
  private static int httpPort;
  private static MqttTestSubscriber results;
  private static MqttTestSubscriber states;
  private static MqttAsyncClient sender;

  @BeforeAll
  static void start() throws Exception {
    broker = MosquittoServer.anonymous();
    broker.start();
    Path dir = Files.createTempDirectory("streetsense-commands-");
    httpPort = FreePorts.next();
    rig = SimulatedGateway.start(DemoWithoutQuietHours.prepare(broker.port(), httpPort, dir));
    results = MqttTestSubscriber.connect(broker.url(), PREFIX + "+/result");
    states = MqttTestSubscriber.connect(broker.url(), PREFIX + "lamp/state");
    sender = connectSender(broker.url());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (sender != null) {
        sender.disconnect().waitForCompletion(10_000);
        sender.close();
      }
      if (results != null) {
        results.close();
      }
      if (states != null) {
        states.close();
      }
      if (rig != null) {
        rig.close();
      }
    } finally {
      broker.close();
    }
  }

  static MqttAsyncClient connectSender(String url) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(url, "system-test-sender", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(1000);
    client.connect(options).waitForCompletion(10_000);
    return client;
  }

  static void send(MqttAsyncClient client, String actuator, String payload) throws MqttException {
    client.publish(PREFIX + actuator + "/command", payload.getBytes(StandardCharsets.UTF_8), 1, false)
        .waitForCompletion(10_000);
  }

  @Test
  void onCommandIsAcceptedThenDoneAndTheStateIsRetained() throws Exception {
    send(sender, "lamp", "{\"id\":\"c1\",\"op\":\"on\"}");

    JsonNode accepted = awaitResult(r -> r.path("id").asText().equals("c1") && r.path("status").asText().equals("accepted"));
    JsonNode done = awaitResult(r -> r.path("id").asText().equals("c1") && r.path("status").asText().equals("done"));
    assertThat(accepted.path("actuator").asText()).isEqualTo("lamp");
    assertThat(accepted.path("correlation").asText()).isEqualTo("c1");
    assertThat(indexOf(accepted)).as("accepted before done").isLessThan(indexOf(done));

    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(broker.url(), PREFIX + "lamp/state")) {
      ReceivedMessage state = latecomer.awaitMessage(m -> json(m).path("cause").asText().equals("c1"), WAIT);
      assertThat(state.retained()).isTrue();
      JsonNode s = json(state);
      assertThat(s.path("level").asDouble()).isEqualTo(1.0);
      assertThat(s.path("safe").asBoolean()).isFalse();
    }
  }

  @Test
  void outOfRangeValueIsRefusedWithTheReasonAndNothingRuns() throws Exception {
    send(sender, "lamp", "{\"id\":\"c2\",\"op\":\"set\",\"value\":2.5}");

    JsonNode r = awaitResult(n -> n.path("id").asText().equals("c2"));
    assertThat(r.path("status").asText()).isEqualTo("rejected");
    assertThat(r.path("reason").asText()).isEqualTo("out_of_range");
    assertThat(r.path("detail").asText()).contains("2.5").contains("0..1");
    assertThat(states.messages()).noneMatch(m -> json(m).path("cause").asText().equals("c2"));
  }

  @Test
  void expiredCommandIsRefused() throws Exception {
    send(sender, "lamp", "{\"id\":\"c3\",\"op\":\"on\",\"expires\":1000}");

    JsonNode r = awaitResult(n -> n.path("id").asText().equals("c3"));
    assertThat(r.path("status").asText()).isEqualTo("rejected");
    assertThat(r.path("reason").asText()).isEqualTo("expired");
    assertThat(r.path("detail").asText()).contains("expired");
  }

  @Test
  void replayedIdIsAnsweredWithItsLatestResultAndNotExecutedAgain() throws Exception {
    send(sender, "lamp", "{\"id\":\"r1\",\"op\":\"off\"}");
    awaitResult(n -> n.path("id").asText().equals("r1") && n.path("status").asText().equals("done"));
    long duplicatesBefore = rig.gateway().commandStats().duplicateCount();

    send(sender, "lamp", "{\"id\":\"r1\",\"op\":\"on\"}");
    await().atMost(WAIT).until(() -> results.messages().stream().map(CommandRoundTripIT::json)
        .filter(n -> n.path("id").asText().equals("r1") && n.path("status").asText().equals("done")).count() == 2);
    assertThat(rig.gateway().commandStats().duplicateCount()).isEqualTo(duplicatesBefore + 1);
    assertThat(metricsText()).contains("streetsense_commands_duplicates_total{installation=\"demo\"} "
        + (double) (duplicatesBefore + 1));

    send(sender, "lamp", "{\"id\":\"r2\",\"op\":\"set\",\"value\":0.25}");
    awaitResult(n -> n.path("id").asText().equals("r2") && n.path("status").asText().equals("done"));
    assertThat(states.messages()).map(CommandRoundTripIT::json)
        .filteredOn(s -> s.path("cause").asText().equals("r1"))
        .as("the replay changed nothing").allMatch(s -> s.path("level").asDouble() == 0.0);
  }

  static JsonNode awaitResult(Predicate<JsonNode> condition) {
    return await("a result").atMost(WAIT).pollInterval(Duration.ofMillis(20))
        .until(() -> results.messages().stream().map(CommandRoundTripIT::json).filter(condition).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static int indexOf(JsonNode answer) {
    List<ReceivedMessage> all = results.messages();
    for (int i = 0; i < all.size(); i++) {
      if (json(all.get(i)).equals(answer)) {
        return i;
      }
    }
    return -1;
  }

  static JsonNode json(ReceivedMessage m) {
    try {
      return JSON.readTree(m.payload());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON on " + m.topic() + ": " + m.text(), e);
    }
  }

  /** The gateway's Prometheus text, fetched from loopback (where /metrics needs no token). */
  private static String metricsText() throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://127.0.0.1:" + httpPort + "/metrics")).timeout(WAIT).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }
}
