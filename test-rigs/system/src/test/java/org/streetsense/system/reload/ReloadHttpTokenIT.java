package org.streetsense.system.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.streetsense.harness.MqttTestSubscriber;

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


  @RegisterExtension final ReloadBench bench = ReloadBench.anonymous(ID);

  @BeforeEach
  void writeTokens() throws Exception {
    Files.writeString(bench.dir().resolve("old.token"), OLD + "\n");
    Files.writeString(bench.dir().resolve("new.token"), NEW + "\n");
  }


  private String installation(String token) {
    return bench.installation("Token bench",
        "devices:\n  - {id: light, driver: bh1750, address: 0x23, period: 500ms}", ", token: " + token);
  }

  @Test
  void aNewTokenOpensTheDashboardAtOnceAndTheOldOneNoLonger() throws Exception {
    bench.writeFile(installation("{file: \"" + bench.dir().resolve("old.token") + "\"}"));
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      bench.start();
      bench.config().awaitState(watch, 0);
      assertThat(status(OLD)).isEqualTo(200);
      assertThat(status(NEW)).isEqualTo(401);

      bench.config().send(1, installation("{file: \"" + bench.dir().resolve("new.token") + "\"}"));
      assertThat(bench.config().awaitResult(watch, 1).get("status").asText()).isEqualTo("applied");
      assertThat(status(NEW)).isEqualTo(200);
      assertThat(status(OLD)).isEqualTo(401);
    }
  }

  @Test
  void aTokenReferenceThatCannotBeResolvedRollsTheChangeBackNamingTheKey() throws Exception {
    bench.writeFile(installation("{file: \"" + bench.dir().resolve("old.token") + "\"}"));
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      bench.start();
      bench.config().awaitState(watch, 0);

      bench.config().send(1, installation("{env: STREETSENSE_NO_SUCH_TOKEN_VARIABLE}"));
      JsonNode result = bench.config().awaitResult(watch, 1);
      assertThat(result.get("status").asText()).isEqualTo("rolled_back");
      assertThat(result.get("reason").asText()).contains("http.token",
          "STREETSENSE_NO_SUCH_TOKEN_VARIABLE");
      assertThat(result.get("running").get("version").asLong()).isZero();
      bench.config().awaitState(watch, 0);
      assertThat(status(OLD)).isEqualTo(200);

      // a token file that holds too short a token: rolled back, the value never echoed
      Files.writeString(bench.dir().resolve("short.token"), "tiny-secret\n");
      bench.config().send(2, installation("{file: \"" + bench.dir().resolve("short.token") + "\"}"));
      JsonNode shortResult = bench.config().awaitResult(watch, 2);
      assertThat(shortResult.get("status").asText()).isEqualTo("rolled_back");
      assertThat(shortResult.get("reason").asText()).contains("http.token", "short.token");
      assertThat(watch.messages()).noneMatch(m -> new String(m.payload()).contains("tiny-secret"));
      assertThat(bench.gateway().stdout() + bench.gateway().stderr()).doesNotContain("tiny-secret");
      assertThat(status(OLD)).isEqualTo(200);
    }
  }

  @Test
  void sighupWithAMovedTokenFileTakesTheNewTokenAtOnce() throws Exception {
    bench.writeFile(installation("{file: \"" + bench.dir().resolve("old.token") + "\"}"));
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), PREFIX + "/#")) {
      bench.start("--health-window", "2");
      bench.config().awaitState(watch, 0);
      bench.writeFile(installation("{file: \"" + bench.dir().resolve("new.token") + "\"}"));
      assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(bench.gateway().pid())).start().waitFor()).isZero();
      bench.config().awaitResult(watch, 0, "applied");
      assertThat(status(NEW)).isEqualTo(200);
      assertThat(status(OLD)).isEqualTo(401);
    }
  }

  private int status(String token) throws Exception {
    HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + bench.httpPort() + "/dash/api/snapshot"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
    return r.statusCode();
  }
}
