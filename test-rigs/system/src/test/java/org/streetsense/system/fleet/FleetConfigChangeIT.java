package org.streetsense.system.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.app.Reloader;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.system.reload.ConfigTopics;

/**
 * Issue 19: 50 reloadable gateways of the fleet rig (one JVM, one shared Vert.x, decision 0231)
 * against a real Mosquitto each receive a changed installation file over {@code config/set}: all
 * 50 apply it, and every stream of every gateway continues its {@code seq} with no hole and no
 * gap report across the reload.
 */
@Timeout(300)
class FleetConfigChangeIT {

  private static final int FLEET = 50;
  private static final int WEATHER_STREAMS = 3;

  private final List<Reloader> fleet = new CopyOnWriteArrayList<>();
  private final List<Throwable> fatal = new CopyOnWriteArrayList<>();
  private MosquittoServer broker;
  private Vertx vertx;
  private FleetSubscriber subscriber;
  private ExecutorService starter;

  @AfterEach
  void stop() throws Exception {
    if (starter != null) {
      starter.shutdownNow();
    }
    fleet.parallelStream().forEach(Reloader::close);
    if (subscriber != null) {
      subscriber.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aChangedFileIsAppliedByAllFiftyAndEverySeqContinues() throws Exception {
    broker = MosquittoServer.builder().configLine("max_connections -1")
        .configLine("max_queued_messages 100000").configLine("max_inflight_messages 100").build();
    broker.start();
    vertx = Vertx.vertx();
    subscriber = FleetSubscriber.connect(broker.url(), "backend-ingest");
    Path root = Files.createTempDirectory(Path.of("target"), "fleet-config-");
    List<FleetInstallation> members = startFleet(root);
    await("all " + FLEET + " gateways online").atMost(Duration.ofSeconds(90))
        .until(() -> subscriber.births().size() == FLEET);
    await("every weather stream flowing").atMost(Duration.ofSeconds(60))
        .until(() -> weatherStreams(l -> l.maxSeq() >= 2) == FLEET * WEATHER_STREAMS);

    try (MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), "streetsense/v1/+/config/result")) {
      long sentAt = System.currentTimeMillis();
      MqttClient backend = new MqttClient(broker.url(), "configurator", new MemoryPersistence());
      backend.connect();
      for (FleetInstallation m : members) {
        String changed = m.yaml().replace("period: 1s", "period: 2s");
        backend.publish("streetsense/v1/" + m.id() + "/config/set", ConfigTopics.message(1, changed, 10), 1, false);
      }
      backend.disconnect();
      backend.close();

      await("all " + FLEET + " answered").atMost(Duration.ofSeconds(120))
          .until(() -> results.messages().size() >= FLEET);
      List<String> notApplied = results.messages().stream().map(ReceivedMessage::text)
          .filter(t -> !t.contains("\"status\":\"applied\"")).toList();
      assertThat(notApplied).isEmpty();
      assertThat(fleet).allSatisfy(r -> assertThat(r.current().stamp().version()).isEqualTo(1));
      // complete up to an observation taken after the last gateway restarted
      long after = System.currentTimeMillis();
      await("every stream complete past the reload").atMost(Duration.ofSeconds(60))
          .until(() -> weatherStreams(l -> l.holes() == 0 && l.latestTs() > after)
              == FLEET * WEATHER_STREAMS);
      assertThat(after).isGreaterThan(sentAt);
    }
    Map<String, FleetSubscriber.StreamLedger> streams = subscriber.streams();
    assertThat(streams.entrySet().stream().filter(e -> e.getValue().holes() > 0)
        .map(Map.Entry::getKey).toList()).as("streams with missing seq numbers").isEmpty();
    assertThat(subscriber.gaps()).as("gap reports").isEmpty();
    assertThat(fatal).isEmpty();
  }

  private long weatherStreams(java.util.function.Predicate<FleetSubscriber.StreamLedger> condition) {
    return subscriber.streams().entrySet().stream()
        .filter(e -> e.getKey().contains("/weather/") && condition.test(e.getValue())).count();
  }

  private List<FleetInstallation> startFleet(Path root) throws Exception {
    starter = Executors.newFixedThreadPool(4);
    Set<Integer> ports = new HashSet<>();
    List<FleetInstallation> members = new ArrayList<>();
    List<CompletableFuture<Reloader>> starts = new ArrayList<>();
    for (int i = 0; i < FLEET; i++) {
      int port = FreePorts.next();
      while (!ports.add(port)) {
        port = FreePorts.next();
      }
      FleetInstallation member = new FleetInstallation(FleetInstallation.idOf(i), i,
          broker.url(), root.resolve(FleetInstallation.idOf(i)).resolve("spool"), port);
      members.add(member);
      Path file = Files.createDirectories(root.resolve(member.id())).resolve("installation.yaml");
      Files.writeString(file, member.yaml());
      starts.add(CompletableFuture.supplyAsync(() -> {
        try {
          return Reloader.boot(new Reloader.ReloaderOptions(file, file.resolveSibling("store"),
              Duration.ofSeconds(60), new GatewayOptions(() -> "fleet-token-0123456789".toCharArray(),
                  null, "fleet-test").withVertx(vertx), fatal::add));
        } catch (Exception e) {
          throw new IllegalStateException("cannot start " + member.id() + ": " + e.getMessage(), e);
        }
      }, starter));
    }
    for (CompletableFuture<Reloader> s : starts) {
      fleet.add(s.join());
    }
    return members;
  }
}
