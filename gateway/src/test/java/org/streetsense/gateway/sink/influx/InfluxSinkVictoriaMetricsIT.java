package org.streetsense.gateway.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.streetsense.gateway.sink.influx.InfluxFixtures.MS;
import static org.streetsense.gateway.sink.influx.InfluxFixtures.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.spool.ForwarderOptions;
import org.streetsense.gateway.spool.Spool;
import org.streetsense.gateway.spool.SpoolForwarder;
import org.streetsense.gateway.spool.SpoolOptions;
import org.streetsense.harness.VictoriaMetricsServer;

/** InfluxSink in v2 mode (influxdb-client-java, gzip) against a real VictoriaMetrics. */
class InfluxSinkVictoriaMetricsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final VictoriaMetricsServer vm = new VictoriaMetricsServer();
  private static final Vertx vertx = Vertx.vertx();

  @BeforeAll
  static void startServer() {
    vm.start();
  }

  @AfterAll
  static void stopServer() {
    vm.stop();
    await(vertx.close());
  }

  private static InfluxSink sink() {
    vm.start();
    return InfluxSink.create(vertx, InfluxSinkOptions.builder(vm.url())
        .v2("streetsense", "streetsense", "unused").site("north").build());
  }

  @Test
  void writesValuesTagsAndBothEventsOfOneMillisecond() throws Exception {
    InfluxSink sink = sink();
    List<Observation> batch = new ArrayList<>();
    batch.add(InfluxFixtures.reading(0));
    batch.add(InfluxFixtures.reading(1));
    batch.add(InfluxFixtures.touch(1));
    batch.add(InfluxFixtures.touch(2));
    await(sink.deliver(batch));

    List<JsonNode> readings = export("{__name__=\"reading_value\",channel=\"temperature\"}");
    assertThat(readings).hasSize(1);
    JsonNode metric = readings.get(0).get("metric");
    assertThat(metric.get("installation").asText()).isEqualTo("plaza");
    assertThat(metric.get("site").asText()).isEqualTo("north");
    assertThat(metric.get("device").asText()).isEqualTo("bme280");
    assertThat(values(readings)).containsExactly(20.0, 21.0);
    assertThat(readings.get(0).get("timestamps").get(0).asLong()).isEqualTo(MS);

    List<JsonNode> eventSeqs = export("{__name__=\"event_seq\",channel=\"e3\"}");
    assertThat(values(eventSeqs)).containsExactlyInAnyOrder(1.0, 2.0);
    sink.close();
  }

  @Test
  void backlogIsWrittenAfterAnOutage(@TempDir Path dir) {
    vm.start();
    InfluxSink sink = InfluxSink.create(vertx, InfluxSinkOptions.builder(vm.url())
        .v2("streetsense", "streetsense", "unused").site("outage").build());
    Spool spool = await(Spool.open(SpoolOptions.builder(dir).build(), vertx));
    SpoolForwarder forwarder = await(SpoolForwarder.start(vertx, spool, sink,
        ForwarderOptions.builder().retryInitial(Duration.ofMillis(200))
            .retryMax(Duration.ofSeconds(1)).build(),
        InfluxFixtures.trustedClock(), TimeSource.system()));
    for (int i = 0; i < 100; i++) {
      await(spool.append(InfluxFixtures.reading(i)));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> outageCount() == 100);
    await().atMost(Duration.ofSeconds(20))
        .until(() -> await(forwarder.progress()).backlog() == 0);

    vm.stop();
    for (int i = 100; i < 300; i++) {
      await(spool.append(InfluxFixtures.reading(i)));
    }
    await().atMost(Duration.ofSeconds(20))
        .until(() -> await(forwarder.progress()).failures() > 0);
    assertThat(await(forwarder.progress()).backlog()).isEqualTo(200);

    vm.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> outageCount() == 300);
    forwarder.stop();
    await(spool.close());
    sink.close();
  }

  private static long outageCount() {
    try {
      return values(export("{__name__=\"reading_value\",site=\"outage\"}")).size();
    } catch (Exception e) {
      return -1;
    }
  }

  private static List<JsonNode> export(String selector) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : vm.export(selector)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private static List<Double> values(List<JsonNode> series) {
    List<Double> v = new ArrayList<>();
    series.forEach(s -> s.get("values").forEach(n -> v.add(n.asDouble())));
    return v;
  }
}
