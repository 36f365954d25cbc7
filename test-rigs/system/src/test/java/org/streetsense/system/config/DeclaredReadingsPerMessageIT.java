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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * {@code uplink.mqtt.readingsPerMessage}, seen at an MQTT subscriber: a gateway process (the
 * unit's JVM options) with {@code readingsPerMessage: 2} and a BME280, whose every sample gives
 * three readings of one device at once, publishes them as JSON arrays of at most two readings;
 * a second gateway without the key publishes one object per reading. A third, with
 * {@code readingsPerMessage: 500} and an MCP3008 at 800 readings/s, starts while its broker is
 * not there yet: the backlog it then replays at the default pace (1,000/s over live data) still
 * goes out in full arrays, not a few readings per message.
 */
@Timeout(180)
class DeclaredReadingsPerMessageIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MosquittoServer broker;
  private static MqttTestSubscriber watcher;
  private static GatewayProcess batched;
  private static GatewayProcess plain;
  private static GatewayProcess backlog;
  /** Built (its port chosen) but started only once the backlog gateway has spooled a while. */
  private static MosquittoServer late;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    broker = MosquittoServer.anonymous();
    broker.start();
    watcher = MqttTestSubscriber.connect(broker.url(), "streetsense/v1/#");
    late = MosquittoServer.anonymous();
    batched = start("batched", "readingsPerMessage: 2, ", BME280, broker.url());
    plain = start("plain", "", BME280, broker.url());
    backlog = start("backlog", "readingsPerMessage: 500, ", MCP3008, late.url());
  }

  private static final String BME280 =
      "  - {id: air, driver: bme280, address: 0x76, period: 200ms}\n";
  private static final String MCP3008 = """
        - id: fast
          driver: mcp3008
          spi: {bus: 0, cs: 0}
          period: 10ms
          channels: {c0: {index: 0}, c1: {index: 1}, c2: {index: 2}, c3: {index: 3},
                     c4: {index: 4}, c5: {index: 5}, c6: {index: 6}, c7: {index: 7}}
      """;

  private static GatewayProcess start(String id, String key, String devices, String url)
      throws IOException {
    Path file = Files.writeString(dir.resolve(id + ".yaml"), """
        installation: %s
        site: Readings per message bench
        hardware: {backend: simulated, seed: 3}
        devices:
        %s
        uplink:
          mqtt: {%surl: %s}
        spool: {dir: %s}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(id, devices.stripTrailing(), key, url, dir.resolve(id + "-spool"),
            FreePorts.next()));
    return GatewayProcess.startAsUnit("run", "--config", file.toString()).awaitRunning(WAIT);
  }

  @AfterAll
  static void stop() {
    for (GatewayProcess g : new GatewayProcess[] {batched, plain, backlog}) {
      if (g != null) {
        g.close();
      }
    }
    if (watcher != null) {
      watcher.close();
    }
    for (MosquittoServer b : new MosquittoServer[] {broker, late}) {
      if (b != null) {
        b.close();
      }
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

  @Test
  void aBacklogReplayedAtTheDefaultPaceGoesOutInFullArrays() throws Exception {
    Path segments = dir.resolve("backlog-spool").resolve("telemetry");
    await("the backlog gateway spools about 6,000 readings").atMost(WAIT)
        .pollInterval(Duration.ofMillis(200)).until(() -> spooledBytes(segments) > 240_000);
    late.start();
    try (MqttTestSubscriber sub = MqttTestSubscriber.connect(late.url(),
        "streetsense/v1/backlog/fast/reading")) {
      await("8,000 readings of the backlog").atMost(Duration.ofSeconds(60))
          .until(() -> readingsIn(sub.messages()) >= 8_000);
      List<JsonNode> arrays = sub.messages().stream().map(this::json).toList();

      assertThat(arrays).allMatch(a -> a.isArray() && a.size() <= 500, "arrays of at most 500");
      // without waiting for a full message's tokens, the paced part went out 1-3 per message
      assertThat(readingsIn(sub.messages()) / arrays.size())
          .as("readings per message, in %d messages", arrays.size()).isGreaterThanOrEqualTo(100);
    }
  }

  private int readingsIn(List<ReceivedMessage> messages) {
    return messages.stream().mapToInt(m -> json(m).size()).sum();
  }

  private static long spooledBytes(Path segments) {
    if (!Files.isDirectory(segments)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(segments)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private JsonNode json(ReceivedMessage m) {
    try {
      return JSON.readTree(m.payload());
    } catch (IOException e) {
      throw new UncheckedIOException(m.topic() + ": " + m.text(), e);
    }
  }
}
