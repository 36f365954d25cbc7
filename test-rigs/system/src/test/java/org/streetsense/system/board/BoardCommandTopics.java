package org.streetsense.system.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;

/**
 * The MQTT side of a board installation under test, for the board ITs: a real Mosquitto
 * (anonymous) started before each test, a subscriber to every command answer of the installation
 * and a client that sends commands, all closed after the test (after the test's own
 * {@code @AfterEach}, so a gateway stopped there still reaches the broker). Register it with
 * {@code @RegisterExtension final BoardCommandTopics mqtt = new BoardCommandTopics("id");}.
 *
 * <p>Commands are sent until answered, because the gateway subscribes only once it is connected;
 * states are read as a late subscriber reads them (the retained message first). Every wait is
 * bounded by {@link #WAIT}.
 */
final class BoardCommandTopics implements BeforeEachCallback, AfterEachCallback {

  /** The longest wait for a state, an answer or a command to be answered. */
  static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String topics;
  private MosquittoServer broker;
  private MqttClient sender;
  private MqttTestSubscriber results;
  private int commands;

  /** The topics of installation {@code installation} under {@code streetsense/v1}. */
  BoardCommandTopics(String installation) {
    this.topics = "streetsense/v1/" + installation + "/";
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    broker = MosquittoServer.anonymous();
    broker.start();
    results = MqttTestSubscriber.connect(broker.url(), topics + "+/result");
    sender = new MqttClient(broker.url(), "board-commands-sender", new MemoryPersistence());
    sender.connect();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      if (sender != null) {
        sender.disconnect();
        sender.close();
      }
    } finally {
      if (results != null) {
        results.close();
      }
      if (broker != null) {
        broker.close();
      }
    }
  }

  /** The broker's {@code tcp://} URL, for the installation file. */
  String url() {
    return broker.url();
  }

  /** Every answer on the installation's result topics, in arrival order. */
  MqttTestSubscriber results() {
    return results;
  }

  /** Publishes {@code payload} on the command topic of {@code actuator}, QoS 1. */
  void publish(String actuator, String payload, boolean retained) throws MqttException {
    MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    m.setRetained(retained);
    sender.publish(topics + actuator + "/command", m);
  }

  /**
   * Sends {@code body} (a JSON object without {@code id}) under a new id, again under another
   * until an answer comes (2 s each, {@link #WAIT} in all); returns the first answer: accepted,
   * or a final one.
   */
  JsonNode answer(String actuator, String body) throws MqttException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String id = actuator + "-" + (++commands);
      publish(actuator, withId(id, body), false);
      try {
        return json(results.awaitMessage(r -> json(r).path("id").asText().equals(id),
            Duration.ofSeconds(2)));
      } catch (AssertionError | RuntimeException notYet) {
        // the gateway subscribes once connected: send again
      }
    }
    throw new AssertionError("no answer to a command for " + actuator);
  }

  /**
   * Sends {@code body} under {@code id} until its final answer (not {@code accepted}) comes (3 s
   * each, {@link #WAIT} in all): a repeated id is never executed twice.
   */
  JsonNode finalAnswer(String actuator, String id, String body) throws MqttException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      publish(actuator, withId(id, body), false);
      try {
        return json(results.awaitMessage(r -> json(r).path("id").asText().equals(id)
            && !json(r).path("status").asText().equals("accepted"), Duration.ofSeconds(3)));
      } catch (AssertionError | RuntimeException notYet) {
        // not subscribed yet: the same id again
      }
    }
    throw new AssertionError("no final answer to " + id);
  }

  /** The retained state of {@code actuator}, waiting up to {@link #WAIT} for one. */
  JsonNode retainedState(String actuator) {
    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(broker.url(),
        topics + actuator + "/state")) {
      return json(latecomer.awaitMessage(ReceivedMessage::retained, WAIT));
    }
  }

  /** The retained state of {@code actuator} if there is one within a second, else null. */
  JsonNode retainedStateOrNull(String actuator) {
    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(broker.url(),
        topics + actuator + "/state")) {
      return json(latecomer.awaitMessage(ReceivedMessage::retained, Duration.ofSeconds(1)));
    } catch (AssertionError | RuntimeException none) {
      return null;
    }
  }

  /**
   * The first state of {@code actuator} that satisfies {@code when}: the retained one, or one
   * published within {@link #WAIT}.
   */
  JsonNode state(String actuator, Predicate<JsonNode> when) {
    try (MqttTestSubscriber states = MqttTestSubscriber.connect(broker.url(),
        topics + actuator + "/state")) {
      return json(states.awaitMessage(r -> when.test(json(r)), WAIT));
    }
  }

  /** The message's JSON payload. */
  static JsonNode json(ReceivedMessage m) {
    try {
      return JSON.readTree(m.text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String withId(String id, String body) {
    return "{\"id\":\"" + id + "\"," + body.substring(1);
  }
}
