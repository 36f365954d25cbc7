package org.streetsense.system.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.InfluxDb1Server;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.VictoriaMetricsServer;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * The InfluxDB keys of the installation file, seen from the databases. InfluxDB 1.x runs with
 * authentication on, so a write without credentials is refused, and two gateway processes (the
 * unit's JVM options) write their readings as a user with write rights on one database, one with
 * the password from the environment, one with the password from a file. Two more write to a
 * VictoriaMetrics each (its InfluxDB v2 API), one with {@code batchSize: 1}, one with the default;
 * VictoriaMetrics counts the write requests and the rows they carried.
 */
@Timeout(180)
class DeclaredInfluxSettingsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String DB = "creds";

  private static InfluxDb1Server influx;
  private static VictoriaMetricsServer single;
  private static VictoriaMetricsServer batched;
  private static MosquittoServer broker;
  private static final List<GatewayProcess> gateways = new ArrayList<>();
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("streetsense-influx-creds-");
    influx = InfluxDb1Server.withAuthentication("admin", "admin-secret");
    influx.start();
    influx.createDatabase(DB);
    influx.createWriter("writer", "writer-secret", DB);
    broker = MosquittoServer.anonymous();
    broker.start();
    Path secret = Files.writeString(dir.resolve("influx.password"), "writer-secret\n");
    single = new VictoriaMetricsServer();
    single.start();
    batched = new VictoriaMetricsServer();
    batched.start();
    gateways.add(gateway("env-creds", v1("{env: DECLARED_INFLUX_PASSWORD}")));
    gateways.add(gateway("file-creds", v1("{file: " + secret + "}")));
    gateways.add(gateway("batch-one", v2(single, "batchSize: 1")));
    gateways.add(gateway("batch-default", v2(batched, "")));
  }

  /** The influxdb sink for the InfluxDB 1.x with the writer's user and {@code password}. */
  private static String v1(String password) {
    return """
          influxdb:
            url: %s
            api: v1
            database: %s
            username: writer
            password: %s
        """.formatted(influx.url(), DB, password);
  }

  /** The influxdb sink for a VictoriaMetrics (v2 API), with an optional {@code extra} key. */
  private static String v2(VictoriaMetricsServer vm, String extra) {
    return """
          influxdb:
            url: %s
            api: v2
            org: streetsense
            bucket: bench
            %s
        """.formatted(vm.url(), extra);
  }

  private static GatewayProcess gateway(String installation, String sink) throws Exception {
    Path file = Files.writeString(dir.resolve(installation + ".yaml"), """
        installation: %s
        site: Influx credentials bench
        hardware: {backend: simulated, seed: 3}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 200ms}
          - id: knob
            driver: ads1115
            address: 0x48
            period: 100ms
            channels:
              a: {index: 0}
              b: {index: 1}
              c: {index: 2}
              d: {index: 3}
        uplink:
          mqtt: {url: %s}
        sinks:
        %s
        spool: {dir: %s}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(installation, broker.url(), sink,
        dir.resolve(installation + "-spool"), FreePorts.next()));
    return GatewayProcess.startAsUnit(Map.of("DECLARED_INFLUX_PASSWORD", "writer-secret"),
        "run", "--config", file.toString());
  }

  @AfterAll
  static void stop() {
    gateways.forEach(GatewayProcess::close);
    if (broker != null) {
      broker.close();
    }
    for (AutoCloseable server : new AutoCloseable[] {influx, single, batched}) {
      if (server != null) {
        try {
          server.close();
        } catch (Exception e) {
          // the next server is closed regardless
        }
      }
    }
  }

  /** The database refuses a write without credentials: only the declared ones can get in. */
  @Test
  void theDatabaseRefusesAWriteWithoutCredentials() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(influx.url() + "/write?db=" + DB))
        .POST(HttpRequest.BodyPublishers.ofString("reading,installation=stranger value=1")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(401);
  }

  /** sinks.influxdb.username and password.env: the readings are in the database. */
  @Test
  void theUserWithThePasswordFromTheEnvironmentWrites() {
    await().atMost(WAIT).untilAsserted(() -> assertThat(installationsWritten()).contains("env-creds"));
  }

  /** sinks.influxdb.username and password.file: the readings are in the database. */
  @Test
  void theUserWithThePasswordFromTheFileWrites() {
    await().atMost(WAIT).untilAsserted(() -> assertThat(installationsWritten()).contains("file-creds"));
  }

  /**
   * sinks.influxdb.batchSize: with {@code batchSize: 1} every write request carries one point, so
   * at most its three fields (value, seq, clock_trusted) as VictoriaMetrics rows; with the default
   * the readings that wait together (the backlog before the first write, the four channels of one
   * sample) share a request.
   */
  @Test
  void batchSizeOneSendsOnePointPerWriteRequest() throws Exception {
    await().atMost(WAIT).until(() -> counters(single)[1] >= 300 && counters(batched)[1] >= 300);
    double[] one = counters(single);
    double[] many = counters(batched);

    assertThat(one[1]).as("rows of %s requests with batchSize 1", one[0])
        .isLessThanOrEqualTo(3 * one[0]);
    assertThat(many[1]).as("rows of %s requests with the default batch size", many[0])
        .isGreaterThan(2 * 3 * many[0]);
  }

  /** VictoriaMetrics's InfluxDB write requests and the rows they carried, from one /metrics. */
  private static double[] counters(VictoriaMetricsServer vm) throws Exception {
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(vm.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    return new double[] {
        counter(metrics, "vm_http_requests_total{path=\"/influx/write\", protocol=\"influx\"}"),
        counter(metrics, "vm_rows_inserted_total{type=\"influx\"}")};
  }

  private static double counter(String metrics, String series) {
    return metrics.lines().filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .findFirst().orElse(0);
  }

  private static String installationsWritten() {
    return influx.query(DB, "SHOW TAG VALUES FROM \"reading\" WITH KEY = \"installation\"");
  }
}
