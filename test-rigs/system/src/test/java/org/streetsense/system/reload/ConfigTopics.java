package org.streetsense.system.reload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;

/**
 * The MQTT side of an installation whose file is changed remotely, for the reload ITs (and the
 * fleet's): builds {@code config/set} messages (version, digest, file, health window), publishes
 * them as a backend does, waits for {@code config/result} by version and for the gateway's online
 * state by config version, and reads the retained messages as a latecomer does. Create one per
 * test once the broker runs: {@code new ConfigTopics(broker.url(), "id")}.
 *
 * <p>Every publish uses a fresh client (clean session) that disconnects at once, so no backend
 * session outlives the call. Every wait is bounded by {@link #WAIT}, the time an apply with its
 * health gate and a rollback may take on a loaded machine.
 */
public final class ConfigTopics {

  /** The longest wait for a result, a state or a retained message. */
  public static final Duration WAIT = Duration.ofSeconds(90);
  /** The health window of {@link #message(long, String)}: short, so tests see outcomes soon. */
  public static final int HEALTH_WINDOW_S = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String brokerUrl;
  private final String prefix;

  /** The topics of installation {@code installation} under {@code streetsense/v1} on the broker. */
  public ConfigTopics(String brokerUrl, String installation) {
    this.brokerUrl = brokerUrl;
    this.prefix = "streetsense/v1/" + installation;
  }

  /** {@code streetsense/v1/<installation>}. */
  public String prefix() {
    return prefix;
  }

  /** {@code streetsense/v1/<installation>/config/result}. */
  public String resultTopic() {
    return prefix + "/config/result";
  }

  /** {@code streetsense/v1/<installation>/<actuator>/state}. */
  public String stateTopic(String actuator) {
    return prefix + "/" + actuator + "/state";
  }

  /** The digest a backend sends: {@code sha256:<hex>} of the file's UTF-8 bytes. */
  public static String digest(String yaml) {
    try {
      return "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A {@code config/set} payload for {@code yaml} with a {@value #HEALTH_WINDOW_S} s health window. */
  public static byte[] message(long version, String yaml) {
    return message(version, yaml, HEALTH_WINDOW_S);
  }

  /** A {@code config/set} payload: version, digest, file and {@code health_window_s}. */
  public static byte[] message(long version, String yaml, int windowSeconds) {
    try {
      return JSON.writeValueAsBytes(JSON.createObjectNode().put("version", version)
          .put("digest", digest(yaml)).put("file", yaml).put("health_window_s", windowSeconds));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code yaml} as {@code version} with a {@value #HEALTH_WINDOW_S} s health window. */
  public void send(long version, String yaml) throws MqttException {
    publish(message(version, yaml), false);
  }

  /** Sends {@code yaml} as {@code version} with a health window of {@code windowSeconds}. */
  public void send(long version, String yaml, int windowSeconds) throws MqttException {
    publish(message(version, yaml, windowSeconds), false);
  }

  /** Publishes {@code payload} as it is on {@code config/set}, QoS 1, from a fresh client. */
  public void publish(byte[] payload, boolean retained) throws MqttException {
    publish(prefix + "/config/set", payload, retained);
  }

  /** Publishes {@code text} retained on {@code topic} at QoS 1, as another client would. */
  public void publishRetained(String topic, String text) throws MqttException {
    publish(topic, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
  }

  private void publish(String topic, byte[] payload, boolean retained) throws MqttException {
    MqttClient client = new MqttClient(brokerUrl, "backend-" + System.nanoTime(), new MemoryPersistence());
    client.connect();
    try {
      client.publish(topic, payload, 1, retained);
    } finally {
      client.disconnect();
      client.close();
    }
  }

  /** The first {@code config/result} for {@code version} that {@code watch} received. */
  public JsonNode awaitResult(MqttTestSubscriber watch, long version) {
    return parse(watch.awaitMessage(r -> r.topic().equals(resultTopic())
        && parse(r).path("version").asLong() == version, WAIT));
  }

  /** The first {@code config/result} for {@code version} with {@code status}. */
  public JsonNode awaitResult(MqttTestSubscriber watch, long version, String status) {
    return parse(watch.awaitMessage(r -> r.topic().equals(resultTopic())
        && parse(r).path("version").asLong() == version
        && parse(r).path("status").asText().equals(status), WAIT));
  }

  /** The first online gateway state (birth) whose {@code config_version} is {@code configVersion}. */
  public JsonNode awaitState(MqttTestSubscriber watch, long configVersion) {
    return awaitOnline(watch, n -> n.path("config_version").asLong() == configVersion);
  }

  /** The first online gateway state that satisfies {@code condition}. */
  public JsonNode awaitOnline(MqttTestSubscriber watch, Predicate<JsonNode> condition) {
    return parse(watch.awaitMessage(r -> r.topic().equals(prefix + "/state")
        && parse(r).path("status").asText().equals("online") && condition.test(parse(r)), WAIT));
  }

  /** Every online gateway state {@code watch} received, in order. */
  public List<JsonNode> onlineStates(MqttTestSubscriber watch) {
    return watch.messagesOn(prefix + "/state").stream().map(ConfigTopics::parse)
        .filter(n -> n.path("status").asText().equals("online")).toList();
  }

  /** The retained state of {@code actuator}, as a latecomer reads it. */
  public JsonNode retainedState(String actuator) {
    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(brokerUrl, stateTopic(actuator))) {
      return parse(latecomer.awaitMessage(ReceivedMessage::retained, WAIT));
    }
  }

  /**
   * The retained {@code config/result}, as a backend that subscribes now reads it.
   *
   * @throws AssertionError when the first message a latecomer gets there is not retained
   */
  public JsonNode retainedResult() {
    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(brokerUrl, resultTopic())) {
      ReceivedMessage m = latecomer.awaitMessage(r -> r.topic().equals(resultTopic()), WAIT);
      if (!m.retained()) {
        throw new AssertionError("the config/result a latecomer got is not retained: " + m.text());
      }
      return parse(m);
    }
  }

  /**
   * Every retained message below the installation, topic to text, as a latecomer subscribing to
   * {@code <prefix>/#} sees them. Complete: the broker sends the retained messages when it
   * accepts the subscription, before a marker published after it, which this waits for.
   */
  public Map<String, String> retainedMessages() throws MqttException {
    String marker = prefix + "/latecomer-marker-" + System.nanoTime();
    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(brokerUrl, prefix + "/#")) {
      MqttClient client = new MqttClient(brokerUrl, "marker-" + System.nanoTime(), new MemoryPersistence());
      client.connect();
      try {
        client.publish(marker, new byte[] {'1'}, 1, false);
      } finally {
        client.disconnect();
        client.close();
      }
      latecomer.awaitMessage(r -> r.topic().equals(marker), WAIT);
      Map<String, String> retained = new LinkedHashMap<>();
      for (ReceivedMessage m : latecomer.messages()) {
        if (m.retained()) {
          retained.put(m.topic(), m.text());
        }
      }
      return retained;
    }
  }

  /** The message's JSON payload. */
  public static JsonNode parse(ReceivedMessage m) {
    try {
      return JSON.readTree(m.payload());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
