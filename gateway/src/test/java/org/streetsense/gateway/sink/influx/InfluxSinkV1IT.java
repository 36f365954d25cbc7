package org.streetsense.gateway.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.stream.IntStream;
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
import org.streetsense.harness.InfluxDb1Server;

/** InfluxSink in v1 mode against Debian's real influxd 1.6.7. */
class InfluxSinkV1IT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final InfluxDb1Server influx = new InfluxDb1Server();
  private static final Vertx vertx = Vertx.vertx();

  @BeforeAll
  static void startServer() {
    influx.start();
  }

  @AfterAll
  static void stopServer() {
    influx.stop();
    await(vertx.close());
  }

  private static InfluxSink sink(String db) {
    influx.start();
    influx.createDatabase(db);
    return InfluxSink.create(vertx, InfluxSinkOptions.builder(influx.url()).v1(db, null, null)
        .site("north").batchSize(100).build());
  }

  @Test
  void writesValuesAndTagsAndKeepsTwoEventsOfOneMillisecond() throws Exception {
    InfluxSink sink = sink("values");
    List<Observation> batch = new ArrayList<>();
    IntStream.range(0, 3).forEach(i -> batch.add(InfluxFixtures.reading(i)));
    batch.add(InfluxFixtures.touch(1));
    batch.add(InfluxFixtures.touch(2));
    await(sink.deliver(batch));

    JsonNode readings = series(influx.query("values",
        "SELECT value, seq, installation, site, device, channel FROM reading"));
    assertThat(readings.get("values")).hasSize(3);
    JsonNode first = readings.get("values").get(0);
    assertThat(first.get(0).asLong()).isEqualTo(MS * 1_000_000 + 1);
    assertThat(first.get(1).asDouble()).isEqualTo(20.0);
    assertThat(first.get(2).asLong()).isEqualTo(1);
    assertThat(first.get(3).asText()).isEqualTo("plaza");
    assertThat(first.get(4).asText()).isEqualTo("north");
    assertThat(first.get(5).asText()).isEqualTo("bme280");
    assertThat(first.get(6).asText()).isEqualTo("temperature");

    JsonNode events = series(influx.query("values", "SELECT seq FROM event"));
    assertThat(events.get("values")).hasSize(2);
    assertThat(events.get("values").get(0).get(1).asLong()).isEqualTo(1);
    assertThat(events.get("values").get(1).get(1).asLong()).isEqualTo(2);
    sink.close();
  }

  @Test
  void failsWhileInfluxIsDownAndTheSpoolDeliversEverythingAfterwards(@TempDir Path dir) {
    InfluxSink sink = sink("outage");
    Spool spool = await(Spool.open(SpoolOptions.builder(dir).build(), vertx));
    SpoolForwarder forwarder = await(SpoolForwarder.start(vertx, spool, sink,
        ForwarderOptions.builder().retryInitial(Duration.ofMillis(200))
            .retryMax(Duration.ofSeconds(1)).build(),
        InfluxFixtures.trustedClock(), TimeSource.system()));
    for (int i = 0; i < 200; i++) {
      await(spool.append(InfluxFixtures.reading(i)));
    }
    await("first half written").atMost(Duration.ofSeconds(20)).until(() -> count("outage") == 200);
    await("first half acknowledged").atMost(Duration.ofSeconds(20))
        .until(() -> await(forwarder.progress()).backlog() == 0);

    influx.stop();
    for (int i = 200; i < 400; i++) {
      await(spool.append(InfluxFixtures.reading(i)));
    }
    await("deliveries failing").atMost(Duration.ofSeconds(20))
        .until(() -> await(forwarder.progress()).failures() > 0);
    assertThat(await(forwarder.progress()).backlog()).isEqualTo(200);
    assertThatThrownBy(() -> await(sink.deliver(List.of(InfluxFixtures.reading(1)))))
        .hasMessageContaining("influx");

    influx.start();
    await("backlog written").atMost(Duration.ofSeconds(30)).until(() -> count("outage") == 400);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> await(forwarder.progress()).backlog() == 0);
    forwarder.stop();
    await(spool.close());
    sink.close();
  }

  private static long count(String db) {
    try {
      JsonNode s = series(influx.query(db, "SELECT count(value) FROM reading"));
      return s == null ? 0 : s.get("values").get(0).get(1).asLong();
    } catch (Exception e) {
      return -1;
    }
  }

  private static JsonNode series(String body) throws Exception {
    JsonNode series = JSON.readTree(body).path("results").path(0).path("series");
    return series.isMissingNode() ? null : series.get(0);
  }
}
