package org.streetsense.system.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * {@code sinks.influxdb.token} (from the environment and from a file), seen by the server the
 * gateway writes to. No InfluxDB 2 is installed here and VictoriaMetrics ignores tokens, so each
 * gateway process (the unit's JVM options) writes to a small HTTP endpoint in this test that
 * answers {@code /api/v2/write} with 204, as InfluxDB 2 does, and records each request's
 * {@code Authorization} header and (gunzipped) body.
 */
@Timeout(120)
class DeclaredInfluxTokenIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String ENV_TOKEN = "env-token-7f3a9c";
  private static final String FILE_TOKEN = "file-token-42d8e1";

  private static MosquittoServer broker;
  private static WriteEndpoint fromEnv;
  private static WriteEndpoint fromFile;
  private static final List<GatewayProcess> gateways = new ArrayList<>();
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("streetsense-influx-token-");
    broker = MosquittoServer.anonymous();
    broker.start();
    fromEnv = new WriteEndpoint();
    fromFile = new WriteEndpoint();
    Path secret = Files.writeString(dir.resolve("influx.token"), FILE_TOKEN + "\n");
    gateways.add(gateway("env-token", fromEnv, "{env: DECLARED_INFLUX_TOKEN}"));
    gateways.add(gateway("file-token", fromFile, "{file: " + secret + "}"));
  }

  private static GatewayProcess gateway(String installation, WriteEndpoint endpoint, String token)
      throws Exception {
    Path file = Files.writeString(dir.resolve(installation + ".yaml"), """
        installation: %s
        site: Influx token bench
        hardware: {backend: simulated, seed: 5}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 200ms}
        uplink:
          mqtt: {url: %s}
        sinks:
          influxdb:
            url: %s
            api: v2
            org: streetsense
            bucket: bench
            token: %s
        spool: {dir: %s}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(installation, broker.url(), endpoint.url(), token,
        dir.resolve(installation + "-spool"), FreePorts.next()));
    return GatewayProcess.startAsUnit(Map.of("DECLARED_INFLUX_TOKEN", ENV_TOKEN),
        "run", "--config", file.toString());
  }

  @AfterAll
  static void stop() {
    gateways.forEach(GatewayProcess::close);
    if (broker != null) {
      broker.close();
    }
    for (WriteEndpoint e : new WriteEndpoint[] {fromEnv, fromFile}) {
      if (e != null) {
        e.close();
      }
    }
  }

  /** sinks.influxdb.token.env: every write carries the token from the environment variable. */
  @Test
  void theWritesCarryTheTokenFromTheEnvironment() {
    await().atMost(WAIT).until(() -> fromEnv.requests.size() >= 2);

    assertThat(fromEnv.requests).allSatisfy(r -> {
      assertThat(r.authorization()).isEqualTo("Token " + ENV_TOKEN);
      assertThat(r.body()).contains("installation=env-token");
    });
  }

  /** sinks.influxdb.token.file: every write carries the token from the file, without its newline. */
  @Test
  void theWritesCarryTheTokenFromTheFile() {
    await().atMost(WAIT).until(() -> fromFile.requests.size() >= 2);

    assertThat(fromFile.requests).allSatisfy(r -> {
      assertThat(r.authorization()).isEqualTo("Token " + FILE_TOKEN);
      assertThat(r.body()).contains("installation=file-token");
    });
  }

  /** One write request as the endpoint saw it. */
  record Write(String path, String authorization, String body) {}

  /**
   * A loopback HTTP server that answers POST /api/v2/write with 204 No Content, as InfluxDB 2
   * does for an accepted write, and anything else with 404; it records every write.
   */
  static final class WriteEndpoint implements AutoCloseable {

    final List<Write> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    WriteEndpoint() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.createContext("/", exchange -> {
        boolean gzip = "gzip".equalsIgnoreCase(
            exchange.getRequestHeaders().getFirst("Content-Encoding"));
        try (exchange; InputStream in = gzip
            ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
          String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          String path = exchange.getRequestURI().getPath();
          if ("POST".equals(exchange.getRequestMethod()) && path.equals("/api/v2/write")) {
            requests.add(new Write(path,
                exchange.getRequestHeaders().getFirst("Authorization"), body));
            exchange.sendResponseHeaders(204, -1);
          } else {
            exchange.sendResponseHeaders(404, -1);
          }
        }
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
