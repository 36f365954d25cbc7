package org.streetsense.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * A technician reading the log sees every MQTT session the gateway loses: the broker restarted
 * twice in quick succession, the second time before the new session had stayed up for the stable
 * time (while the uplink is still backing off), gives two warnings, not one.
 */
class UplinkLossesLoggedIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String CONNECTED = "MQTT uplink connected to";
  private static final String LOST = "WARN PahoMqttUplink - MQTT uplink: ";

  @TempDir Path dir;

  @Test
  @Timeout(120)
  void everyLostSessionIsWarnedAboutEvenWhileTheUplinkIsStillBackingOff() throws Exception {
    try (MosquittoServer broker = MosquittoServer.anonymous()) {
      broker.start();
      Path file = Files.writeString(dir.resolve("losses.yaml"), """
          installation: losses
          site: Lost sessions bench
          hardware: {backend: simulated}
          devices:
            - {id: light, driver: bh1750, address: 0x23}
          uplink:
            mqtt: {url: %s}
          spool: {dir: %s}
          http: {host: 127.0.0.1, port: %d}
          """.formatted(broker.url(), dir.resolve("spool"), FreePorts.next()));
      try (GatewayProcess gateway = GatewayProcess.start("run", "--config", file.toString())) {
        await("the first session").atMost(WAIT).until(() -> count(gateway, CONNECTED) == 1);
        broker.restart();
        await("the second session").atMost(WAIT).until(() -> count(gateway, CONNECTED) == 2);
        broker.restart();
        await("the third session").atMost(WAIT).until(() -> count(gateway, CONNECTED) == 3);

        assertThat(count(gateway, LOST)).as("warnings of a lost session in:%n%s",
            gateway.stderr()).isEqualTo(2);
      }
    }
  }

  private static int count(GatewayProcess gateway, String text) {
    return (int) gateway.stderr().lines().filter(l -> l.contains(text)).count();
  }
}
