package org.streetsense.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
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
import org.streetsense.rigs.ProjectPaths;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Issue 13, item 3: when the gateway process goes down, its outputs still end safe and the
 * retained state topics say so. The gateway runs as the systemd unit runs it (its JVM options);
 * after it ended, the test runs the unit's own {@code ExecStopPost=} command line (jar, JVM options
 * and installation file replaced by this build's), as systemd does after any exit.
 *
 * <p>The simulated backend's pins live inside the process that drives them, so after the process
 * ended the outputs are observed where the issue judges safety from outside: the retained state
 * topic on a real Mosquitto, plus the levels {@code safe-outputs} reads back from the outputs it
 * drove (printed per output).
 */
@Timeout(180)
class SafeOutputsAfterExitIT {

  private static final String INSTALLATION = "safe-bench";
  /** A declared uplink.mqtt.topicPrefix: safe-outputs publishes where the gateway did. */
  private static final String PREFIX = "city/ba/streetsense/";
  private static final String LAMP_STATE = PREFIX + INSTALLATION + "/lamp/state";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private MosquittoServer broker;
  private Path config;

  @BeforeEach
  void start() throws IOException {
    broker = MosquittoServer.anonymous();
    broker.start();
    config = installation(broker.url());
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  @Test
  void aKilledGatewaysLampEndsSafeOnceTheUnitsStopPostCommandRan() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString())) {
      switchTheLampOn();
      gateway.kill();
      gateway.awaitExit(Duration.ofSeconds(20));
    }
    JsonNode stale = retainedLampState(s -> true);
    assertThat(stale.path("safe").asBoolean()).as("after SIGKILL nothing ran: %s", stale).isFalse();

    GatewayProcess post = runStopPost(config);

    assertThat(post.exitCode()).as(post.stderr()).isZero();
    assertThat(post.stdout()).contains("lamp: level 0, safe, output low",
        "fan: level 0, safe, output high", "retained states published as safe");
    JsonNode state = retainedLampState(s -> s.path("cause").asText().equals("safe_outputs"));
    assertThat(state.path("safe").asBoolean()).isTrue();
    assertThat(state.path("level").asDouble()).isZero();
  }

  @Test
  void aStoppedGatewayPublishedItsLampSafeBeforeDisconnectingAndTheStopPostCommandAgrees()
      throws Exception {
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString())) {
      switchTheLampOn();
      gateway.terminate();
      // an orderly stop exits 0 (docs/cli.md)
      assertThat(gateway.awaitExit(Duration.ofSeconds(40))).as(gateway.stderr()).isEqualTo(0);
    }
    JsonNode state = retainedLampState(s -> true);
    assertThat(state.path("cause").asText()).as("the shutdown hook's own state: %s", state)
        .isEqualTo("shutdown");
    assertThat(state.path("safe").asBoolean()).isTrue();

    GatewayProcess post = runStopPost(config);

    assertThat(post.exitCode()).as(post.stderr()).isZero();
    assertThat(retainedLampState(s -> s.path("cause").asText().equals("safe_outputs"))
        .path("safe").asBoolean()).isTrue();
  }

  @Test
  void withoutABrokerTheOutputsAreStillDrivenSafeAndTheCommandEndsInTime(@TempDir Path other)
      throws Exception {
    int nobody = FreePorts.next();
    Path unreachable = installationIn(other, "tcp://127.0.0.1:" + nobody);

    GatewayProcess post = GatewayProcess.start(GatewayProcess.unitJvmOptions(),
        "safe-outputs", "--config", unreachable.toString(), "--broker-timeout", "2");
    int code = post.awaitExit(Duration.ofSeconds(60));

    assertThat(code).as(post.stderr()).isZero();
    assertThat(post.stdout()).contains("lamp: level 0, safe", "fan: level 0, safe");
    assertThat(post.stderr()).contains("retained states not published: no connection to the "
        + "broker within 2000 ms", "127.0.0.1:" + nobody);
  }

  /**
   * Issue 14, item 3: PCA9685 channels of both polarities, and a dimmable active-low led, left on
   * by a killed gateway: {@code safe-outputs} drives each safe and prints what the simulated chip
   * and PWM channel read back: an active-high channel low, an active-low one high.
   */
  @Test
  void afterSigkillPca9685ChannelsOfBothPolaritiesAndADimmableLedReadBackTheirSafeOutput()
      throws Exception {
    Path file = dir.resolve("pwm.yaml");
    Files.writeString(file, """
        installation: %s
        site: System test bench
        hardware: {backend: simulated, seed: 3}
        devices:
          - id: strip
            driver: pca9685
            address: 0x40
            options: {frequency: 1000}
            channels:
              warm: {index: 3}
          - id: canopy
            driver: pca9685
            address: 0x41
            options: {frequency: 1000, activeLow: true}
            channels:
              warm: {index: 3}
          - {id: lamp, driver: led, pin: 18, options: {dimmable: true, activeLow: true}}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s, topicPrefix: city/ba/streetsense}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        safety:
          timezone: UTC
          actuators:
            lamp: {kind: light, operations: [on, off, set]}
            canopy/warm: {kind: light, operations: [on, off, set]}
            strip/warm: {kind: light, operations: [on, off, set]}
        """.formatted(INSTALLATION, broker.url(), dir.resolve("spool"), FreePorts.next()));
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", file.toString())) {
      switchTheLampOn();
      gateway.kill();
      gateway.awaitExit(Duration.ofSeconds(20));
    }

    GatewayProcess post = runStopPost(file);

    assertThat(post.exitCode()).as(post.stderr()).isZero();
    assertThat(post.stdout()).contains(
        "strip/warm: level 0, safe, output low",
        "canopy/warm: level 0, safe, output high",
        "lamp: level 0, safe, output high",
        "retained states published as safe");
    assertThat(retainedLampState(s -> s.path("cause").asText().equals("safe_outputs"))
        .path("safe").asBoolean()).isTrue();
  }

  @Test
  void anInvalidInstallationFileIsRefusedWithExitCode3() throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "installation: x\ndevices: 12\n");

    GatewayProcess post = GatewayProcess.run(Duration.ofSeconds(60), "safe-outputs", "--config",
        broken.toString());

    assertThat(post.exitCode()).as(post.stderr()).isEqualTo(3);
  }

  /** Commands the lamp on over MQTT and waits until its retained state says so. */
  private void switchTheLampOn() throws Exception {
    try (MqttTestSubscriber states = MqttTestSubscriber.connect(broker.url(), LAMP_STATE);
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(),
            PREFIX + INSTALLATION + "/lamp/result")) {
      MqttClient sender = new MqttClient(broker.url(), "safe-outputs-it-sender",
          new MemoryPersistence());
      sender.connect();
      try {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int n = 0;
        // The gateway subscribes to commands once connected; repeat until one is answered.
        while (results.messages().isEmpty() && System.nanoTime() < deadline) {
          MqttMessage on = new MqttMessage(("{\"id\":\"on-" + (++n) + "\",\"op\":\"on\"}")
              .getBytes(StandardCharsets.UTF_8));
          on.setQos(1);
          sender.publish(PREFIX + INSTALLATION + "/lamp/command", on);
          try {
            results.awaitMessage(m -> true, Duration.ofSeconds(2));
          } catch (AssertionError | RuntimeException notYet) {
            // not subscribed yet: send again
          }
        }
      } finally {
        sender.disconnect();
        sender.close();
      }
      ReceivedMessage on = states.awaitMessage(m -> json(m).path("level").asDouble() == 1.0, WAIT);
      assertThat(json(on).path("safe").asBoolean()).isFalse();
    }
  }

  private JsonNode retainedLampState(Predicate<JsonNode> condition) {
    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(broker.url(), LAMP_STATE)) {
      ReceivedMessage m = latecomer.awaitMessage(r -> r.retained() && condition.test(json(r)), WAIT);
      return json(m);
    }
  }

  /**
   * The unit's {@code ExecStopPost=} line with this build's java, JVM options, jar and
   * installation file, run to its end.
   */
  private static GatewayProcess runStopPost(Path config) throws IOException {
    String line = Files.readAllLines(ProjectPaths.root().resolve(
            "deploy/systemd/streetsense.service")).stream()
        .filter(l -> l.startsWith("ExecStopPost=")).findFirst().orElseThrow();
    List<String> words = Arrays.asList(line.substring("ExecStopPost=".length()).split("\\s+"));
    assertThat(words.subList(0, 4)).containsExactly("/usr/bin/java", "$STREETSENSE_JAVA_OPTS",
        "-jar", "/opt/streetsense/streetsense.jar");
    List<String> args = new ArrayList<>();
    for (String w : words.subList(4, words.size())) {
      args.add(w.equals("/etc/streetsense/installation.yaml") ? config.toString()
          // where `run --config FILE` keeps its store without --config-store: beside the spool
          : w.equals("/var/lib/streetsense/config-store") ? config.resolveSibling("config-store").toString()
          : w);
    }
    GatewayProcess post = GatewayProcess.start(GatewayProcess.unitJvmOptions(),
        args.toArray(String[]::new));
    post.awaitExit(Duration.ofSeconds(60));
    return post;
  }

  private Path installation(String url) throws IOException {
    return installationIn(dir, url);
  }

  private static Path installationIn(Path where, String url) throws IOException {
    Path file = where.resolve("safe.yaml");
    Files.writeString(file, """
        installation: %s
        site: System test bench
        hardware: {backend: simulated, seed: 3}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 500ms}
          - {id: lamp, driver: led, pin: 18, safeState: off}
          - {id: fan, driver: relay, pin: 23, safeState: off}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s, topicPrefix: city/ba/streetsense}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        safety:
          timezone: UTC
          actuators:
            lamp: {kind: light, operations: [on, off]}
        """.formatted(INSTALLATION, url, where.resolve("spool"), FreePorts.next()));
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
