package org.streetsense.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The city broker recipe ({@code city-broker.conf} + {@code city-acl}) on a real Mosquitto:
 * a gateway writes only its own topics and receives only its own commands.
 */
class CityAclIT {

  private static CityBrokerFixture city;

  @BeforeAll
  static void startCityBroker() {
    city = CityBrokerFixture.start();
  }

  @AfterAll
  static void stopCityBroker() {
    city.close();
  }

  @Test
  void anotherGatewayCannotSendCommandsToAGateway() throws Exception {
    try (var gatewayA = city.connect("gw-a-cmd", "gw-a", true);
        var gatewayB = city.connect("gw-b-cmd", "gw-b", true);
        var commander = city.connect("commander-cmd", "commander", true)) {
      assertThat(gatewayA.subscribe("streetsense/v1/gw-a/+/command")).isEqualTo(1);

      gatewayB.publish("streetsense/v1/gw-a/door/command", "{\"forged\":true}");
      commander.publish("streetsense/v1/gw-a/door/command", "{\"genuine\":true}");

      // One broker thread handles both publishes in order: had the forged one passed the ACL,
      // it would have been delivered before the genuine one.
      await().atMost(Duration.ofSeconds(10))
          .until(() -> gatewayA.received().contains(
              "streetsense/v1/gw-a/door/command {\"genuine\":true}"));
      assertThat(gatewayA.received())
          .containsExactly("streetsense/v1/gw-a/door/command {\"genuine\":true}");
    }
  }

  @Test
  void theCommanderReachesAPwmChannelOfAGatewayAndNoOtherGatewayDoes() throws Exception {
    try (var gatewayA = city.connect("gw-a-channel", "gw-a", true);
        var gatewayB = city.connect("gw-b-channel", "gw-b", true);
        var commander = city.connect("commander-channel", "commander", true)) {
      assertThat(gatewayA.subscribe("streetsense/v1/gw-a/+/command")).isEqualTo(1);
      assertThat(gatewayA.subscribe("streetsense/v1/gw-a/+/+/command")).isEqualTo(1);

      gatewayB.publish("streetsense/v1/gw-a/lights/ring/command", "{\"forged\":true}");
      commander.publish("streetsense/v1/gw-a/lights/ring/command", "{\"genuine\":true}");
      commander.publish("streetsense/v1/gw-a/lamp/command", "{\"genuine\":true}");

      await().atMost(Duration.ofSeconds(10)).until(() -> gatewayA.received().size() >= 2);
      assertThat(gatewayA.received()).containsExactly(
          "streetsense/v1/gw-a/lights/ring/command {\"genuine\":true}",
          "streetsense/v1/gw-a/lamp/command {\"genuine\":true}");
    }
  }

  @Test
  void aGatewayCannotWriteAnotherGatewaysTopics() throws Exception {
    try (var telegraf = city.connect("telegraf-acl", "telegraf", true);
        var gatewayB = city.connect("gw-b-write", "gw-b", true)) {
      assertThat(telegraf.subscribe("streetsense/v1/#")).isEqualTo(1);

      gatewayB.publish("streetsense/v1/gw-a/bme280/reading", "{\"value\":-99}");
      gatewayB.publish("streetsense/v1/gw-a/state", "{\"online\":false}");
      gatewayB.publish("streetsense/v1/gw-b/bme280/reading", "{\"value\":21.5}");

      await().atMost(Duration.ofSeconds(10))
          .until(() -> telegraf.received().contains(
              "streetsense/v1/gw-b/bme280/reading {\"value\":21.5}"));
      assertThat(telegraf.received())
          .containsExactly("streetsense/v1/gw-b/bme280/reading {\"value\":21.5}");
    }
  }

  @Test
  void aGatewayCannotListenToAnotherGatewaysCommandsOrTraffic() throws Exception {
    try (var gatewayA = city.connect("gw-a-listen", "gw-a", true);
        var gatewayB = city.connect("gw-b-listen", "gw-b", true);
        var commander = city.connect("commander-listen", "commander", true)) {
      assertThat(gatewayA.subscribe("streetsense/v1/gw-a/+/command")).isEqualTo(1);
      gatewayB.subscribe("streetsense/v1/gw-a/+/command");
      gatewayB.subscribe("streetsense/v1/#");

      commander.publish("streetsense/v1/gw-a/led/command", "{\"on\":true}");
      gatewayA.publish("streetsense/v1/gw-a/button/event", "{\"type\":\"press\"}");
      commander.publish("streetsense/v1/gw-b/led/command", "{\"on\":false}");

      await().atMost(Duration.ofSeconds(10))
          .until(() -> gatewayB.received().contains(
              "streetsense/v1/gw-b/led/command {\"on\":false}"));
      assertThat(gatewayB.received())
          .containsExactly("streetsense/v1/gw-b/led/command {\"on\":false}");
      assertThat(gatewayA.received())
          .containsExactly("streetsense/v1/gw-a/led/command {\"on\":true}");
    }
  }

