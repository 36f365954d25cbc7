package org.streetsense.system.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code run --config FILE} as a child process against a real Mosquitto: killed without warning
 * (SIGKILL, like a power cut), the broker publishes the gateway's Last Will, retained, so a
 * subscriber that comes later still learns the gateway is offline.
 */
@Timeout(120)
class LastWillProcessIT {

  private MosquittoServer broker;
  private GatewayProcess gateway;

  @BeforeEach
  void startBroker() {
    broker = MosquittoServer.anonymous();
    broker.start();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    broker.close();
  }

  @Test
  void killedGatewayIsMarkedOfflineByItsRetainedLastWill(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bench.yaml");
    Files.writeString(file, """
        installation: will-bench
        site: System test bench
        hardware: {backend: simulated, seed: 3}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 500ms}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(broker.url(), dir.resolve("spool"), FreePorts.next()));
    String state = "streetsense/v1/will-bench/state";
    try (MqttTestSubscriber watcher = MqttTestSubscriber.connect(broker.url(), state)) {
      gateway = GatewayProcess.start("run", "--config", file.toString());
      ReceivedMessage online = watcher.awaitMessage(m -> m.text().contains("\"status\":\"online\""),
          Duration.ofSeconds(60));
      long boot = bootOf(online.text());

      gateway.kill();
      gateway.awaitExit(Duration.ofSeconds(20));
      ReceivedMessage will = watcher.awaitMessage(m -> m.text().contains("\"status\":\"offline\""),
          Duration.ofSeconds(15));
      assertThat(bootOf(will.text())).as("the will matches the birth of the same run").isEqualTo(boot);
    }
    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(broker.url(), state)) {
      ReceivedMessage retained = latecomer.awaitMessage(m -> true, Duration.ofSeconds(5));
      assertThat(retained.retained()).isTrue();
      assertThat(retained.text()).contains("\"status\":\"offline\"", "\"installation\":\"will-bench\"");
    }
  }

  private static long bootOf(String json) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"boot\":(\\d+)").matcher(json);
    assertThat(m.find()).as("boot in %s", json).isTrue();
    return Long.parseLong(m.group(1));
  }
}
