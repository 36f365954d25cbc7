package org.streetsense.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MosquittoServerIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void deliversPublishedMessagesToTheTestSubscriber() throws MqttException {
    try (MosquittoServer broker = MosquittoServer.anonymous()) {
      broker.start();
      assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + broker.port());
      try (MqttTestSubscriber sub = MqttTestSubscriber.connect(broker.url(), "t/#")) {
        publish(broker.url(), "t/a", "hello", true, new MqttConnectOptions());
        ReceivedMessage m = sub.awaitMessages(1, WAIT).get(0);
        assertThat(m.topic()).isEqualTo("t/a");
        assertThat(m.text()).isEqualTo("hello");
        assertThat(m.retained()).isFalse();
      }
    }
  }

  @Test
  void restartsOnTheSamePortAndTheSubscriberComesBack() throws MqttException {
    try (MosquittoServer broker = MosquittoServer.anonymous()) {
      broker.start();
      int port = broker.port();
      try (MqttTestSubscriber sub = MqttTestSubscriber.connect(broker.url(), "r/#")) {
        broker.restart();
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.port()).isEqualTo(port);
        await().atMost(WAIT).until(sub::isConnected);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
          publish(broker.url(), "r/x", "after-restart", false, new MqttConnectOptions());
          assertThat(sub.messagesOn("r/x")).isNotEmpty();
        });
      }
    }
  }

  @Test
  void refusesAnonymousClientsOnceUsersAreConfigured() throws MqttException {
    try (MosquittoServer broker = MosquittoServer.builder().user("gw", "s3cret").build()) {
      broker.start();
      MqttConnectOptions good = new MqttConnectOptions();
      good.setUserName("gw");
      good.setPassword("s3cret".toCharArray());
      publish(broker.url(), "a/b", "ok", false, good);
      MqttClient anonymous = new MqttClient(broker.url(), "anon", new MemoryPersistence());
      try {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> anonymous.connect(new MqttConnectOptions()))
            .isInstanceOf(MqttSecurityException.class);
      } finally {
        anonymous.close(true);
      }
    }
  }

  @Test
  void appliesTheAclSoAUserWritesOnlyBelowItsOwnName() throws MqttException {
    try (MosquittoServer broker = MosquittoServer.builder()
        .user("kosice", "pw1").user("reader", "pw2")
        .acl("pattern write streetsense/v1/%u/#\nuser reader\ntopic read #\n")
        .build()) {
      broker.start();
      MqttConnectOptions reader = new MqttConnectOptions();
      reader.setUserName("reader");
      reader.setPassword("pw2".toCharArray());
      MqttConnectOptions writer = new MqttConnectOptions();
      writer.setUserName("kosice");
      writer.setPassword("pw1".toCharArray());
      try (MqttTestSubscriber sub = MqttTestSubscriber.connect(broker.url(), "#", reader)) {
        publish(broker.url(), "streetsense/v1/other/x", "denied", false, writer);
        publish(broker.url(), "streetsense/v1/kosice/x", "allowed", false, writer);
        sub.awaitMessage(m -> m.text().equals("allowed"), WAIT);
        assertThat(sub.messages()).extracting(ReceivedMessage::text).containsExactly("allowed");
      }
    }
  }

  private static void publish(String url, String topic, String text, boolean retained,
      MqttConnectOptions options) throws MqttException {
    MqttClient client = new MqttClient(url, "test-pub-" + System.nanoTime(),
        new MemoryPersistence());
    try {
      client.connect(options);
      client.publish(topic, text.getBytes(StandardCharsets.UTF_8), 1, retained);
      client.disconnect();
    } finally {
      client.close(true);
    }
  }
}
