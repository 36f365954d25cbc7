package org.streetsense.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.rigs.load.UplinkMetrics;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Issue 13, item 6: a second client connecting with the gateway's MQTT client id (here
 * {@code mosquitto_sub -i <id>}, which reconnects one second after the broker drops it, as most
 * clients do). Mosquitto closes the older connection whenever a client with the same id
 * connects, so the two take turns. The gateway, run as the systemd unit runs it, must recognise
 * the takeover, back off instead of reconnecting at full speed, say so on {@code /health} and
 * {@code /metrics}, log it once, and come back by itself once the other client is gone.
 *
 * <p>Gateway sessions are counted by the birth messages ({@code "status":"online"} on the retained
 * state topic) it publishes at every connect.
 */
class ClientIdTakeoverIT {

  private static final String INSTALLATION = "takeover-bench";
  private static final String STATE = "streetsense/v1/" + INSTALLATION + "/state";
  private static final String LOGGED = "another client probably connects with this gateway's "
      + "client id";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  @Test
  @Timeout(360)
  void aSecondClientWithTheGatewaysIdIsReportedOnceAndTheGatewayBacksOffAndRecovers()
      throws Exception {
    int httpPort = FreePorts.next();
    try (MosquittoServer broker = MosquittoServer.anonymous()) {
      broker.start();
      Path file = dir.resolve("takeover.yaml");
      Files.writeString(file, """
          installation: %s
          site: System test bench
          hardware: {backend: simulated, seed: 3}
          devices:
            - {id: light, driver: bh1750, address: 0x23, period: 500ms}
          uplink:
            mqtt: {url: "%s", keepAlive: 5s}
          spool: {dir: "%s"}
          http: {host: 127.0.0.1, port: %d}
          """.formatted(INSTALLATION, broker.url(), dir.resolve("spool"), httpPort));
      try (MqttTestSubscriber births = MqttTestSubscriber.connect(broker.url(), STATE);
          GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", file.toString())) {
        await("the gateway is ready").atMost(Duration.ofSeconds(60)).ignoreExceptions()
            .pollInterval(Duration.ofMillis(250)).until(() -> health(httpPort).statusCode() == 200);

        Process intruder = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p",
            String.valueOf(broker.port()), "-i", INSTALLATION, "-t", "intruder/nothing")
            .redirectErrorStream(true).redirectOutput(dir.resolve("intruder.txt").toFile())
            .start();
        try {
          await("the takeover is reported on /metrics").atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofMillis(250))
              .until(() -> UplinkMetrics.gauge(httpPort, "streetsense_uplink_takeover") == 1.0);
          await("/health names the takeover").atMost(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(250)).until(() -> {
                HttpResponse<String> health = health(httpPort);
                return health.statusCode() == 503 && health.body().contains("client id takeover");
              });
          assertThat(UplinkMetrics.gauge(httpPort, "streetsense_uplink_takeovers_total"))
              .isGreaterThanOrEqualTo(1.0);

          // Before the fix the two clients took turns about twice a second (13 sessions in 26 s).
          int before = sessions(births);
          await("at most 12 gateway sessions in any 40 s while the other client stays")
              .during(Duration.ofSeconds(40)).atMost(Duration.ofSeconds(45))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> sessions(births) - before <= 12);
          System.out.printf("ClientIdTakeoverIT: %d gateway sessions in 40 s with the intruder%n",
              sessions(births) - before);
          assertThat(gateway.isAlive()).isTrue();
        } finally {
          intruder.destroy();
          intruder.waitFor();
        }

        await("the gateway reconnects, stays up and is ready again").atMost(Duration.ofSeconds(150))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> health(httpPort).statusCode() == 200);
        assertThat(UplinkMetrics.gauge(httpPort, "streetsense_uplink_takeover")).isZero();
        assertThat(UplinkMetrics.connected(httpPort)).isTrue();
        String log = gateway.stderr();
        assertThat(occurrences(log, LOGGED)).as("the takeover is logged once:%n%s", log)
            .isEqualTo(1);
        assertThat(occurrences(log, "the client id takeover is over")).isEqualTo(1);
      }
    }
  }

  private static int sessions(MqttTestSubscriber births) {
    return (int) births.messagesOn(STATE).stream()
        .filter(m -> m.text().contains("\"status\":\"online\"")).count();
  }

  private static int occurrences(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private static HttpResponse<String> health(int port) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
