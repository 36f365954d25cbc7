package org.streetsense.system.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
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
 * uplink.mqtt.tls (caFile, certFile, keyFile) and uplink.mqtt.password.file from an installation
 * file: the jar, with the unit's JVM options, reaches a Mosquitto whose TLS listener is signed by a
 * throw-away CA the JVM does not trust, requires a client certificate and a password. Readings
 * arriving prove all of them were used. http.token.env: the token from the environment opens the
 * technician snapshot.
 */
@Timeout(120)
class DeclaredTlsSettingsIT {

  private static final String TOKEN = "tls-bench-token-0123456789";

  @Test
  void theGatewayConnectsWithTheDeclaredCaAndClientCertificate(@TempDir Path dir) throws Exception {
    TestCertificates certs = TestCertificates.generate(dir.resolve("pki"));
    Path secret = Files.writeString(dir.resolve("mqtt.secret"), "tls-secret\n");
    int httpPort = FreePorts.next();
    try (MosquittoServer broker = MosquittoServer.builder().user("gw", "tls-secret")
        .user("watcher", "watcher-secret").tls(certs).requireClientCertificate(true).build()) {
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
              username: gw
              password: {file: %s}
          spool: {dir: %s}
          http: {host: 127.0.0.1, port: %d, token: {env: DECLARED_HTTP_TOKEN}}
          """.formatted(broker.tlsUrl(), certs.caCert(), certs.clientCert(), certs.clientKey(),
          secret, dir.resolve("spool"), httpPort));
      MqttConnectOptions watcher = new MqttConnectOptions();
      watcher.setUserName("watcher");
      watcher.setPassword("watcher-secret".toCharArray());
      try (MqttTestSubscriber plain = MqttTestSubscriber.connect(broker.url(),
              "streetsense/v1/tls-bench/#", watcher);
          GatewayProcess gateway = GatewayProcess.startAsUnit(
              Map.of("DECLARED_HTTP_TOKEN", TOKEN), "run", "--config", file.toString())) {
        ReceivedMessage reading = plain.awaitMessage(
            m -> m.topic().equals("streetsense/v1/tls-bench/light/reading"), Duration.ofSeconds(30));

        assertThat(reading.payload()).as(gateway.stderr()).isNotEmpty();
        HttpRequest snapshot = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
            + "/dash/api/snapshot")).header("Authorization", "Bearer " + TOKEN).build();
        assertThat(HttpClient.newHttpClient().send(snapshot, HttpResponse.BodyHandlers.ofString())
            .body()).contains("\"id\":\"tls-bench\"");
      }
    }
  }
}
