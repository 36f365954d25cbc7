package org.streetsense.system.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streetsense.system.reload.ConfigTopics.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;

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


  @RegisterExtension final ReloadBench bench = ReloadBench.anonymous(ID);

  @BeforeEach
  void writeFile() {
    bench.writeFile(installation("500ms"));
  }

  private String installation(String period) {
    return bench.installation("Refusal bench", """
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: %s}
        """.formatted(period));
  }

  private void startGateway() {
    bench.start("--health-window", "2");
  }

  @Test
  void aRetainedCopyAReplayAndAnOutOfBoundVersionNeverHideTheRetainedOutcome() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      startGateway();
      bench.config().awaitState(watch, 0);
      // published retained while the gateway is connected: MQTT 3.1.1 delivers it without the
      // retain flag, so it is applied (docs: never publish config/set retained)
      String next = installation("300ms");
      bench.config().publish(ConfigTopics.message(1, next), true);
      assertThat(bench.config().awaitResult(watch, 1, "applied").get("status").asText()).isEqualTo("applied");
      // the apply kept the MQTT session (decision 0365), so the broker did not hand the retained
      // copy back then; it does at the gateway's next connect, here after a client with the
      // gateway's client id took its connection over for a moment: refused
      kickTheGatewaysConnection();
      bench.config().awaitResult(watch, 1, "rejected");
      assertThat(bench.config().retainedResult().get("status").asText()).isEqualTo("applied");

      clearAsDeployMdSays();
      bench.config().send(1, next);
      assertThat(bench.config().awaitResult(watch, 1, "rejected").get("reason").asText()).isIn("replayed", "retained");
      bench.config().send(9007199254740992L, next);
      ReceivedMessage tooHigh = watch.awaitMessage(r -> r.topic().equals(RESULT)
          && parse(r).path("reason").asText().equals("malformed"), Duration.ofSeconds(60));
      assertThat(parse(tooHigh).path("detail").asText()).contains("9007199254740991");

      // a misspelt field is refused, not ignored (the default window would silently apply)
      var misspelt = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(ConfigTopics.message(5, next));
      misspelt.put("health_windows_s", 5);
      bench.config().publish(JSON.writeValueAsBytes(misspelt), false);
      ReceivedMessage typo = watch.awaitMessage(r -> r.topic().equals(RESULT)
          && parse(r).path("detail").asText().contains("health_windows_s"), Duration.ofSeconds(60));
      assertThat(parse(typo).path("reason").asText()).isEqualTo("malformed");

      JsonNode retained = bench.config().retainedResult();
      assertThat(retained.get("status").asText()).isEqualTo("applied");
      assertThat(retained.get("version").asLong()).isEqualTo(1);

      // a change that cannot be applied live is located at its key
      bench.config().send(2, installation("300ms").replace("backend: simulated, seed: 5", "backend: pi4j"));
      JsonNode backend = bench.config().awaitResult(watch, 2, "rejected").get("errors").get(0);
      assertThat(backend.get("path").asText()).isEqualTo("hardware.backend");
      assertThat(backend.get("line").asInt()).isEqualTo(3);
      assertThat(backend.get("column").asInt()).isEqualTo(12);
      bench.config().send(3, installation("300ms").replace("installation: " + ID, "\ninstallation: other"));
      JsonNode id = bench.config().awaitResult(watch, 3, "rejected").get("errors").get(0);
      assertThat(id.get("path").asText()).isEqualTo("installation");
      assertThat(id.get("line").asInt()).isEqualTo(2);
    }
  }

  @Test
  void aFieldGivenTwiceAndEachParseProblemAreRefusedByNameWithoutUsingUpTheVersion() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      startGateway();
      bench.config().awaitState(watch, 0);
      String next = installation("300ms");
      String rest = ",\"digest\":" + JSON.writeValueAsString(ConfigTopics.digest(next))
          + ",\"file\":" + JSON.writeValueAsString(next) + ",\"health_window_s\":2}";
      // read last-wins this would be applied as version 6; a reader of the first key sees 5
      assertThat(refusal(watch, "{\"version\":5,\"version\":6" + rest))
          .isEqualTo("duplicate field 'version'; give each field once");
      assertThat(refusal(watch, "{\"version\":6" + rest.substring(0, rest.length() - 1) + rest))
          .isEqualTo("duplicate field 'digest'; give each field once");
      String truncated = "{\"version\":6" + rest.substring(0, 40);
      assertThat(refusal(watch, truncated))
          .isEqualTo("not JSON: unexpected end of input at column " + (truncated.length() + 1));
      assertThat(refusal(watch, "{\"version\":NaN" + rest))
          .startsWith("not JSON: NaN and Infinity are not JSON numbers at column ");
      assertThat(refusal(watch, "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"))
          .isEqualTo("not JSON: nested deeper than 1000 levels");
      String whole = "{\"version\":6" + rest;
      assertThat(refusal(watch, whole + " x"))
          .isEqualTo("not JSON: content after the object (which ends at column " + (whole.length() + 1) + ")");
      assertThat(refusal(watch, "[" + whole + "]")).isEqualTo("not a JSON object");

      // none of them used up version 5 or 6
      bench.config().send(6, next);
      assertThat(bench.config().awaitResult(watch, 6, "applied").get("status").asText()).isEqualTo("applied");
      assertThat(bench.config().retainedResult().get("version").asLong()).isEqualTo(6);
    }
  }

  /** Publishes {@code payload} on config/set and returns the detail of the malformed refusal it gets. */
  private String refusal(MqttTestSubscriber watch, String payload) throws Exception {
    watch.clear();
    bench.config().publish(payload.getBytes(StandardCharsets.UTF_8), false);
    JsonNode result = parse(watch.awaitMessage(r -> r.topic().equals(RESULT)
        && parse(r).path("status").asText().equals("rejected"), Duration.ofSeconds(60)));
    assertThat(result.path("reason").asText()).isEqualTo("malformed");
    assertThat(result.has("version")).as("no version is answered: none was read").isFalse();
    return result.path("detail").asText();
  }

  /** Connects and disconnects a client with the gateway's client id: the broker drops the gateway's. */
  private void kickTheGatewaysConnection() throws Exception {
    org.eclipse.paho.client.mqttv3.MqttClient impostor = new org.eclipse.paho.client.mqttv3.MqttClient(
        bench.broker().url(), ID, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    impostor.connect();
    impostor.disconnect();
    impostor.close();
  }

  @Test
  void aVersionSentTooHighIsUndoneWithTheStoreStepOfDeployMd() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      startGateway();
      bench.config().awaitState(watch, 0);
      bench.config().send(9007199254740991L, installation("300ms"));
      assertThat(bench.config().awaitResult(watch, 9007199254740991L, "applied")).isNotNull();
      bench.config().send(42, installation("200ms"));
      assertThat(bench.config().awaitResult(watch, 42, "rejected").get("reason").asText()).isEqualTo("stale");

      bench.gateway().terminate();
      bench.gateway().awaitExit(Duration.ofSeconds(60));
      List<String> doc = Files.readAllLines(org.streetsense.rigs.ProjectPaths.root().resolve("docs/deploy.md"));
      String step = doc.stream().filter(l -> l.contains("config-store/highest")).findFirst().orElseThrow();
      Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", step
          .replace("sudo ", "").replace("/var/lib/streetsense/config-store", bench.dir().resolve("store").toString()))
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(out).isZero();

      watch.clear();
      startGateway();
      bench.config().awaitState(watch, 9007199254740991L);
      bench.config().send(42, installation("200ms"));
      assertThat(bench.config().awaitResult(watch, 42, "applied").get("status").asText()).isEqualTo("applied");
    }
  }

  @Test
  void anInvalidLocalFileIsLoggedWithItsLinesAndARestartRunsTheLastKnownGoodFile() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      startGateway();
      bench.config().awaitState(watch, 0);
      bench.config().send(1, installation("300ms"));
      bench.config().awaitResult(watch, 1, "applied");

      // a technician's edit that does not validate (line 5 holds the period)
      bench.writeFile(installation("soon"));
      assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(bench.gateway().pid())).start().waitFor()).isZero();
      bench.config().awaitResult(watch, 0, "rejected");
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(bench.gateway().stdout() + bench.gateway().stderr()).contains("installation.yaml:5:", "devices[0].period"));

      // a restart (a power cut, the watchdog) does not leave the installation down
      bench.gateway().terminate();
      bench.gateway().awaitExit(Duration.ofSeconds(60));
      watch.clear();
      startGateway();
      bench.config().awaitState(watch, 1);
      JsonNode result = bench.config().awaitResult(watch, 0, "rolled_back");
      assertThat(result.get("reason").asText()).contains("installation.yaml:5:", "devices[0].period",
          "last known good file, version 1");
      assertThat(result.get("errors").get(0).get("line").asInt()).isEqualTo(5);
      assertThat(result.get("running").get("version").asLong()).isEqualTo(1);
      assertThat(health().get("config").get("notice").asText()).contains("installation.yaml is invalid");
      assertThat(bench.gateway().isAlive()).isTrue();
      assertThat(bench.gateway().stdout() + bench.gateway().stderr()).contains("installation.yaml:5:", "devices[0].period",
              "installation.yaml changed since the last change was decided but is invalid (",
              "errors): running the last known good file, version 1")
          // one truthful line: the invalid local file is not announced as running
          .doesNotContain("decided: running it");

      // the fixed file, reloaded, runs and the notice goes
      bench.writeFile(installation("250ms"));
      assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(bench.gateway().pid())).start().waitFor()).isZero();
      bench.config().awaitResult(watch, 0, "applied");
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
        .replace("-h city-broker.example.org -p 8883 --cafile city-ca.crt", "-h 127.0.0.1 -p " + bench.broker().port())
        .replace("-u configurator -P \"$CONFIGURATOR_PASSWORD\" ", "")
        .replace("kosice-square", ID);
    Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    try (MqttTestSubscriber late = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/config/set")) {
      org.awaitility.Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
          .until(() -> late.messages().isEmpty());
    }
  }

  private JsonNode health() throws Exception {
    var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + bench.httpPort() + "/health")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }
}
