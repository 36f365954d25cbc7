package org.streetsense.system.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * The dashboard token of a reloaded file takes effect at once: a new {@code http.token} opens the
 * dashboard and the old one no longer does, and a reference that cannot be resolved rolls the
 * change back with the key named and no value echoed (docs/deploy.md, "Changing an installation
 * remotely").
 */
@Timeout(180)
class ReloadHttpTokenIT {

  private static final String ID = "token-bench";
  private static final String PREFIX = "streetsense/v1/" + ID;
  private static final String OLD = "old-token-0123456789abcdef";
  private static final String NEW = "new-token-fedcba9876543210";

  @TempDir Path dir;
  private MosquittoServer broker;
  private ConfigTopics config;
  private GatewayProcess gateway;
  private int httpPort;

  @BeforeEach
  void start() throws Exception {
    broker = MosquittoServer.anonymous();
    broker.start();
    config = new ConfigTopics(broker.url(), ID);
    httpPort = FreePorts.next();
    Files.writeString(dir.resolve("old.token"), OLD + "\n");
    Files.writeString(dir.resolve("new.token"), NEW + "\n");
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    broker.close();
  }

  private String installation(String token) {
    return """
        installation: %s
        site: Token bench
        hardware: {backend: simulated, seed: 5}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 500ms}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d, token: %s}
        """.formatted(ID, broker.url(), dir.resolve("spool"), httpPort, token);
  }

  @Test
  void aNewTokenOpensTheDashboardAtOnceAndTheOldOneNoLonger() throws Exception {
    Path file = dir.resolve("installation.yaml");
    Files.writeString(file, installation("{file: \"" + dir.resolve("old.token") + "\"}"));
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(broker.url(), PREFIX + "/#")) {
      gateway = GatewayProcess.start("run", "--config", file.toString(),
          "--config-store", dir.resolve("store").toString());
      config.awaitState(watch, 0);
      assertThat(status(OLD)).isEqualTo(200);
      assertThat(status(NEW)).isEqualTo(401);

      config.send(1, installation("{file: \"" + dir.resolve("new.token") + "\"}"));
      assertThat(config.awaitResult(watch, 1).get("status").asText()).isEqualTo("applied");
      assertThat(status(NEW)).isEqualTo(200);
      assertThat(status(OLD)).isEqualTo(401);
    }
  }

  @Test
  void aTokenReferenceThatCannotBeResolvedRollsTheChangeBackNamingTheKey() throws Exception {
    Path file = dir.resolve("installation.yaml");
    Files.writeString(file, installation("{file: \"" + dir.resolve("old.token") + "\"}"));
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(broker.url(), PREFIX + "/#")) {
      gateway = GatewayProcess.start("run", "--config", file.toString(),
          "--config-store", dir.resolve("store").toString());
      config.awaitState(watch, 0);

      config.send(1, installation("{env: STREETSENSE_NO_SUCH_TOKEN_VARIABLE}"));
      JsonNode result = config.awaitResult(watch, 1);
      assertThat(result.get("status").asText()).isEqualTo("rolled_back");
      assertThat(result.get("reason").asText()).contains("http.token",
          "STREETSENSE_NO_SUCH_TOKEN_VARIABLE");
      assertThat(result.get("running").get("version").asLong()).isZero();
      config.awaitState(watch, 0);
      assertThat(status(OLD)).isEqualTo(200);

      // a token file that holds too short a token: rolled back, the value never echoed
      Files.writeString(dir.resolve("short.token"), "tiny-secret\n");
      config.send(2, installation("{file: \"" + dir.resolve("short.token") + "\"}"));
      JsonNode shortResult = config.awaitResult(watch, 2);
      assertThat(shortResult.get("status").asText()).isEqualTo("rolled_back");
      assertThat(shortResult.get("reason").asText()).contains("http.token", "short.token");
      assertThat(watch.messages()).noneMatch(m -> new String(m.payload()).contains("tiny-secret"));
      assertThat(gateway.stdout() + gateway.stderr()).doesNotContain("tiny-secret");
      assertThat(status(OLD)).isEqualTo(200);
    }
  }

  @Test
  void sighupWithAMovedTokenFileTakesTheNewTokenAtOnce() throws Exception {
    Path file = dir.resolve("installation.yaml");
    Files.writeString(file, installation("{file: \"" + dir.resolve("old.token") + "\"}"));
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(broker.url(), PREFIX + "/#")) {
      gateway = GatewayProcess.start("run", "--config", file.toString(),
          "--config-store", dir.resolve("store").toString(), "--health-window", "2");
      config.awaitState(watch, 0);
      Files.writeString(file, installation("{file: \"" + dir.resolve("new.token") + "\"}"));
      assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(gateway.pid())).start().waitFor()).isZero();
      config.awaitResult(watch, 0, "applied");
      assertThat(status(NEW)).isEqualTo(200);
      assertThat(status(OLD)).isEqualTo(401);
    }
  }

  private int status(String token) throws Exception {
    HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + httpPort + "/dash/api/snapshot"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
    return r.statusCode();
  }
}
