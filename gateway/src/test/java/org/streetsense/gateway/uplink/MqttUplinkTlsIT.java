package org.streetsense.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.streetsense.gateway.uplink.UplinkTestSupport.WAIT;
import static org.streetsense.gateway.uplink.UplinkTestSupport.await;
import static org.streetsense.gateway.uplink.UplinkTestSupport.fastOptions;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.uplink.ConnectionState.Status;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.TestCertificates;

@Timeout(120)
class MqttUplinkTlsIT {

  private static final String USER = "kosice-square";
  private static final String PASSWORD = "s3cret-Pa55";

  @TempDir
  static Path certDir;

  private static TestCertificates certs;

  private Vertx vertx;
  private MqttUplink uplink;
  private final List<ConnectionState> states = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void generateCertificates() {
    certs = TestCertificates.generate(certDir.resolve("pki"));
  }

  @BeforeEach
  void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopAll() {
    if (uplink != null) {
      await(uplink.stop());
    }
    await(vertx.close());
  }

  private MqttUplink start(MqttUplinkOptions options) {
    uplink = MqttUplink.create(vertx, options);
    uplink.onConnectionChange(states::add);
    await(uplink.start());
    return uplink;
  }

  @Test
  void connectsOverTlsWithUserNameAndPasswordAndPublishes() {
    try (MosquittoServer broker = MosquittoServer.builder().user(USER, PASSWORD).tls(certs)
        .build()) {
      broker.start();
      start(fastOptions(broker.tlsUrl(), "gw-tls").username(USER)
          .password(PASSWORD.toCharArray()).tls(TlsOptions.trusting(certs.caCert())).build());
      await().atMost(WAIT).until(uplink::isConnected);
      await(uplink.publish("streetsense/v1/kosice-square/state", "x".getBytes(
          StandardCharsets.UTF_8), 1, false));
    }
  }

  @Test
  void wrongPasswordIsRefusedWithAClearErrorThatHidesThePassword() {
    try (MosquittoServer broker = MosquittoServer.builder().user(USER, PASSWORD).tls(certs)
        .build()) {
      broker.start();
      start(fastOptions(broker.tlsUrl(), "gw-bad").username(USER)
          .password("wrong-guess".toCharArray()).tls(TlsOptions.trusting(certs.caCert()))
          .build());
      await().atMost(WAIT).until(() -> states.stream()
          .anyMatch(s -> s.status() == Status.DISCONNECTED));
      ConnectionState refused = states.get(0);
      assertThat(refused.reason())
          .contains("refused the connection")
          .containsAnyOf("bad user name or password", "not authorised")
          .contains("user '" + USER + "'")
          .doesNotContain("wrong-guess");
      assertThat(uplink.isConnected()).isFalse();
      assertThat(uplink.publish("streetsense/x", new byte[0], 1, false).failed()).isTrue();
    }
  }

  @Test
  void mutualTlsWithPemClientCertificateConnects() {
    try (MosquittoServer broker = MosquittoServer.builder().tls(certs)
        .requireClientCertificate(true).build()) {
      broker.start();
      start(fastOptions(broker.tlsUrl(), "gw-mtls").tls(TlsOptions.mutual(certs.caCert(),
          certs.clientCert(), certs.clientKey())).build());
      await().atMost(WAIT).until(uplink::isConnected);
    }
  }

  @Test
  void brokerCertificateFromAnotherCaIsRejected() {
    TestCertificates other = TestCertificates.generate(certDir.resolve("other"));
    try (MosquittoServer broker = MosquittoServer.builder().tls(certs).build()) {
      broker.start();
      start(fastOptions(broker.tlsUrl(), "gw-untrusted")
          .tls(TlsOptions.trusting(other.caCert())).build());
      await().atMost(WAIT).until(() -> !states.isEmpty());
      assertThat(states.get(0).status()).isEqualTo(Status.DISCONNECTED);
      assertThat(states.get(0).reason()).contains("TLS handshake with " + broker.tlsUrl());
      assertThat(uplink.isConnected()).isFalse();
    }
  }

  @Test
  void unreadableCaFileIsReportedWhenTheUplinkIsCreated() {
    MqttUplinkOptions options = fastOptions("ssl://127.0.0.1:8883", "gw-noca")
        .tls(TlsOptions.trusting(certDir.resolve("missing.crt"))).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MqttUplink.create(vertx, options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tls.caFile")
        .hasMessageContaining("missing.crt");
  }
}
