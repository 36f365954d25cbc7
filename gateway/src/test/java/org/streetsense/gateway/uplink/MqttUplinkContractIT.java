package org.streetsense.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.streetsense.gateway.uplink.UplinkTestSupport.WAIT;
import static org.streetsense.gateway.uplink.UplinkTestSupport.await;
import static org.streetsense.gateway.uplink.UplinkTestSupport.fastOptions;
import static org.streetsense.gateway.uplink.UplinkTestSupport.isState;
import static org.streetsense.gateway.uplink.UplinkTestSupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;
import org.streetsense.gateway.sink.mqtt.MqttSink;
import org.streetsense.gateway.sink.mqtt.MqttSinkOptions;
import org.streetsense.gateway.uplink.contract.GatewayPresence;
import org.streetsense.gateway.uplink.contract.Topics;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;

@Timeout(120)
class MqttUplinkContractIT {

  private static final String INSTALLATION = "kosice-square";
  private static final Topics TOPICS = new Topics(INSTALLATION);
  private static final ObservedTime T0 = new ObservedTime(1764259200123L, 1L, true);

  private MosquittoServer broker;
  private Vertx vertx;
  private MqttUplink uplink;
  private MqttTestSubscriber sub;

  @BeforeEach
  void startBrokerAndUplink() {
    broker = MosquittoServer.anonymous();
    broker.start();
    vertx = Vertx.vertx();
    sub = MqttTestSubscriber.connect(broker.url(), "streetsense/#");
    GatewayPresence presence = new GatewayPresence(TOPICS, 17, "0.1.0",
        List.of("air-1", "bench"), System::currentTimeMillis);
    uplink = MqttUplink.create(vertx, fastOptions(broker.url(), "gw-contract")
        .birth(presence::birth).will(presence::will).build());
    await(uplink.start());
    await().atMost(WAIT).until(uplink::isConnected);
  }

  @AfterEach
  void stopAll() {
    await(uplink.stop());
    sub.close();
    await(vertx.close());
    broker.stop();
  }

  @Test
  void publishesRetainedBirthWithBootCounterVersionAndDevices() {
    ReceivedMessage birth = sub.awaitMessage(m -> m.topic().equals(TOPICS.gatewayState()), WAIT);
    JsonNode n = json(birth);
    assertThat(n.get("status").asText()).isEqualTo("online");
    assertThat(n.get("boot").asLong()).isEqualTo(17);
    assertThat(n.get("version").asText()).isEqualTo("0.1.0");
    assertThat(n.get("installation").asText()).isEqualTo(INSTALLATION);
    assertThat(n.get("ts").asLong()).isPositive();
    assertThat(n.get("devices")).hasSize(2);
    assertThat(n.get("devices").get(0).asText()).isEqualTo("air-1");

    try (MqttTestSubscriber late = MqttTestSubscriber.connect(broker.url(),
        TOPICS.gatewayState())) {
      ReceivedMessage retained = late.awaitMessages(1, WAIT).get(0);
      assertThat(retained.retained()).isTrue();
      assertThat(isState(retained, "online", 17)).isTrue();
    }
  }

  @Test
  void sinkPublishesOneFlatObjectPerObservationOnDeviceTopics() {
    MqttSink sink = new MqttSink(uplink, TOPICS, MqttSinkOptions.perObservation());
    assertThat(sink.available()).isTrue();
    Reading reading = new Reading(INSTALLATION, "air-1", "temperature", 21.37, "degC",
        Quality.GOOD, T0, 42);
    InteractionEvent event = new InteractionEvent(INSTALLATION, "bench", "electrode3",
        "touch_start", 0, T0, 5);
    await(sink.deliver(List.of(reading, event)));

    ReceivedMessage r = sub.awaitMessage(m -> m.topic().equals(TOPICS.reading("air-1")), WAIT);
    JsonNode rn = json(r);
    assertThat(r.qos()).isEqualTo(1);
    assertThat(r.retained()).isFalse();
    assertThat(rn.get("ts").asLong()).isEqualTo(1764259200123L);
    assertThat(rn.get("seq").asLong()).isEqualTo(42);
    assertThat(rn.get("installation").asText()).isEqualTo(INSTALLATION);
    assertThat(rn.get("device").asText()).isEqualTo("air-1");
    assertThat(rn.get("channel").asText()).isEqualTo("temperature");
    assertThat(rn.get("value").asDouble()).isEqualTo(21.37);
    assertThat(rn.get("unit").asText()).isEqualTo("degC");
    assertThat(rn.get("quality").asText()).isEqualTo("good");
    assertThat(rn.get("clock").asText()).isEqualTo("trusted");

    JsonNode en = json(sub.awaitMessage(m -> m.topic().equals(TOPICS.event("bench")), WAIT));
    assertThat(en.get("type").asText()).isEqualTo("touch_start");
    assertThat(en.get("value").asDouble()).isZero();
    assertThat(en.get("seq").asLong()).isEqualTo(5);
    assertThat(en.get("channel").asText()).isEqualTo("electrode3");
  }

