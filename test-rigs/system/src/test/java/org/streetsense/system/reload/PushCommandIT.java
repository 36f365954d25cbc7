package org.streetsense.system.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.app.Reloader;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * {@code streetsense push} (a child process) against reloadable gateways in this JVM and a real
 * Mosquitto: the canary goes first, and a canary that rolls back stops the rollout before any
 * other installation receives the file.
 */
@Timeout(240)
class PushCommandIT {

  @TempDir Path dir;
  private MosquittoServer broker;
  private Vertx vertx;
  private final List<Reloader> fleet = new ArrayList<>();
  private final List<Throwable> fatal = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    broker = MosquittoServer.anonymous();
    broker.start();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    fleet.forEach(Reloader::close);
    vertx.close().toCompletionStage().toCompletableFuture().join();
    broker.close();
    assertThat(fatal).isEmpty();
  }

  /** An installation with a PIR and, when {@code weather}, a BME280 wired at 0x76. */
  private String yaml(String id, boolean weather, String period) {
    return """
        installation: %s
        site: Push bench
        hardware: {backend: simulated, seed: 9}
        devices:
          - {id: motion, driver: pir, pin: 4, mode: event}
        %s
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(id, weather ? "  - {id: weather, driver: bme280, address: 0x76, period: " + period + "}" : "",
        broker.url(), dir.resolve(id).resolve("spool"), FreePorts.next());
  }

  private Reloader boot(String id, boolean weather) throws Exception {
    Path file = dir.resolve(id + ".yaml");
    Files.writeString(file, yaml(id, weather, "1s"));
    Reloader r = Reloader.boot(new Reloader.ReloaderOptions(file, dir.resolve(id).resolve("store"),
        Duration.ofSeconds(60), new GatewayOptions(() -> "push-token".toCharArray(), null, "push-test")
            .withVertx(vertx), fatal::add));
    fleet.add(r);
    await().atMost(Duration.ofSeconds(30)).until(() -> r.current().uplink().isConnected());
    return r;
  }

  private GatewayProcess push(Path file, long version, String... installations) {
    List<String> args = new ArrayList<>(List.of("push", "--file", file.toString(), "--version",
        Long.toString(version), "--broker", broker.url(), "--wave-size", "1", "--health-window", "5",
        "--timeout", "60"));
    args.addAll(List.of(installations));
    return GatewayProcess.run(Duration.ofSeconds(180), args.toArray(String[]::new));
  }

  @Test
  void aFailingCanaryStopsTheRolloutBeforeAnyOtherInstallationReceivesTheFile() throws Exception {
    Reloader canary = boot("push-a", false);
    Reloader b = boot("push-b", true);
    Reloader c = boot("push-c", true);
    // the file names a BME280 that is wired at push-b and push-c but not at the canary
    Path file = dir.resolve("next.yaml");
    Files.writeString(file, yaml("push-a", true, "2s"));

    try (GatewayProcess push = push(file, 3, "push-a", "push-b", "push-c")) {
      assertThat(push.exitCode()).as(push.stdout() + push.stderr()).isEqualTo(1);
      assertThat(push.stdout().lines().toList()).anySatisfy(l -> assertThat(l)
              .matches("push-a\\s+canary\\s+rolled_back\\s+health gate failed: device weather absent.*"))
          .anySatisfy(l -> assertThat(l).matches("push-b\\s+1\\s+not_sent\\s+the rollout stopped"))
          .anySatisfy(l -> assertThat(l).matches("push-c\\s+2\\s+not_sent\\s+the rollout stopped"))
          .contains("0 of 3 applied version 3; the rollout stopped");
    }
    assertThat(canary.current().stamp().version()).isZero();
    assertThat(b.current().stamp().version()).isZero();
    assertThat(c.current().stamp().version()).isZero();
    assertThat(dir.resolve("push-b/store/highest")).as("push-b never received version 3").doesNotExist();
  }

  @Test
  void thePushCommandOfDeployMdRunsAsWritten() throws Exception {
    // one target: the file names its spool directory and HTTP port, which two gateways on one
    // machine cannot share (on Pis, each has its own)
    boot("park-01", true);
    String line = Files.readAllLines(org.streetsense.rigs.ProjectPaths.root().resolve("docs/deploy.md"))
        .stream().filter(l -> l.startsWith("streetsense push ")).findFirst().orElseThrow();
    Files.writeString(dir.resolve("park.yaml"), yaml("park-01", true, "2s"));
    // the broker and the installations are this test's; the rest is the line as documented
    String[] words = line.replace("--broker ssl://city-broker.example.org:8883 --cafile city-ca.crt",
            "--broker " + broker.url())
        .replace("park-01 park-02 park-03 park-04", "park-01").replace("--file park.yaml", "--file " + dir.resolve("park.yaml"))
        .trim().split("\\s+");
    List<String> args = new ArrayList<>(List.of(words).subList(1, words.length));
    args.addAll(List.of("--health-window", "5"));

    try (GatewayProcess push = GatewayProcess.run(Duration.ofSeconds(180), args.toArray(String[]::new))) {
      assertThat(push.exitCode()).as(push.stdout() + push.stderr()).isZero();
      assertThat(push.stdout()).containsPattern("park-01\\s+canary\\s+applied")
          .contains("1 of 1 applied version 9");
    }
  }

  @Test
  void aCanaryThatAppliesTheFileLetsTheNextWaveFollow() throws Exception {
    Reloader a = boot("push-a", true);
    Path file = dir.resolve("next.yaml");
    Files.writeString(file, yaml("push-a", true, "2s"));

    try (GatewayProcess push = push(file, 4, "push-a")) {
      assertThat(push.exitCode()).as(push.stdout() + push.stderr()).isZero();
      assertThat(push.stdout()).containsPattern("push-a\\s+canary\\s+applied")
          .contains("1 of 1 applied version 4");
    }
    assertThat(a.current().stamp().version()).isEqualTo(4);
  }
}
