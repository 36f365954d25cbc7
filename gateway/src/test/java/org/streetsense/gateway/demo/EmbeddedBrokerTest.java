package org.streetsense.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.FreePorts;

@Timeout(30)
class EmbeddedBrokerTest {

  @Test
  void routesRetainedMessagesBetweenClients() throws Exception {
    int port = FreePorts.next();
    try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", port)) {
      broker.start();
      MqttClient publisher = new MqttClient(broker.url(), "pub", new MemoryPersistence());
      MqttClient subscriber = new MqttClient(broker.url(), "sub", new MemoryPersistence());
      try {
        publisher.connect(new MqttConnectOptions());
        publisher.publish("streetsense/v1/demo/state", "online".getBytes(StandardCharsets.UTF_8), 1, true);
        CompletableFuture<String> received = new CompletableFuture<>();
        subscriber.connect(new MqttConnectOptions());
        subscriber.subscribe("streetsense/#", 1, (topic, msg) ->
            received.complete(topic + " " + new String(msg.getPayload(), StandardCharsets.UTF_8)));
        assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("streetsense/v1/demo/state online");
      } finally {
        publisher.disconnect();
        publisher.close();
        subscriber.disconnect();
        subscriber.close();
      }
    }
  }

  @Test
  void failsWithThePortNamedWhenThePortIsTaken() throws Exception {
    int port = FreePorts.next();
    try (EmbeddedBroker first = new EmbeddedBroker("127.0.0.1", port);
        EmbeddedBroker second = new EmbeddedBroker("127.0.0.1", port)) {
      first.start();
      assertThatThrownBy(second::start)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }
}
