package org.streetsense.system.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.app.Gateway;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;

/**
 * Issue 9 item 5: a fleet of {@value #FLEET} simulated gateways in one JVM, on one shared Vert.x,
 * against one Mosquitto that is stopped for {@value #DOWN_SECONDS} s and started again on the
 * same port. Reconnects must be spread by the uplink's jittered backoff (no thundering herd) and
 * every observation must reach a backend consumer. See docs/fleet.md for the numbers and the
 * bound on connection attempts per second.
 */
class FleetReconnectIT {

  private static final Logger LOG = LoggerFactory.getLogger(FleetReconnectIT.class);
  private static final int FLEET = 200;
  private static final long DOWN_SECONDS = 5;
  /** Weather streams per gateway (BME280: temperature, humidity, pressure). */
  private static final int WEATHER_STREAMS = 3;
  /**
   * Most TCP connections the broker may accept in one second after the restart. The uplink's
   * n-th retry waits uniform(0.5 s, min(60 s, 0.5 s * 2^n)); after a 5 s outage a simulation of
   * 200 gateways (docs/fleet.md) gives a median peak of about 70 and a 99.9th percentile of
   * about 93 per calendar second; without jitter all 200 would arrive together.
   */
  private static final int PEAK_ATTEMPTS_BOUND = 120;
  private static final Duration RECONNECT_BOUND = Duration.ofSeconds(90);

  private final List<Gateway> gateways = new ArrayList<>();
  private MosquittoServer broker;
  private Vertx vertx;
  private FleetSubscriber subscriber;
  private ExecutorService starter;