  @Test
  void anEventDeliveredBehindABacklogOfReadingsIsWrittenAheadOfIt() {
    MqttSink sink = new MqttSink(uplink, TOPICS, MqttSinkOptions.perObservation());
    // fewer than the uplink's maxInflight (1000): without the urgent lane all of them would be
    // handed to the client, and written, before the event (and fewer than the broker queues)
    int backlog = 900;
    List<Observation> readings = new ArrayList<>();
    for (int i = 1; i <= backlog; i++) {
      readings.add(new Reading(INSTALLATION, "air-1", "temperature", i, "degC", Quality.GOOD,
          T0, i));
    }
    var readingsDone = sink.deliver(readings);
    await(sink.deliver(List.of(new InteractionEvent(INSTALLATION, "bench", "electrode3",
        "touch_start", 0, T0, 1))));
    await(readingsDone);

    await().atMost(WAIT).until(() -> sub.messagesOn(TOPICS.reading("air-1")).size() == backlog);
    List<String> order = sub.messages().stream().map(ReceivedMessage::topic)
        .filter(t -> !t.equals(TOPICS.gatewayState())).toList();
    int readingsBefore = order.indexOf(TOPICS.event("bench"));
    // handed to the client at once, behind at most maxUnwritten (16) readings not yet written;
    // the others were held back in the uplink's queue until acknowledgements made room (those
    // acknowledged while the 900 were being queued went first: 135-192 in quiet runs; without
    // the urgent lane the event came after all 900)
    assertThat(readingsBefore).as("readings before the event").isBetween(0, backlog * 3 / 4);
  }

  @Test
  void batchedModeGroupsReadingsInArraysPerDeviceWithAtMostNPerMessageAndEventsAlone() {
    MqttSink sink = new MqttSink(uplink, TOPICS, MqttSinkOptions.batched(2));
    List<Observation> batch = new ArrayList<>();
    for (int seq = 1; seq <= 5; seq++) {
      batch.add(new Reading(INSTALLATION, "air-1", "temperature", 20 + seq, "degC",
          Quality.GOOD, T0, seq));
    }
    batch.add(new InteractionEvent(INSTALLATION, "bench", "electrode1", "press", 0, T0, 1));
    await(sink.deliver(batch));

    await().atMost(WAIT).until(() -> sub.messagesOn(TOPICS.reading("air-1")).size() == 3
        && sub.messagesOn(TOPICS.event("bench")).size() == 1);
    List<JsonNode> arrays = sub.messagesOn(TOPICS.reading("air-1")).stream()
        .map(UplinkTestSupport::json).toList();
    assertThat(arrays).allMatch(JsonNode::isArray);
    assertThat(arrays.stream().map(JsonNode::size)).containsExactly(2, 2, 1);
    List<Long> seqs = new ArrayList<>();
    arrays.forEach(a -> a.forEach(o -> seqs.add(o.get("seq").asLong())));
    assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(arrays.get(0).get(0).get("unit").asText()).isEqualTo("degC");
    JsonNode event = json(sub.messagesOn(TOPICS.event("bench")).get(0));
    assertThat(event.isObject()).as("an event is one object, not an array").isTrue();
    assertThat(event.get("type").asText()).isEqualTo("press");
  }

  @Test
  void everyObservationKeepsItsOwnDeviceAndKindTopicBeyondTheSinksTopicCache() {
    MqttSink sink = new MqttSink(uplink, TOPICS, MqttSinkOptions.batched(500));
    List<Observation> batch = new ArrayList<>();
    int devices = 1100;
    for (int d = 0; d < devices; d++) {
      batch.add(new Reading(INSTALLATION, "d" + d, "level", d, "V", Quality.GOOD, T0, 1));
    }
    batch.add(new InteractionEvent(INSTALLATION, "d7", "button", "press", 0, T0, 1));
    batch.add(new Reading(INSTALLATION, "d7", "level", 7.5, "V", Quality.GOOD, T0, 2));
    await(sink.deliver(batch));

    await().atMost(WAIT).until(() -> sub.messages().size() >= devices + 1);
    for (int d : new int[] {0, 7, 1023, 1024, 1099}) {
      List<JsonNode> on = sub.messagesOn(TOPICS.reading("d" + d)).stream()
          .map(UplinkTestSupport::json).toList();
      assertThat(on).as("d" + d).hasSize(1);
      assertThat(on.get(0).get(0).get("device").asText()).isEqualTo("d" + d);
    }
    assertThat(json(sub.messagesOn(TOPICS.reading("d7")).get(0)).size()).isEqualTo(2);
    assertThat(json(sub.messagesOn(TOPICS.event("d7")).get(0)).get("type").asText())
        .isEqualTo("press");
  }

  @Test
  void reportsGapsOnTheDeviceGapTopic() {
    MqttSink sink = new MqttSink(uplink, TOPICS, MqttSinkOptions.perObservation());
    await(sink.reportGap(new Gap(INSTALLATION, "air-1", "temperature", 10, 19, 10, "spool_full",
        1000L, 2000L)));
    JsonNode n = json(sub.awaitMessage(m -> m.topic().equals(TOPICS.gap("air-1")), WAIT));
    assertThat(n.get("first_seq").asLong()).isEqualTo(10);
    assertThat(n.get("last_seq").asLong()).isEqualTo(19);
    assertThat(n.get("count").asLong()).isEqualTo(10);
    assertThat(n.get("reason").asText()).isEqualTo("spool_full");
    assertThat(n.get("from_ts").asLong()).isEqualTo(1000L);
    assertThat(n.get("to_ts").asLong()).isEqualTo(2000L);
  }

  @Test
  void cleanStopPublishesTheRetainedOfflineStateOfTheSameBoot() {
    await(uplink.stop());
    assertThat(uplink.isConnected()).isFalse();
    ReceivedMessage off = sub.awaitMessage(m -> m.topic().equals(TOPICS.gatewayState())
        && isState(m, "offline", 17), WAIT);
    assertThat(off.qos()).isEqualTo(1);
    try (MqttTestSubscriber late = MqttTestSubscriber.connect(broker.url(),
        TOPICS.gatewayState())) {
      ReceivedMessage retained = late.awaitMessages(1, WAIT).get(0);
      assertThat(retained.retained()).isTrue();
      assertThat(isState(retained, "offline", 17)).isTrue();
    }
    assertThat(uplink.publish("streetsense/x", new byte[0], 1, false).failed()).isTrue();
  }
}
