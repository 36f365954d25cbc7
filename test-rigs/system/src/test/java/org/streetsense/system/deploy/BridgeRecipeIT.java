package org.streetsense.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streetsense.harness.FreePorts;

/**
 * The Pi's local broker ({@code pi-local.conf}) bridged over TLS to the city broker
 * ({@code city-broker.conf} + {@code city-acl}), two real Mosquitto processes. The recipe is
 * used as shipped except ports, paths, the installation id and password, and a shorter
 * {@code restart_timeout} so the bridge redials within the test's patience.
 */
class BridgeRecipeIT {

  private static final String READINGS = "streetsense/v1/gw-a/bme280/reading";

  private CityBrokerFixture city;
  private RecipeBroker local;

  @BeforeEach
  void startBrokers() throws IOException {
    city = CityBrokerFixture.start();
    Path dir = RecipeBroker.newDir("pi-local-broker");
    Path data = Files.createDirectories(dir.resolve("data"));
    int port = FreePorts.next();
    Path config = RecipeConfig.of("mosquitto/pi-local.conf")
        .replace("gw-example", "gw-a")
        .replace("change-me", CityBrokerFixture.PASSWORDS.get("gw-a"))
        .prepend("user root")
        .set("listener", port + " 127.0.0.1")
        .set("persistence_location", data + "/")
        .set("address", "localhost:" + city.broker().port())
        .set("bridge_cafile", city.ca().caCert().toString())
        .set("restart_timeout", "1 2")
        .writeTo(dir.resolve("pi-local.conf"));
    local = new RecipeBroker("pi-local-mosquitto", dir, config, port);
    local.start();
  }

  @AfterEach
  void stopBrokers() {
    if (local != null) {
      local.close();
    }
    if (city != null) {
      city.close();
    }
  }

  @Test
  void deliversReadingsPublishedWhileTheCityBrokerWasDownAfterItRestarts() throws Exception {
    List<String> expected = new ArrayList<>();
    try (var gateway = localClient("gw-a-gateway")) {
      try (var backend = city.connect("telegraf-bridge", "telegraf", false)) {
        backend.subscribe("streetsense/v1/#");
        awaitBridgeConnected(backend);
        for (int seq = 1; seq <= 5; seq++) {
          expected.add(publishReading(gateway, seq));
        }
        await().atMost(Duration.ofSeconds(15))
            .until(() -> readings(backend).containsAll(expected));
      }

      city.broker().stop();
      for (int seq = 6; seq <= 25; seq++) {
        expected.add(publishReading(gateway, seq));
      }
      gateway.publish("streetsense/v1/gw-b/bme280/reading", "{\"seq\":1}");
      gateway.publish("streetsense/local/debug", "{\"seq\":1}");
      city.broker().start();

      try (var backend = city.connect("telegraf-bridge", "telegraf", false)) {
        await().atMost(Duration.ofSeconds(30))
            .until(() -> readings(backend).containsAll(expected.subList(5, 25)));
        assertThat(readings(backend).stream().distinct().toList())
            .containsExactlyElementsOf(expected.subList(5, 25));
        assertThat(backend.received())
            .noneMatch(m -> m.startsWith("streetsense/v1/gw-b/"))
            .noneMatch(m -> m.startsWith("streetsense/local/"));
      }
    }
  }

  @Test
  void bringsCommandsForItsInstallationOnlyToTheLocalBroker() throws Exception {
    try (var gateway = localClient("gw-a-commands");
        var backend = city.connect("telegraf-cmd", "telegraf", true);
        var commander = city.connect("commander-bridge", "commander", true)) {
      backend.subscribe("streetsense/v1/#");
      awaitBridgeConnected(backend);
      gateway.subscribe("streetsense/v1/+/+/command");

      gateway.subscribe("streetsense/v1/+/+/+/command");

      commander.publish("streetsense/v1/gw-b/led/command", "{\"to\":\"b\"}");
      commander.publish("streetsense/v1/gw-b/lights/ring/command", "{\"to\":\"b ring\"}");
      commander.publish("streetsense/v1/gw-a/led/command", "{\"to\":\"a\"}");
      commander.publish("streetsense/v1/gw-a/lights/ring/command", "{\"to\":\"a ring\"}");

      await().atMost(Duration.ofSeconds(15)).until(() -> gateway.received().size() >= 2);
      assertThat(gateway.received()).containsExactly(
          "streetsense/v1/gw-a/led/command {\"to\":\"a\"}",
          "streetsense/v1/gw-a/lights/ring/command {\"to\":\"a ring\"}");
    }
  }

  @Test
  void bringsTheConfigurationForItsInstallationOnlyToTheLocalBroker() throws Exception {
    try (var gateway = localClient("gw-a-config");
        var backend = city.connect("telegraf-config", "telegraf", true);
        var configurator = city.connect("configurator-bridge", "configurator", true)) {
      backend.subscribe("streetsense/v1/#");
      awaitBridgeConnected(backend);
      gateway.subscribe("streetsense/v1/+/config/set");

      configurator.publish("streetsense/v1/gw-b/config/set", "{\"to\":\"b\"}");
      configurator.publish("streetsense/v1/gw-a/config/set", "{\"to\":\"a\"}");

      await().atMost(Duration.ofSeconds(15)).until(() -> !gateway.received().isEmpty());
      assertThat(gateway.received()).containsExactly("streetsense/v1/gw-a/config/set {\"to\":\"a\"}");
    }
  }

  private PahoClients.Connected localClient(String clientId) throws Exception {
    return PahoClients.connect("tcp://127.0.0.1:" + local.port(), clientId, null, null, null,
        true);
  }

  /** The bridge announces itself on its notification topic (payload 1) once connected. */
  private static void awaitBridgeConnected(PahoClients.Connected backend) {
    await("bridge connected").atMost(Duration.ofSeconds(20))
        .until(() -> backend.received().contains("streetsense/v1/gw-a/bridge 1"));
  }

  private static String publishReading(PahoClients.Connected gateway, int seq) throws Exception {
    String payload = "{\"ts\":" + (1_700_000_000_000L + seq) + ",\"seq\":" + seq
        + ",\"installation\":\"gw-a\",\"device\":\"bme280\",\"channel\":\"temperature\","
        + "\"value\":21.5,\"unit\":\"degC\",\"quality\":\"GOOD\"}";
    gateway.publish(READINGS, payload);
    return READINGS + " " + payload;
  }

  private static List<String> readings(PahoClients.Connected backend) {
    return backend.received().stream().filter(m -> m.startsWith(READINGS + " ")).toList();
  }
}