  @Test
  void reconnectsSpreadByJitterAndLoseNothingAfterBrokerRestart() throws Exception {
    broker = MosquittoServer.builder()
        .persistent(true)
        .configLine("max_connections -1")
        .configLine("max_queued_messages 100000")
        .configLine("max_inflight_messages 100")
        .configLine("log_timestamp_format %Y-%m-%dT%H:%M:%S")
        .build();
    broker.start();
    vertx = Vertx.vertx();
    subscriber = FleetSubscriber.connect(broker.url(), "backend-ingest");
    startFleet(Files.createTempDirectory(Path.of("target"), "fleet-"));

    long started = System.currentTimeMillis();
    await("all " + FLEET + " gateways announced online").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> subscriber.births().size() == FLEET);
    await("every gateway's weather streams flowing").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> weatherStreamsWith(l -> l.maxSeq() >= 2) == FLEET * WEATHER_STREAMS);
    LOG.info("fleet of {} up; {} threads, {} MB heap used", FLEET, threads(), heapMb());
    assertOwnHistoryOnly(gateways.get(0));

    broker.stop();
    long stoppedAt = System.currentTimeMillis();
    await("broker kept down " + DOWN_SECONDS + " s").pollDelay(Duration.ofSeconds(DOWN_SECONDS))
        .atMost(Duration.ofSeconds(DOWN_SECONDS + 5))
        .until(() -> !subscriber.isConnected());
    broker.start();
    long restartedAt = System.currentTimeMillis();

    await("all " + FLEET + " gateways online again").atMost(RECONNECT_BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> subscriber.onlineSince(stoppedAt) == FLEET);
    long allBackMillis = subscriber.births().values().stream().mapToLong(Long::longValue).max()
        .orElseThrow() - restartedAt;
    // replay is done for a stream when it is complete up to an observation taken after the restart
    await("every stream complete past the restart").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> weatherStreamsWith(l -> l.holes() == 0 && l.latestTs() > restartedAt + 1000)
            == FLEET * WEATHER_STREAMS);

    broker.stop(); // flushes its log
    BrokerConnectionLog connections = BrokerConnectionLog.sinceLastStart(broker.log(), "fleet-");
    Map<String, FleetSubscriber.StreamLedger> streams = subscriber.streams();
    long holes = streams.values().stream().mapToLong(FleetSubscriber.StreamLedger::holes).sum();
    long delivered = streams.values().stream().mapToLong(FleetSubscriber.StreamLedger::maxSeq)
        .sum();
    long duplicates = streams.values().stream()
        .mapToLong(FleetSubscriber.StreamLedger::duplicates).sum();
    LOG.info("fleet restart: started in {} ms, all back {} ms after restart; connection attempts"
            + " {} (peak {}/s), CONNECTs {} (peak {}/s) over {} s: {}; {} streams, {} observations, {}"
            + " duplicates, {} holes, {} gaps; {} threads, {} MB heap used",
        restartedAt - started, allBackMillis, connections.totalAttempts(),
        connections.peakAttemptsPerSecond(), connections.totalConnects(),
        connections.peakConnectsPerSecond(),
        connections.connectSpreadSeconds(), connections.histogram(), streams.size(), delivered,
        duplicates, holes, subscriber.gaps().size(), threads(), heapMb());

    assertThat(connections.totalConnects()).as("CONNECTs of the fleet after the restart")
        .isGreaterThanOrEqualTo(FLEET);
    assertThat(connections.totalAttempts()).as("connection attempts after the restart")
        .isGreaterThanOrEqualTo(FLEET);
    assertThat(connections.peakAttemptsPerSecond())
        .as("connection attempts in the busiest second: %s", connections.histogram())
        .isLessThanOrEqualTo(PEAK_ATTEMPTS_BOUND);
    assertThat(connections.peakConnectsPerSecond())
        .as("CONNECTs in the busiest second: %s", connections.histogram())
        .isLessThanOrEqualTo(PEAK_ATTEMPTS_BOUND);
    assertThat(connections.connectSpreadSeconds()).as("seconds the reconnects spread over")
        .isGreaterThanOrEqualTo(3);
    assertThat(subscriber.gaps()).as("gap reports (admitted losses)").isEmpty();
    assertThat(streams.entrySet().stream().filter(e -> e.getValue().holes() > 0)
        .map(Map.Entry::getKey).toList()).as("streams with missing seq numbers").isEmpty();
  }

  private void startFleet(Path root) {
    starter = Executors.newFixedThreadPool(4);
    Set<Integer> ports = new HashSet<>();
    List<CompletableFuture<Gateway>> starts = new ArrayList<>();
    for (int i = 0; i < FLEET; i++) {
      int port = FreePorts.next();
      while (!ports.add(port)) {
        port = FreePorts.next();
      }
      FleetInstallation member = new FleetInstallation(FleetInstallation.idOf(i), i,
          broker.url(), root.resolve(FleetInstallation.idOf(i)), port);
      starts.add(CompletableFuture.supplyAsync(() -> startOne(member), starter));
    }
    for (CompletableFuture<Gateway> s : starts) {
      gateways.add(s.join());
    }
  }

  private Gateway startOne(FleetInstallation member) {
    try {
      GatewayOptions options = new GatewayOptions(() -> "fleet-token-0123456789".toCharArray(),
          null, "fleet-test").withVertx(vertx);
      return Gateway.start(member.load(), options);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start " + member.id() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Gateways on one Vert.x must not see each other's observations: every gateway's temperature
   * stream counts seq from 1, so a history fed by the whole fleet would repeat seq numbers.
   */
  private static void assertOwnHistoryOnly(Gateway gateway) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.httpPort()
                + "/public/api/history.json?channel=weather/temperature"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("history of %s: %s", gateway.installation().id(),
        response.body()).isEqualTo(200);
    List<Long> seqs = new JsonObject(response.body()).getJsonArray("points").stream()
        .map(p -> ((JsonObject) p).getLong("seq")).toList();
    assertThat(seqs).as("temperature seqs in the history of %s", gateway.installation().id())
        .isNotEmpty().doesNotHaveDuplicates();
  }

  private long weatherStreamsWith(java.util.function.Predicate<FleetSubscriber.StreamLedger> p) {
    return subscriber.streams().entrySet().stream()
        .filter(e -> e.getKey().contains("/weather/") && p.test(e.getValue())).count();
  }

  private static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  private static long heapMb() {
    Runtime r = Runtime.getRuntime();
    return (r.totalMemory() - r.freeMemory()) / (1024 * 1024);
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (starter != null) {
      List<CompletableFuture<Void>> stops = new ArrayList<>();
      for (Gateway g : gateways) {
        stops.add(CompletableFuture.runAsync(g::stop, starter));
      }
      stops.forEach(CompletableFuture::join);
      starter.shutdown();
    }
    if (subscriber != null) {
      subscriber.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
