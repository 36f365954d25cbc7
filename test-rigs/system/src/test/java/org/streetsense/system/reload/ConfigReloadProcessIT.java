package org.streetsense.system.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streetsense.system.reload.ConfigTopics.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * {@code run --config FILE} as a child process against a real Mosquitto, changed over
 * {@code config/set} (docs/deploy.md, "Changing an installation remotely"): a valid file is
 * applied with every stream's seq continuing, an invalid one is rejected with its errors and
 * changes nothing, a file naming an I2C chip that is not wired is rolled back by the health gate,
 * and a process killed during an apply boots its last known good file.
 */
@Timeout(180)
class ConfigReloadProcessIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "reload-bench";
  private static final String PREFIX = "streetsense/v1/" + ID;


  @RegisterExtension final ReloadBench bench = ReloadBench.anonymous(ID);

  @BeforeEach
  void writeFile() {
    bench.writeFile(installation("500ms", ""));
  }

  /** The bench: one light sensor wired at 0x23; {@code extra} adds devices to the file. */
  private String installation(String period, String extra) {
    return bench.installation("Reload bench", """
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: %s}
        %s""".formatted(period, extra));
  }

  private void startGateway() {
    bench.start();
  }

  /** A gateway whose reloads by SIGHUP are watched for {@code seconds} (--health-window). */
  private void startGateway(int seconds) {
    bench.start("--health-window", Integer.toString(seconds));
  }

  @Test
  void aValidFileIsAppliedAndEverySeqContinuesAcrossTheReload() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      startGateway();
      JsonNode first = bench.config().awaitState(watch, 0);
      awaitReadings(watch, 3);

      bench.config().send(1, installation("200ms", ""), 5);
      JsonNode result = bench.config().awaitResult(watch, 1);
      assertThat(result.get("status").asText()).isEqualTo("applied");
      JsonNode second = bench.config().awaitState(watch, 1);
      assertThat(second.get("config_digest").asText()).isEqualTo(ConfigTopics.digest(installation("200ms", "")));
      assertThat(second.get("boot").asLong()).as("the MQTT session, and so the boot, is kept (decision 0365)")
          .isEqualTo(first.get("boot").asLong());
      int before = readings(watch).size();
      awaitReadings(watch, before + 5);

      List<Long> seqs = readings(watch).stream().map(n -> n.get("seq").asLong()).toList();
      for (int i = 1; i < seqs.size(); i++) {
        assertThat(seqs.get(i)).as("seq %d follows %d", seqs.get(i), seqs.get(i - 1))
            .isEqualTo(seqs.get(i - 1) + 1);
      }
      assertThat(watch.messages()).noneMatch(m -> m.topic().endsWith("/gap"));
      assertThat(health().get("config").get("version").asLong()).isEqualTo(1);
    }
  }

  @Test
  void aFileThatDoesNotValidateIsRejectedWithItsErrorsAndNothingChanges() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      startGateway();
      JsonNode state = bench.config().awaitState(watch, 0);

      String broken = installation("500ms", "  - {id: lamp, driver: no-such-driver, pin: 17}");
      bench.config().send(1, broken, 2);
      JsonNode result = bench.config().awaitResult(watch, 1);

      assertThat(result.get("status").asText()).isEqualTo("rejected");
      JsonNode error = result.get("errors").get(0);
      assertThat(error.get("line").asInt()).isEqualTo(6);
      assertThat(error.get("path").asText()).startsWith("devices[1]");
      assertThat(result.get("running").get("version").asLong()).isZero();
      assertThat(result.toString()).doesNotContain("no-such-driver, pin");
      assertThat(bench.gateway().isAlive()).isTrue();
      assertThat(health().get("config").get("digest").asText()).isEqualTo(state.get("config_digest").asText());
      assertThat(watch.messagesOn(PREFIX + "/state")).as("no restart").hasSize(1);
    }
  }

  @Test
  void aFileNamingAnI2cChipThatIsNotWiredIsRolledBackByTheHealthGate() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      startGateway();
      bench.config().awaitState(watch, 0);

      bench.config().send(1, installation("500ms", "  - {id: air, driver: bme280, address: 0x76, period: 500ms}"), 3);
      JsonNode result = bench.config().awaitResult(watch, 1);

      assertThat(result.get("status").asText()).isEqualTo("rolled_back");
      assertThat(result.get("reason").asText()).contains("health gate failed", "device air");
      assertThat(result.get("running").get("version").asLong()).isZero();
      // the birth of the failed file named air; the one after the rollback does not (same boot:
      // the session is kept, decision 0365)
      bench.config().awaitOnline(watch, n -> n.get("devices").toString().contains("air"));
      JsonNode back = bench.config().awaitOnline(watch, n -> n.get("config_version").asLong() == 0
          && !n.get("devices").toString().contains("air")
          && n.get("ts").asLong() > lastStateWithAir(watch));
      assertThat(back.get("status").asText()).isEqualTo("online");
      assertThat(health().get("config").get("version").asLong()).isZero();
    }
  }

  @Test
  void aProcessKilledDuringAnApplyBootsItsLastKnownGoodFile() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      startGateway();
      bench.config().awaitState(watch, 0);

      bench.config().send(1, installation("200ms", ""), 600);
      bench.config().awaitState(watch, 1); // applied and under its health gate
      bench.gateway().kill();
      bench.gateway().awaitExit(Duration.ofSeconds(20));
      watch.clear();

      startGateway();
      JsonNode result = bench.config().awaitResult(watch, 1);
      assertThat(result.get("status").asText()).isEqualTo("rolled_back");
      assertThat(result.get("reason").asText()).startsWith("interrupted");
      JsonNode state = bench.config().awaitState(watch, 0);
      assertThat(state.get("config_digest").asText()).isEqualTo(ConfigTopics.digest(installation("500ms", "")));
      assertThat(bench.gateway().stdout()).contains("configuration version 0");
    }
  }

  @Test
  void sighupReloadsTheLocalFileAsSystemctlReloadDoes() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      startGateway(5);
      bench.config().awaitState(watch, 0);

      bench.writeFile(installation("300ms", ""));
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(bench.gateway().pid())).start();
      assertThat(kill.waitFor()).isZero();

      JsonNode state = bench.config().awaitOnline(watch, n -> n.get("config_digest").asText()
          .equals(ConfigTopics.digest(installation("300ms", ""))));
      assertThat(state.get("config_version").asLong()).isZero();
      JsonNode applied = bench.config().awaitResult(watch, 0, "applied");
      assertThat(applied.get("digest").asText()).isEqualTo(state.get("config_digest").asText());
      assertThat(bench.gateway().isAlive()).isTrue();
    }
  }

  @Test
  void retainedStaleReplayedForgedAndOversizedMessagesAreRefused() throws Exception {
    // a retained config/set waiting at the broker would be delivered again at every connect
    ObjectNode retained = JSON.createObjectNode().put("version", 7)
        .put("digest", ConfigTopics.digest(installation("300ms", ""))).put("file", installation("300ms", ""));
    bench.config().publish(JSON.writeValueAsBytes(retained), true);
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/config/result")) {
      startGateway();
      assertThat(bench.config().awaitResult(watch, 7).get("reason").asText()).isEqualTo("retained");
      bench.config().publish(new byte[0], true); // what the backend does to clear it
      bench.config().send(5, installation("200ms", ""), 5);
      assertThat(bench.config().awaitResult(watch, 5).get("status").asText()).isEqualTo("applied");

      bench.config().send(5, installation("200ms", ""), 1);
      bench.config().send(4, installation("300ms", ""), 1);
      ObjectNode forged = JSON.createObjectNode().put("version", 6)
          .put("digest", ConfigTopics.digest(installation("200ms", ""))).put("file", installation("900ms", ""));
      bench.config().publish(JSON.writeValueAsBytes(forged), false);
      bench.config().publish(new byte[256 * 1024 + 1], false);

      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(watch.messages()).as("%s", watch.messages()).hasSizeGreaterThanOrEqualTo(6));
      List<String> reasons = watch.messages().stream().map(m -> parse(m).path("status").asText()
          + " " + parse(m).path("reason").asText()).toList();
      assertThat(reasons).containsExactly("rejected retained", "applied ", "rejected replayed",
          "rejected stale", "rejected digest_mismatch", "rejected too_large");
      assertThat(health().get("config").get("version").asLong()).isEqualTo(5);
    }
  }

  @Test
  void theByHandCommandsOfDeployMdSendAFileAndPrintItsAnswer() throws Exception {
    bench.start("--health-window", "5");
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      bench.config().awaitState(watch, 0);
      bench.config().send(7, installation("300ms", ""), 1); // an earlier version: its answer stays retained
      assertThat(bench.config().awaitResult(watch, 7).get("status").asText()).isEqualTo("applied");
    }
    List<String> doc = Files.readAllLines(org.streetsense.rigs.ProjectPaths.root().resolve("docs/deploy.md"));
    int start = doc.indexOf("**Sending one file by hand**, with Mosquitto's and coreutils' tools (the message is JSON, so the");
    assertThat(start).isPositive();
    int open = doc.subList(start, doc.size()).indexOf("```") + start;
    int close = doc.subList(open + 1, doc.size()).indexOf("```") + open + 1;
    String script = String.join("\n", doc.subList(open + 1, close))
        .replace("FILE=installation.yaml VERSION=8 INSTALLATION=kosice-square",
            "FILE=next.yaml VERSION=8 INSTALLATION=" + ID)
        .replace("-h city-broker.example.org -p 8883 --cafile city-ca.crt",
            "-h 127.0.0.1 -p " + bench.broker().port())
        .replace("-u configurator -P \"$CONFIGURATOR_PASSWORD\" ", "");
    Files.writeString(bench.dir().resolve("next.yaml"), installation("250ms", ""));

    Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
        .directory(bench.dir().toFile()).redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor()).as(out).isZero();

    // only the answer to version 8 is printed, not the retained one of an earlier version
    assertThat(out.strip().lines().toList()).singleElement().satisfies(line -> assertThat(line)
        .contains("\"status\":\"applied\"", "\"version\":8", ConfigTopics.digest(installation("250ms", ""))));
  }

  @Test
  void aNewerFileDuringTheHealthGateSupersedesTheOneUnderWatch() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      startGateway();
      bench.config().awaitState(watch, 0);

      bench.config().send(1, installation("300ms", ""), 600);
      bench.config().awaitState(watch, 1); // applied, under its gate
      bench.config().send(2, installation("200ms", ""), 5);

      JsonNode superseded = bench.config().awaitResult(watch, 1);
      assertThat(superseded.get("status").asText()).isEqualTo("superseded");
      assertThat(superseded.get("reason").asText()).contains("version 2");
      assertThat(bench.config().awaitResult(watch, 2).get("status").asText()).isEqualTo("applied");
      assertThat(health().get("config").get("version").asLong()).isEqualTo(2);
    }
  }

  @Test
  void aFileWhoseGatewayCannotStartIsRolledBackAtOnce() throws Exception {
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#");
        java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
            java.net.InetAddress.getByName("127.0.0.1"))) {
      startGateway();
      bench.config().awaitState(watch, 0);

      String elsewhere = installation("500ms", "").replace("port: " + bench.httpPort(),
          "port: " + taken.getLocalPort());
      bench.config().send(1, elsewhere, 600);

      JsonNode result = bench.config().awaitResult(watch, 1);
      assertThat(result.get("status").asText()).isEqualTo("rolled_back");
      assertThat(result.get("reason").asText()).startsWith("the gateway did not start")
          .contains(Integer.toString(taken.getLocalPort()));
      assertThat(health().get("config").get("version").asLong()).isZero();
    }
  }

  @Test
  void safeOutputsAfterAKillDrivesTheOutputsOfTheFileTheGatewayRan() throws Exception {
    String lamp = """
          - {id: lamp, driver: led, pin: 12, safeState: off}
        safety:
          timezone: UTC
          actuators:
            lamp: {kind: light, operations: [on, off]}""";
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      startGateway();
      bench.config().awaitState(watch, 0);
      bench.config().send(1, installation("500ms", lamp), 5);
      assertThat(bench.config().awaitResult(watch, 1).get("status").asText()).isEqualTo("applied");
      bench.gateway().kill();
      bench.gateway().awaitExit(Duration.ofSeconds(20));

      // the local file declares no output; the store's last known good file declares the lamp
      try (GatewayProcess post = GatewayProcess.run(Duration.ofSeconds(60), "safe-outputs",
          "--config", bench.file().toString(), "--config-store", bench.dir().resolve("store").toString())) {
        assertThat(post.exitCode()).as(post.stdout() + post.stderr()).isZero();
        assertThat(post.stdout()).contains("lamp: level 0, safe");
      }
    }
  }

  /** The time of the last state that named the device {@code air}. */
  private static long lastStateWithAir(MqttTestSubscriber watch) {
    return watch.messagesOn(PREFIX + "/state").stream().map(ConfigTopics::parse)
        .filter(n -> n.get("devices").toString().contains("air"))
        .mapToLong(n -> n.get("ts").asLong()).max().orElse(Long.MAX_VALUE);
  }

  private static List<JsonNode> readings(MqttTestSubscriber watch) {
    List<JsonNode> out = new ArrayList<>();
    // the bh1750 has one channel, so every reading is of one stream
    for (ReceivedMessage m : watch.messagesOn(PREFIX + "/light/reading")) {
      out.add(parse(m));
    }
    return out;
  }

  private static void awaitReadings(MqttTestSubscriber watch, int n) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> readings(watch).size() >= n);
  }

  private JsonNode health() throws Exception {
    var c = java.net.http.HttpClient.newHttpClient();
    var r = c.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + bench.httpPort() + "/health")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }
}
