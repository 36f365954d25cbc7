package org.streetsense.system.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.harness.TestCertificates;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * uplink.mqtt.tls (caFile, certFile, keyFile) from an installation file: the jar, with the unit's
 * JVM options, reaches a Mosquitto whose TLS listener is signed by a throw-away CA the JVM does not
 * trust and requires a client certificate. Readings arriving prove all three keys were used.
 */
@Timeout(120)
class DeclaredTlsSettingsIT {

  @Test
  void theGatewayConnectsWithTheDeclaredCaAndClientCertificate(@TempDir Path dir) throws Exception {
    TestCertificates certs = TestCertificates.generate(dir.resolve("pki"));
    try (MosquittoServer broker = MosquittoServer.builder().tls(certs)
        .requireClientCertificate(true).build()) {
      broker.start();
      Path file = Files.writeString(dir.resolve("tls.yaml"), """
          installation: tls-bench
          site: TLS bench
          hardware: {backend: simulated}
          devices:
            - {id: light, driver: bh1750, address: 0x23, period: 200ms}
          uplink:
            mqtt:
              url: %s
              tls: {caFile: %s, certFile: %s, keyFile: %s}
          spool: {dir: %s}
          http: {host: 127.0.0.1, port: %d}
          """.formatted(broker.tlsUrl(), certs.caCert(), certs.clientCert(), certs.clientKey(),
          dir.resolve("spool"), FreePorts.next()));
      try (MqttTestSubscriber plain = MqttTestSubscriber.connect(broker.url(),
              "streetsense/v1/tls-bench/#");
          GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", file.toString())) {
        ReceivedMessage reading = plain.awaitMessage(
            m -> m.topic().equals("streetsense/v1/tls-bench/light/reading"), Duration.ofSeconds(30));

        assertThat(reading.payload()).as(gateway.stderr()).isNotEmpty();
      }
    }
  }
}
