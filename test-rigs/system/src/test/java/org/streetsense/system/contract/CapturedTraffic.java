package org.streetsense.system.contract;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.gateway.SimulatedGateway;

/**
 * Everything a gateway published on a real Mosquitto while a test drove every kind of message,
 * as an independent subscriber to {@code streetsense/#} received it: birth, readings (good,
 * fault, suspect after recovery), presence events, commands from {@code mosquitto_pub} to a
 * device and to a PWM channel (accepted, done, rejected), a fade, an OSC float32 from
 * {@code oscsend}, retained actuator states, and the offline state of a clean stop.
 *
 * <p>Captured once per JVM ({@link #get()}); the tests of the contract and the backend recipes
 * read the same messages.
 */
final class CapturedTraffic {

  static final String INSTALLATION = "contract-bench";
  static final String PREFIX = "streetsense/v1/" + INSTALLATION + "/";
  /** A command the test sends on purpose against command.json; the gateway must refuse it. */
  static final String MALFORMED_COMMAND = "{\"id\":\"bad\",\"op\":\"on\",\"colour\":\"red\"}";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<ReceivedMessage> captured;

  private CapturedTraffic() {}

  /** The captured messages in arrival order; runs the gateway the first time. */
  static synchronized List<ReceivedMessage> get() {
    if (captured == null) {
      try {
        captured = capture();
      } catch (Exception e) {
        throw new IllegalStateException("capturing the gateway's traffic failed: " + e, e);
      }
    }
    return captured;
  }

  static JsonNode json(ReceivedMessage m) {
    try {
      return JSON.readTree(m.payload());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON on " + m.topic() + ": " + m.text(), e);
    }
  }

  /** The payload's objects: the object itself, or the items of a batch. */
  static List<JsonNode> objects(ReceivedMessage m) {
    JsonNode n = json(m);
    List<JsonNode> out = new ArrayList<>();
    if (n.isArray()) {
      n.elements().forEachRemaining(out::add);
    } else {
      out.add(n);
    }
    return out;
  }

  private static String yaml(int mqttPort, int httpPort, int oscPort, Path spool) {
    return """
        installation: %s
        site: Contract bench
        hardware: {backend: simulated, seed: 7}
        devices:
          - id: weather
            driver: bme280
            address: 0x76
            period: 500ms
            channels:
              temperature: {unit: degC, range: {min: -40, max: 85}}
          - id: motion
            driver: pir
            pin: 4
            mode: event
            options: {warmUp: 100ms, hold: 100ms}
          - id: lamp
            driver: led
            pin: 18
            safeState: off
          - id: lights
            driver: pca9685
            address: 0x40
            safeState: off
            channels:
              ring: {index: 0}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:%d", qos: 1}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        safety:
          actuators:
            lamp: {kind: light, operations: [set, on, off]}
            lights/ring: {kind: light, operations: [set, fade]}
        osc:
          prefix: /streetsense
          listen: {enabled: true, host: 127.0.0.1, port: %d}
        """.formatted(INSTALLATION, mqttPort, spool, httpPort, oscPort);
  }

  private static List<ReceivedMessage> capture() throws Exception {
    Path dir = Files.createTempDirectory("streetsense-contract-");
    try (MosquittoServer broker = MosquittoServer.anonymous()) {
      broker.start();
      try (MqttTestSubscriber sub = MqttTestSubscriber.connect(broker.url(), "streetsense/#")) {
        int oscPort = FreePorts.next();
        SimulatedGateway rig = SimulatedGateway.start(SimulatedGateway.installation(dir,
            "contract.yaml", yaml(broker.port(), FreePorts.next(), oscPort, dir.resolve("spool"))));
        try {
          awaitOn(sub, "birth", m -> m.topic().equals(PREFIX + "state")
              && json(m).path("status").asText().equals("online"));
          awaitOn(sub, "a good reading", m -> m.topic().endsWith("/weather/reading"));

          rig.control().pin("motion", true);
          awaitOn(sub, "presence_enter", m -> m.topic().equals(PREFIX + "motion/event")
              && m.text().contains("presence_enter"));
          rig.control().pin("motion", false);
          awaitOn(sub, "presence_leave", m -> m.topic().equals(PREFIX + "motion/event")
              && m.text().contains("presence_leave"));

          mosquittoPub(broker.port(), "lamp/command", "{\"id\":\"lamp-on\",\"op\":\"on\"}");
          mosquittoPub(broker.port(), "lights/ring/command",
              "{\"id\":\"ring-fade\",\"op\":\"fade\",\"value\":0.8,\"duration_ms\":1000}");
          mosquittoPub(broker.port(), "lamp/command", MALFORMED_COMMAND);
          mosquittoPub(broker.port(), "nothing/command", "{\"id\":\"nobody\",\"op\":\"on\"}");
          awaitOn(sub, "fade done", m -> m.topic().equals(PREFIX + "lights/ring/result")
              && m.text().contains("\"done\""));
          awaitOn(sub, "unknown actuator refused", m -> m.topic().equals(PREFIX + "nothing/result"));

          oscSend(oscPort, "/streetsense/lights/ring/set", "0.3");
          awaitOn(sub, "OSC set done", m -> m.topic().equals(PREFIX + "lights/ring/result")
              && m.text().contains("\"osc:") && m.text().contains("\"done\""));

          rig.control().unplug("weather");
          awaitOn(sub, "a fault reading", m -> m.topic().endsWith("/weather/reading")
              && m.text().contains("\"fault\""));
          int faultsSeen = sub.messages().size();
          rig.control().plugBack("weather");
          await("a reading after recovery").atMost(Duration.ofSeconds(90)).until(() ->
              sub.messages().stream().skip(faultsSeen).anyMatch(m -> m.topic().endsWith("/weather/reading")
                  && !m.text().contains("\"fault\"")));
        } finally {
          rig.close();
        }
        awaitOn(sub, "offline state of the clean stop", m -> m.topic().equals(PREFIX + "state")
            && json(m).path("status").asText().equals("offline"));
        return List.copyOf(sub.messages());
      }
    }
  }

  private static void awaitOn(MqttTestSubscriber sub, String what, Predicate<ReceivedMessage> p) {
    await(what).atMost(WAIT).until(() -> sub.messages().stream().anyMatch(p));
  }

  /** Publishes a command with the Mosquitto command-line client, QoS 1. */
  private static void mosquittoPub(int port, String actuatorTopic, String payload) throws Exception {
    run("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(port), "-q", "1",
        "-t", PREFIX + actuatorTopic, "-m", payload);
  }

  /** Sends one OSC message with a float32 argument with liblo's {@code oscsend}. */
  private static void oscSend(int port, String address, String value) throws Exception {
    run("oscsend", "127.0.0.1", String.valueOf(port), address, "f", value);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed: "
          + new String(p.getInputStream().readAllBytes()));
    }
  }
}
