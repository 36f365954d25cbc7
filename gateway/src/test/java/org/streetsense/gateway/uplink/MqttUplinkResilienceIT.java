package org.streetsense.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.streetsense.gateway.uplink.UplinkTestSupport.WAIT;
import static org.streetsense.gateway.uplink.UplinkTestSupport.await;
import static org.streetsense.gateway.uplink.UplinkTestSupport.awaitFailure;
import static org.streetsense.gateway.uplink.UplinkTestSupport.fastOptions;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;
import org.streetsense.gateway.sink.mqtt.MqttSink;
import org.streetsense.gateway.sink.mqtt.MqttSinkOptions;
import org.streetsense.gateway.uplink.ConnectionState.Status;
import org.streetsense.gateway.uplink.contract.Topics;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;

@Timeout(120)
class MqttUplinkResilienceIT {

  private MosquittoServer broker;
  private Vertx vertx;
  private MqttUplink uplink;
  private final List<ConnectionState> states = new CopyOnWriteArrayList<>();

  @BeforeEach
  void createBroker() {
    broker = MosquittoServer.anonymous();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopAll() {
    if (uplink != null) {
      await(uplink.stop());
    }
    await(vertx.close());
    broker.stop();
  }

  private void startUplink(String clientId) {
    uplink = MqttUplink.create(vertx, fastOptions(broker.url(), clientId).build());
    uplink.onConnectionChange(states::add);
    await(uplink.start());
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void failsFastDuringAnOutageAndPublishesAgainAfterTheBrokerRestarts() {
    broker.start();
    startUplink("gw-restart");
    await().atMost(WAIT).until(uplink::isConnected);
    await(uplink.publish("streetsense/t/before", text("1"), 1, false));

    broker.stop();
    await().atMost(WAIT).until(() -> !uplink.isConnected());
    Future<Void> during = uplink.publish("streetsense/t/during", text("2"), 1, false);
    assertThat(during.failed()).as("fails at once, without buffering").isTrue();
    assertThat(during.cause()).isInstanceOf(UplinkDisconnectedException.class)
        .hasMessageContaining("not connected to " + broker.url());
    MqttSink sink = new MqttSink(uplink, new Topics("kosice-square"),
        MqttSinkOptions.perObservation());
    assertThat(sink.available()).isFalse();
    Future<Void> batch = sink.deliver(List.of(new Reading("kosice-square", "air-1", "lux", 3,
        "lx", Quality.GOOD, new ObservedTime(1L, 1L, true), 1)));
    assertThat(batch.failed()).isTrue();
    assertThat(batch.cause()).isInstanceOf(UplinkDisconnectedException.class);

    broker.start();
    await().atMost(WAIT).until(uplink::isConnected);
    try (MqttTestSubscriber sub = MqttTestSubscriber.connect(broker.url(), "streetsense/t/#")) {
      await(uplink.publish("streetsense/t/after", text("3"), 1, false));
      assertThat(sub.awaitMessages(1, WAIT).get(0).text()).isEqualTo("3");
    }
    assertThat(states).extracting(ConnectionState::status)
        .containsSubsequence(Status.CONNECTED, Status.DISCONNECTED, Status.CONNECTED);
  }

  @Test
  void keepsRetryingAFirstConnectUntilTheBrokerAppears() {
    startUplink("gw-absent");
    await().atMost(WAIT).until(() -> states.stream()
        .filter(s -> s.status() == Status.DISCONNECTED).count() >= 3);
    assertThat(uplink.isConnected()).isFalse();
    assertThat(states.get(0).reason()).contains("cannot reach broker " + broker.url());
    assertThat(uplink.publish("streetsense/t/x", text("0"), 1, false).failed()).isTrue();

    broker.start();
    await().atMost(WAIT).until(uplink::isConnected);
    await(uplink.publish("streetsense/t/x", text("1"), 1, false));
  }

  @Test
  void burstsFarBeyondPahoInflightLimitAreQueuedNotRefused() {
    broker.start();
    uplink = MqttUplink.create(vertx,
        fastOptions(broker.url(), "gw-burst").maxInflight(20).maxQueued(5000).build());
    await(uplink.start());
    await().atMost(WAIT).until(uplink::isConnected);
    List<Future<Void>> acks = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      acks.add(uplink.publish("streetsense/burst", text(Integer.toString(i)), 1, false));
    }
    await(Future.all(acks));
    assertThat(acks).allMatch(Future::succeeded);
  }

  @Test
  void refusesPublishesBeyondTheQueueWithAClearError() {
    broker.start();
    uplink = MqttUplink.create(vertx,
        fastOptions(broker.url(), "gw-full").maxInflight(1).maxQueued(2).build());
    await(uplink.start());
    await().atMost(WAIT).until(uplink::isConnected);
    broker.pause(); // no acknowledgement frees a slot while the publishes are made
    List<Future<Void>> acks = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        acks.add(uplink.publish("streetsense/full", text(Integer.toString(i)), 1, false));
      }
      Throwable refused = awaitFailure(acks.get(3));
      assertThat(refused).isInstanceOf(UplinkOverloadedException.class)
          .hasMessageContaining("1 publishes in flight and 2 queued");
      assertThat(awaitFailure(acks.get(49))).isInstanceOf(UplinkOverloadedException.class);
    } finally {
      broker.resume();
    }
    await(acks.get(0));
    await(acks.get(2));
  }

  @Test
  void handlersRunOnVertxAndMayPublishAndSubscriptionsSurviveARestart() {
    broker.start();
    startUplink("gw-sub");
    await().atMost(WAIT).until(uplink::isConnected);
    List<String> received = new CopyOnWriteArrayList<>();
    AtomicInteger offContext = new AtomicInteger();
    await(uplink.subscribe("streetsense/cmd/+", 1, m -> {
      if (Context.isOnEventLoopThread() && Vertx.currentContext() != null) {
        received.add(m.text());
      } else {
        offContext.incrementAndGet();
      }
      uplink.publish("streetsense/result", text("done " + m.text()), 1, false);
    }));
    try (MqttTestSubscriber sub = MqttTestSubscriber.connect(broker.url(), "streetsense/result")) {
      publishFromOutside("streetsense/cmd/a", "one");
      assertThat(sub.awaitMessages(1, WAIT).get(0).text()).isEqualTo("done one");
    }

    broker.restart();
    await().atMost(WAIT).until(uplink::isConnected);
    await().atMost(WAIT).untilAsserted(() -> {
      publishFromOutside("streetsense/cmd/b", "two");
      assertThat(received).contains("two");
    });
    assertThat(received).startsWith("one");
    assertThat(offContext).hasValue(0);
  }

  private void publishFromOutside(String topic, String payload) {
    MqttUplink other = MqttUplink.create(vertx,
        fastOptions(broker.url(), "outside-" + System.nanoTime()).build());
    await(other.start());
    try {
      await().atMost(WAIT).until(other::isConnected);
      await(other.publish(topic, text(payload), 1, false));
    } finally {
      await(other.stop());
    }
  }
}
