package org.streetsense.system.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * {@code uplink.mqtt.readingsPerMessage}, seen at an MQTT subscriber: a gateway process (the
 * unit's JVM options) with {@code readingsPerMessage: 2} and a BME280, whose every sample gives
 * three readings of one device at once, publishes them as JSON arrays of at most two readings;
 * a second gateway without the key publishes one object per reading.
 */
@Timeout(180)
class DeclaredReadingsPerMessageIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MosquittoServer broker;
  private static MqttTestSubscriber watcher;
  private static GatewayProcess batched;
  private static GatewayProcess plain;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("streetsense-per-message-");
    broker = MosquittoServer.anonymous();
    broker.start();
    watcher = MqttTestSubscriber.connect(broker.url(), "streetsense/v1/#");
    batched = start(dir, "batched", "readingsPerMessage: 2, ");
    plain = start(dir, "plain", "");
  }

  private static GatewayProcess start(Path dir, String id, String key) throws IOException {
    Path file = Files.writeString(dir.resolve(id + ".yaml"), """
        installation: %s
        site: Readings per message bench
        hardware: {backend: simulated, seed: 3}
        devices:
          - {id: air, driver: bme280, address: 0x76, period: 200ms}
        uplink:
          mqtt: {%surl: %s}
        spool: {dir: %s}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(id, key, broker.url(), dir.resolve(id + "-spool"), FreePorts.next()));
    GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", file.toString());
    await(id + " runs").atMost(WAIT)
        .until(() -> !gateway.isAlive() || gateway.stdout().contains("Stop with SIGTERM"));
    if (!gateway.isAlive()) {
      throw new IllegalStateException("the gateway ended at start:\n" + gateway.stderr());
    }
    return gateway;
  }

  @AfterAll
  static void stop() {
    for (GatewayProcess g : new GatewayProcess[] {batched, plain}) {
      if (g != null) {
        g.close();
      }
    }
    if (watcher != null) {
      watcher.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void readingsOfOneSampleArriveInArraysOfAtMostTheDeclaredCount() {
    String topic = "streetsense/v1/batched/air/reading";
    await("ten reading messages of the batched gateway").atMost(WAIT)
        .until(() -> watcher.messagesOn(topic).size() >= 10);
    List<JsonNode> messages = watcher.messagesOn(topic).stream().map(this::json).toList();

    assertThat(messages).allMatch(JsonNode::isArray, "every reading message is an array");
    assertThat(messages).allMatch(a -> a.size() >= 1 && a.size() <= 2, "one or two readings");
    assertThat(messages).anyMatch(a -> a.size() == 2, "two readings share a message");
    Set<String> channels = new HashSet<>();
    messages.forEach(a -> a.forEach(r -> {
      assertThat(r.get("device").asText()).isEqualTo("air");
      channels.add(r.get("channel").asText());
    }));
    assertThat(channels).containsExactlyInAnyOrder("temperature", "humidity", "pressure");
  }

  @Test
  void withoutTheKeyEveryReadingIsOneObject() {
    String topic = "streetsense/v1/plain/air/reading";
    await("ten reading messages of the plain gateway").atMost(WAIT)
        .until(() -> watcher.messagesOn(topic).size() >= 10);

    assertThat(watcher.messagesOn(topic).stream().map(this::json))
        .allMatch(JsonNode::isObject, "one object per reading");
  }

  private JsonNode json(ReceivedMessage m) {
    try {
      return JSON.readTree(m.payload());
    } catch (IOException e) {
      throw new UncheckedIOException(m.topic() + ": " + m.text(), e);
    }
  }
}
