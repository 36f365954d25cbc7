package org.streetsense.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.rigs.process.GatewayProcess;
import org.streetsense.rigs.ProjectPaths;

/**
 * The memory choices of the systemd unit's JVM options (docs/performance.md "Footprint",
 * decision 0347), observed from outside on a gateway run with exactly those options: once it has
 * published and answered one HTTP request, {@code jcmd} shows a heap sized near its live set
 * rather than the 64 MiB cap, no class of the InfluxDB client stack when no InfluxDB sink is
 * declared, and none of Netty's Flight Recorder events (which the options before decision 0347
 * loaded as soon as Netty allocated a buffer), and no class of the metrics registry until
 * {@code /metrics} is first scraped (decision 0376), whose answer then counts every reading from
 * the start, and no jackson-databind class even after serving JSON and refusing a command
 * (decision 0376). No timing or size-of-RSS assertions: those are bench rows.
 */
@Timeout(180)
class UnitFootprintIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern GENERATION_TOTAL = Pattern.compile("total (\\d+)K, used \\d+K");

  private static MosquittoServer broker;
  private static MqttTestSubscriber subscriber;
  private static GatewayProcess gateway;
  private static int httpPort;

  @BeforeAll
  static void startWithTheUnitsOptionsUntilItPublishes() throws Exception {
    Path dir = Files.createTempDirectory("streetsense-footprint-");
    httpPort = FreePorts.next();
    broker = MosquittoServer.anonymous();
    broker.start();
    subscriber = MqttTestSubscriber.connect(broker.url(), "streetsense/v1/+/+/reading");
    Path file = Files.writeString(dir.resolve("installation.yaml"), """
        installation: footprint
        site: Footprint check
        hardware: {backend: simulated, seed: 17}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 100ms}
        uplink:
          mqtt: {url: "%s"}
        spool: {dir: %s}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(broker.url(), dir.resolve("spool"), httpPort));
    gateway = GatewayProcess.startAsUnit("run", "--config", file.toString());
    subscriber.awaitMessages(20, WAIT);
    // one HTTP exchange, so Netty's buffer allocator has been used (its JFR events would load)
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest page = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/"))
        .timeout(Duration.ofSeconds(5)).build();
    await("the dashboard answers").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> http.send(page, HttpResponse.BodyHandlers.discarding()).statusCode() > 0);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {gateway, subscriber, broker}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // the next one is closed regardless
        }
      }
    }
  }

  @Test
  void theHeapIsSizedNearItsLiveSetNotAtTheCap() {
    String heap = jcmd("GC.heap_info");
    Matcher m = GENERATION_TOTAL.matcher(heap);
    long committedKb = 0;
    while (m.find()) {
      committedKb += Long.parseLong(m.group(1));
    }
    assertThat(committedKb).as(heap).isPositive()
        // -Xmx64m caps it; -Xms8m and the free ratios keep it near the ~10 MiB live set
        .isLessThan(40 * 1024);
    assertThat(GatewayProcess.unitJvmOptions()).contains("-Xmx64m", "-Xms8m");
  }

  @Test
  void noInfluxClientClassIsLoadedWithoutAnInfluxSink() {
    String classes = jcmd("VM.class_hierarchy");
    assertThat(classes).contains("org.streetsense.gateway.")
        .doesNotContain("com.influxdb.", "okhttp3.", "retrofit2.", "io.reactivex.");
  }

  @Test
  void theMetricsRegistryIsBuiltAtTheFirstScrapeWithEveryCountFromTheStart() throws Exception {
    String before = jcmd("VM.class_hierarchy");
    assertThat(before).as("no scrape yet: no registry, no JVM binders, no management beans")
        .doesNotContain("io.prometheus.metrics.", "io.micrometer.core.instrument.binder.jvm.",
            "sun.management.");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(scraped.statusCode()).as(scraped.body()).isEqualTo(200);
    Matcher readings = Pattern.compile(
        "streetsense_readings_total\\{device=\"light\",installation=\"footprint\"} (\\S+)")
        .matcher(scraped.body());
    assertThat(readings.find()).as(scraped.body()).isTrue();
    // at least the 20 readings the subscriber saw before anything was scraped
    assertThat(Double.parseDouble(readings.group(1))).isGreaterThanOrEqualTo(20);
    Matcher acknowledged = Pattern.compile(
        "streetsense_publish_latency_seconds_count\\{installation=\"footprint\"} (\\S+)")
        .matcher(scraped.body());
    assertThat(acknowledged.find()).as(scraped.body()).isTrue();
    assertThat(Double.parseDouble(acknowledged.group(1))).as("readings the broker acknowledged")
        .isGreaterThanOrEqualTo(20);
    assertThat(scraped.body()).contains("jvm_memory_used_bytes", "process_uptime_seconds",
        "streetsense_http_connections_open", "streetsense_uplink_connected");
    assertThat(jcmd("VM.class_hierarchy"))
        .contains("io.prometheus.metrics.", "io.micrometer.core.instrument.binder.jvm.");
  }

  @Test
  void noJacksonDatabindClassIsLoadedEvenAfterServingJsonAndTakingACommand() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : List.of("/health", "/public/api/current", "/public/about")) {
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + httpPort + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).as(path + ": " + page.body()).isEqualTo(200);
    }
    try (MqttTestSubscriber results =
        MqttTestSubscriber.connect(broker.url(), "streetsense/v1/footprint/+/result")) {
      Commands.run("mosquitto_pub", "-p", String.valueOf(broker.port()), "-q", "1",
          "-t", "streetsense/v1/footprint/lamp/command",
          "-m", "{\"id\":\"c-1\",\"op\":\"on\"} 1").requireSuccess();
      assertThat(results.awaitMessages(1, WAIT).get(0).text())
          .contains("\"status\":\"rejected\"", "content after the object");
    }
    String classes = jcmd("VM.class_hierarchy");
    assertThat(classes).contains("io.vertx.core.json.jackson.JacksonCodec",
            "org.streetsense.gateway.command.CommandCodec")
        .doesNotContain("com.fasterxml.jackson.databind.");
  }

  @Test
  void nettyRecordsNoFlightRecorderEventsAfterServingHttp() {
    String classes = jcmd("VM.class_hierarchy");
    assertThat(classes).contains("io.netty.buffer.")
        .doesNotContain("io.netty.buffer.AllocateBufferEvent",
            "io.netty.buffer.AllocateChunkEvent");
  }

  @Test
  void writesNoPerformanceDataFileAndStillAnswersJcmd() {
    // HotSpot writes it under /tmp on Linux, whatever java.io.tmpdir says
    Path perfData = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"),
        String.valueOf(gateway.pid()));
    assertThat(gateway.isAlive()).as(gateway.stdout()).isTrue();
    assertThat(perfData).doesNotExist();
    assertThat(jcmd("VM.flags")).contains("-XX:-UsePerfData");
  }

  @Test
  void theDocsQuoteTheUnitsOptions() throws Exception {
    String unit = String.join(" ", GatewayProcess.unitJvmOptions());
    String performance = Files.readString(ProjectPaths.root().resolve("docs/performance.md"));
    Matcher block = Pattern.compile("Shipped now:\\n\\n```\\n([^`]+)```").matcher(performance);
    assertThat(block.find()).as("performance.md quotes the shipped options").isTrue();
    assertThat(normalized(block.group(1))).isEqualTo(unit);
    String deploy = Files.readString(ProjectPaths.root().resolve("docs/deploy.md"));
    Matcher quoted =
        Pattern.compile("`STREETSENSE_JAVA_OPTS` \\(default `([^`]+)`").matcher(deploy);
    assertThat(quoted.find()).as("deploy.md quotes the default options").isTrue();
    assertThat(normalized(quoted.group(1))).isEqualTo(unit);
  }

  private static String normalized(String options) {
    return options.strip().replaceAll("\\s+", " ");
  }

  private static String jcmd(String command) {
    assertThat(gateway.isAlive()).as(gateway.stdout()).isTrue();
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    return Commands.run(List.of(jcmd, String.valueOf(gateway.pid()), command), Map.of(),
        Duration.ofMinutes(1)).requireSuccess().output();
  }
}
