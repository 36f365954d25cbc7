package org.streetsense.system.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Issue 16, item 4, at the output of the running jar (the systemd unit's JVM options) on a real
 * Mosquitto: with a quiet window covering now, a light asked for full runs at its cap (the
 * retained state says the level, the result says {@code capped}), and a fog relay declared
 * {@code quietHours: block} is refused and stays safe.
 */
@Timeout(180)
class QuietHoursProcessIT {

  private static final String INSTALLATION = "quiet-bench";
  private static final String PREFIX = "streetsense/v1/" + INSTALLATION + "/";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private MosquittoServer broker;
  private GatewayProcess gateway;

  @BeforeEach
  void start() throws IOException {
    broker = MosquittoServer.anonymous();
    broker.start();
    gateway = GatewayProcess.startAsUnit("run", "--config", installation().toString());
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    broker.close();
  }

  @Test
  void aLightAskedForFullAtNightRunsAtItsCapAndABlockedFogMachineIsRefused() throws Exception {
    try (MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "+/+/result");
        MqttTestSubscriber fogResults = MqttTestSubscriber.connect(broker.url(), PREFIX + "fog/result")) {
      JsonNode accepted = command(results, "leds/ring", "{\"id\":\"full-1\",\"op\":\"on\"}");
      assertThat(accepted.path("status").asText()).as("%s", accepted).isEqualTo("accepted");
      assertThat(accepted.path("capped").asDouble()).isEqualTo(0.3);
      assertThat(accepted.path("detail").asText()).contains("capped at 0.3, asked 1");
      JsonNode done = json(results.awaitMessage(m -> json(m).path("id").asText().equals("full-1")
          && json(m).path("status").asText().equals("done"), WAIT));
      assertThat(done.path("capped").asDouble()).isEqualTo(0.3);

      JsonNode ring = retainedState("leds/ring", s -> s.path("cause").asText().equals("full-1"));
      assertThat(ring.path("level").asDouble()).as("the output, not the request: %s", ring).isEqualTo(0.3);
      assertThat(ring.path("safe").asBoolean()).isFalse();

      JsonNode halo = command(results, "leds/halo", "{\"id\":\"halo-1\",\"op\":\"on\"}");
      assertThat(halo.path("capped").asDouble()).as("its own quietLevel, not the section's light: %s", halo)
          .isEqualTo(0.5);
      assertThat(retainedState("leds/halo", s -> s.path("cause").asText().equals("halo-1"))
          .path("level").asDouble()).isEqualTo(0.5);

      JsonNode refused = command(fogResults, "fog", "{\"id\":\"fog-1\",\"op\":\"on\"}");
      assertThat(refused.path("status").asText()).as("%s", refused).isEqualTo("rejected");
      assertThat(refused.path("reason").asText()).isEqualTo("quiet_hours");
      assertThat(refused.path("detail").asText()).contains("'fog' is blocked");
      JsonNode fog = retainedState("fog", s -> true);
      assertThat(fog.path("safe").asBoolean()).as("%s", fog).isTrue();
      assertThat(fog.path("level").asDouble()).isZero();
    }
  }

  /**
   * Sends {@code payload} to the actuator's command topic until the gateway (which subscribes once
   * connected) answers it; returns the first answer to it.
   */
  private JsonNode command(MqttTestSubscriber results, String actuator, String payload) throws Exception {
    String id = JSON.readTree(payload).path("id").asText();
    MqttClient sender = new MqttClient(broker.url(), "quiet-it-" + id, new MemoryPersistence());
    sender.connect();
    try {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        sender.publish(PREFIX + actuator + "/command", m);
        try {
          return json(results.awaitMessage(r -> json(r).path("id").asText().equals(id), Duration.ofSeconds(2)));
        } catch (AssertionError | RuntimeException notYet) {
          // not subscribed yet: send again (a repeated id is answered, never run twice)
        }
      }
      throw new AssertionError("no answer to " + payload + "; gateway errors:\n" + gateway.stderr());
    } finally {
      sender.disconnect();
      sender.close();
    }
  }

  private JsonNode retainedState(String actuator, java.util.function.Predicate<JsonNode> condition) {
    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(broker.url(), PREFIX + actuator + "/state")) {
      return json(latecomer.awaitMessage(r -> r.retained() && condition.test(json(r)), WAIT));
    }
  }

  /** An installation whose quiet window (UTC) runs from an hour ago to an hour from now. */
  private Path installation() throws IOException {
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
    LocalTime now = LocalTime.now(ZoneOffset.UTC);
    Path file = dir.resolve("quiet.yaml");
    Files.writeString(file, """
        installation: %s
        site: System test bench
        hardware: {backend: simulated, seed: 3}
        devices:
          - id: leds
            driver: pca9685
            address: 0x40
            safeState: off
            channels:
              ring: {index: 0}
              halo: {index: 1}
          - {id: fog, driver: relay, pin: 23, safeState: off}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        safety:
          timezone: UTC
          quietHours:
            windows:
              - {from: "%s", to: "%s"}
            light: 0.3
          actuators:
            leds/ring: {operations: [set, on, off, fade]}
            leds/halo: {operations: [on, off], quietLevel: 0.5}
            fog: {kind: switch, operations: [on, off], quietHours: block}
        """.formatted(INSTALLATION, broker.url(), dir.resolve("spool"), FreePorts.next(),
        now.minusHours(1).format(hhmm), now.plusHours(1).format(hhmm)));
    return file;
  }

  private static JsonNode json(ReceivedMessage m) {
    try {
      return JSON.readTree(m.text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