  @Test
  void backendReaderCannotSendCommands() throws Exception {
    try (var gatewayA = city.connect("gw-a-ro", "gw-a", true);
        var telegraf = city.connect("telegraf-ro", "telegraf", true);
        var commander = city.connect("commander-ro", "commander", true)) {
      gatewayA.subscribe("streetsense/v1/gw-a/+/command");

      telegraf.publish("streetsense/v1/gw-a/led/command", "{\"from\":\"telegraf\"}");
      commander.publish("streetsense/v1/gw-a/led/command", "{\"from\":\"commander\"}");

      await().atMost(Duration.ofSeconds(10)).until(() -> !gatewayA.received().isEmpty());
      assertThat(gatewayA.received())
          .containsExactly("streetsense/v1/gw-a/led/command {\"from\":\"commander\"}");
    }
  }

  @Test
  void onlyTheConfiguratorCanSendAnInstallationFileToAGateway() throws Exception {
    try (var gatewayA = city.connect("gw-a-config", "gw-a", true);
        var gatewayB = city.connect("gw-b-config", "gw-b", true);
        var commander = city.connect("commander-config", "commander", true);
        var telegraf = city.connect("telegraf-config", "telegraf", true);
        var configurator = city.connect("configurator-config", "configurator", true)) {
      assertThat(gatewayA.subscribe("streetsense/v1/gw-a/config/set")).isEqualTo(1);

      gatewayB.publish("streetsense/v1/gw-a/config/set", "{\"from\":\"gw-b\"}");
      commander.publish("streetsense/v1/gw-a/config/set", "{\"from\":\"commander\"}");
      telegraf.publish("streetsense/v1/gw-a/config/set", "{\"from\":\"telegraf\"}");
      gatewayA.publish("streetsense/v1/gw-a/config/set", "{\"from\":\"gw-a\"}");
      configurator.publish("streetsense/v1/gw-a/config/set", "{\"from\":\"configurator\"}");

      await().atMost(Duration.ofSeconds(10)).until(() -> !gatewayA.received().isEmpty());
      assertThat(gatewayA.received())
          .containsExactly("streetsense/v1/gw-a/config/set {\"from\":\"configurator\"}");
    }
  }

  @Test
  void theConfiguratorReadsResultsAndStatesButNoReadings() throws Exception {
    try (var gatewayA = city.connect("gw-a-result", "gw-a", true);
        var configurator = city.connect("configurator-result", "configurator", true)) {
      configurator.subscribe("streetsense/v1/+/config/result");
      configurator.subscribe("streetsense/v1/+/state");
      configurator.subscribe("streetsense/v1/+/+/reading");

      gatewayA.publish("streetsense/v1/gw-a/bme280/reading", "{\"value\":1}");
      gatewayA.publish("streetsense/v1/gw-a/state", "{\"status\":\"online\"}");
      gatewayA.publish("streetsense/v1/gw-a/config/result", "{\"status\":\"applied\"}");

      await().atMost(Duration.ofSeconds(10)).until(() -> configurator.received().size() >= 2);
      assertThat(configurator.received()).containsExactly(
          "streetsense/v1/gw-a/state {\"status\":\"online\"}",
          "streetsense/v1/gw-a/config/result {\"status\":\"applied\"}");
    }
  }

  @Test
  void refusesAGatewayWithAWrongPassword() {
    assertThatThrownBy(() -> PahoClients.connect(city.uri(), "gw-a-bad", "gw-a", "guess",
        city.sockets(), true))
        .isInstanceOf(MqttException.class)
        .satisfies(e -> assertThat(((MqttException) e).getReasonCode())
            .isIn((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                (int) MqttException.REASON_CODE_NOT_AUTHORIZED));
  }

  @Test
  void refusesAClientWithoutCredentials() {
    assertThatThrownBy(() -> PahoClients.connect(city.uri(), "anon", null, null,
        city.sockets(), true))
        .isInstanceOf(MqttException.class);
  }
}
