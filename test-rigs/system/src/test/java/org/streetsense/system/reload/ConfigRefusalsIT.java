package org.streetsense.system.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
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
 * Refusals of a {@code config/set} never hide the outcome of the latest version the gateway took
 * on (they are answered not retained), versions are bounded to 2^53 - 1, and a version sent too
 * high is undone with the store step of docs/deploy.md.
 */
@Timeout(240)
class ConfigRefusalsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "refusal-bench";
  private static final String PREFIX = "streetsense/v1/" + ID;
  private static final String RESULT = PREFIX + "/config/result";

  @TempDir Path dir;
  private MosquittoServer broker;
  private GatewayProcess gateway;
  private Path file;
  private int httpPort;

  @BeforeEach
  void start() throws Exception {
    broker = MosquittoServer.anonymous();
    broker.start();
    httpPort = FreePorts.next();
    file = dir.resolve("installation.yaml");
    Files.writeString(file, installation("500ms"));
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    broker.close();
  }

  private String installation(String period) {
    return """
        installation: %s
        site: Refusal bench
        hardware: {backend: simulated, seed: 5}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: %s}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(ID, period, broker.url(), dir.resolve("spool"), httpPort);
  }

  private void startGateway() {
    gateway = GatewayProcess.start("run", "--config", file.toString(),
        "--config-store", dir.resolve("store").toString(), "--health-window", "2");
  }

  @Test
  void aRetainedCopyAReplayAndAnOutOfBoundVersionNeverHideTheRetainedOutcome() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(broker.url(), PREFIX + "/#")) {
      startGateway();
      awaitState(watch, 0);
      // published retained while the gateway is connected: MQTT 3.1.1 delivers it without the
      // retain flag, so it is applied (docs: never publish config/set retained)
      String next = installation("300ms");
      publish(message(1, next), true);
      assertThat(awaitResult(watch, 1, "applied").get("status").asText()).isEqualTo("applied");
      // the apply kept the MQTT session (decision 0365), so the broker did not hand the retained
      // copy back then; it does at the gateway's next connect, here after a client with the
      // gateway's client id took its connection over for a moment: refused
      kickTheGatewaysConnection();
      awaitResult(watch, 1, "rejected");
      assertThat(retainedResult().get("status").asText()).isEqualTo("applied");

      clearAsDeployMdSays();
      publish(message(1, next), false);
      assertThat(awaitResult(watch, 1, "rejected").get("reason").asText()).isIn("replayed", "retained");
      publish(message(9007199254740992L, next), false);
      ReceivedMessage tooHigh = watch.awaitMessage(r -> r.topic().equals(RESULT)
          && parse(r).path("reason").asText().equals("malformed"), Duration.ofSeconds(60));
      assertThat(parse(tooHigh).path("detail").asText()).contains("9007199254740991");

      // a misspelt field is refused, not ignored (the default window would silently apply)
      var misspelt = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(message(5, next));
      misspelt.put("health_windows_s", 5);
      publish(JSON.writeValueAsBytes(misspelt), false);
      ReceivedMessage typo = watch.awaitMessage(r -> r.topic().equals(RESULT)
          && parse(r).path("detail").asText().contains("health_windows_s"), Duration.ofSeconds(60));
      assertThat(parse(typo).path("reason").asText()).isEqualTo("malformed");

      JsonNode retained = retainedResult();
      assertThat(retained.get("status").asText()).isEqualTo("applied");
      assertThat(retained.get("version").asLong()).isEqualTo(1);

      // a change that cannot be applied live is located at its key
      publish(message(2, installation("300ms").replace("backend: simulated, seed: 5", "backend: pi4j")), false);
      JsonNode backend = awaitResult(watch, 2, "rejected").get("errors").get(0);
      assertThat(backend.get("path").asText()).isEqualTo("hardware.backend");
      assertThat(backend.get("line").asInt()).isEqualTo(3);
      assertThat(backend.get("column").asInt()).isEqualTo(12);
      publish(message(3, installation("300ms").replace("installation: " + ID, "\ninstallation: other")), false);
      JsonNode id = awaitResult(watch, 3, "rejected").get("errors").get(0);
      assertThat(id.get("path").asText()).isEqualTo("installation");
      assertThat(id.get("line").asInt()).isEqualTo(2);
    }
  }

  /** Connects and disconnects a client with the gateway's client id: the broker drops the gateway's. */
  private void kickTheGatewaysConnection() throws Exception {
    org.eclipse.paho.client.mqttv3.MqttClient impostor = new org.eclipse.paho.client.mqttv3.MqttClient(
        broker.url(), ID, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    impostor.connect();
    impostor.disconnect();
    impostor.close();
  }

  @Test
  void aVersionSentTooHighIsUndoneWithTheStoreStepOfDeployMd() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(broker.url(), PREFIX + "/#")) {
      startGateway();
      awaitState(watch, 0);
      publish(message(9007199254740991L, installation("300ms")), false);
      assertThat(awaitResult(watch, 9007199254740991L, "applied")).isNotNull();
      publish(message(42, installation("200ms")), false);
      assertThat(awaitResult(watch, 42, "rejected").get("reason").asText()).isEqualTo("stale");

      gateway.terminate();
      gateway.awaitExit(Duration.ofSeconds(60));
      List<String> doc = Files.readAllLines(org.streetsense.rigs.ProjectPaths.root().resolve("docs/deploy.md"));
      String step = doc.stream().filter(l -> l.contains("config-store/highest")).findFirst().orElseThrow();
      Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", step
          .replace("sudo ", "").replace("/var/lib/streetsense/config-store", dir.resolve("store").toString()))
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(out).isZero();

      watch.clear();
      startGateway();
      awaitState(watch, 9007199254740991L);
      publish(message(42, installation("200ms")), false);
      assertThat(awaitResult(watch, 42, "applied").get("status").asText()).isEqualTo("applied");
    }
  }

  @Test
  void anInvalidLocalFileIsLoggedWithItsLinesAndARestartRunsTheLastKnownGoodFile() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(broker.url(), PREFIX + "/#")) {
      startGateway();
      awaitState(watch, 0);
      publish(message(1, installation("300ms")), false);
      awaitResult(watch, 1, "applied");

      // a technician's edit that does not validate (line 5 holds the period)
      Files.writeString(file, installation("soon"));
      assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(gateway.pid())).start().waitFor()).isZero();
      awaitResult(watch, 0, "rejected");
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(gateway.stdout() + gateway.stderr()).contains("installation.yaml:5:", "devices[0].period"));

      // a restart (a power cut, the watchdog) does not leave the installation down
      gateway.terminate();
      gateway.awaitExit(Duration.ofSeconds(60));
      watch.clear();
      startGateway();
      awaitState(watch, 1);
      JsonNode result = awaitResult(watch, 0, "rolled_back");
      assertThat(result.get("reason").asText()).contains("installation.yaml:5:", "devices[0].period",
          "last known good file, version 1");
      assertThat(result.get("errors").get(0).get("line").asInt()).isEqualTo(5);
      assertThat(result.get("running").get("version").asLong()).isEqualTo(1);
      assertThat(health().get("config").get("notice").asText()).contains("installation.yaml is invalid");
      assertThat(gateway.isAlive()).isTrue();
      assertThat(gateway.stdout() + gateway.stderr()).contains("installation.yaml:5:", "devices[0].period",
              "installation.yaml changed since the last change was decided but is invalid (",
              "errors): running the last known good file, version 1")
          // one truthful line: the invalid local file is not announced as running
          .doesNotContain("decided: running it");

      // the fixed file, reloaded, runs and the notice goes
      Files.writeString(file, installation("250ms"));
      assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(gateway.pid())).start().waitFor()).isZero();
      awaitResult(watch, 0, "applied");
      assertThat(health().get("config").has("notice")).isFalse();
    }
  }

  /** The clearing command of docs/deploy.md, run as written apart from the broker and the id. */
  private void clearAsDeployMdSays() throws Exception {
    List<String> doc = Files.readAllLines(org.streetsense.rigs.ProjectPaths.root().resolve("docs/deploy.md"));
    int at = -1;
    for (int i = 0; i < doc.size(); i++) {
      if (doc.get(i).contains("-r -n -t")) {
        at = i;
      }
    }
    assertThat(at).isPositive();
    String command = (doc.get(at - 1) + "\n" + doc.get(at))
        .replace("-h city-broker.example.org -p 8883 --cafile city-ca.crt", "-h 127.0.0.1 -p " + broker.port())
        .replace("-u configurator -P \"$CONFIGURATOR_PASSWORD\" ", "")
        .replace("kosice-square", ID);
    Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    try (MqttTestSubscriber late = MqttTestSubscriber.connect(broker.url(), PREFIX + "/config/set")) {
      org.awaitility.Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
          .until(() -> late.messages().isEmpty());
    }
  }

  private JsonNode health() throws Exception {
    var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  private static byte[] message(long version, String yaml) throws Exception {
    return JSON.writeValueAsBytes(JSON.createObjectNode().put("version", version)
        .put("digest", ConfigReloadProcessIT.digest(yaml)).put("file", yaml).put("health_window_s", 2));
  }

  private void publish(byte[] payload, boolean retained) throws Exception {
    MqttClient client = new MqttClient(broker.url(), "backend-" + System.nanoTime(), new MemoryPersistence());
    client.connect();
    try {
      client.publish(PREFIX + "/config/set", payload, 1, retained);
    } finally {
      client.disconnect();
      client.close();
    }
  }

  /** What a backend that subscribes now receives: the retained config/result. */
  private JsonNode retainedResult() {
    try (MqttTestSubscriber late = MqttTestSubscriber.connect(broker.url(), RESULT)) {
      ReceivedMessage m = late.awaitMessage(r -> r.topic().equals(RESULT), Duration.ofSeconds(30));
      assertThat(m.retained()).isTrue();
      return parse(m);
    }
  }

  private static JsonNode awaitResult(MqttTestSubscriber watch, long version, String status) {
    return parse(watch.awaitMessage(r -> r.topic().equals(RESULT)
        && parse(r).path("version").asLong() == version
        && parse(r).path("status").asText().equals(status), Duration.ofSeconds(90)));
  }

  private static void awaitState(MqttTestSubscriber watch, long version) {
    watch.awaitMessage(r -> r.topic().equals(PREFIX + "/state")
        && parse(r).path("status").asText().equals("online")
        && parse(r).path("config_version").asLong() == version, Duration.ofSeconds(90));
  }

  private static JsonNode parse(ReceivedMessage m) {
    try {
      return JSON.readTree(m.payload());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
