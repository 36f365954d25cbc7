package org.streetsense.gateway.uplink.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.uplink.UplinkDisconnectedException;
import org.streetsense.gateway.uplink.UplinkOverloadedException;

class PublishQueueTest {

  private record Sent(PublishQueue.Pending pending, IMqttActionListener listener) {}

  private final List<Sent> sent = new ArrayList<>();
  private boolean refuseSends;

  /** Publishes the fake client's sender has taken (written) and not yet seen acknowledged. */
  private int written;

  private PublishQueue queue(int maxInflight, int maxQueued) {
    return queue(maxInflight, maxQueued, maxInflight);
  }

  private PublishQueue queue(int maxInflight, int maxQueued, int maxUnwritten) {
    return new PublishQueue(maxInflight, maxQueued, maxUnwritten, () -> written, (p, l) -> {
      if (refuseSends) {
        throw new MqttException(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED);
      }
      sent.add(new Sent(p, l));
    }, Runnable::run, "tcp://broker:1883");
  }

  private static PublishQueue.Pending pending(String topic) {
    return new PublishQueue.Pending(topic, new byte[0], 1, false, false, Promise.promise());
  }

  private static PublishQueue.Pending urgent(String topic) {
    return new PublishQueue.Pending(topic, new byte[0], 1, false, true, Promise.promise());
  }

  private List<String> sentTopics() {
    return sent.stream().map(s -> s.pending().topic()).toList();
  }

  @Test
  void ordinaryPublishesWaitWhileMaxUnwrittenAreNotYetWrittenAndAnUrgentOneGoesAtOnce() {
    PublishQueue q = queue(100, 100, 2);
    for (int i = 0; i < 5; i++) {
      q.submit(pending("r/" + i));
    }
    assertThat(sentTopics()).containsExactly("r/0", "r/1");

    q.submit(urgent("event"));
    assertThat(sentTopics()).as("behind at most two readings").containsExactly("r/0", "r/1",
        "event");

    // the client's sender took all three; the first is acknowledged (the client counts it off
    // before it calls the listener)
    written = 2;
    sent.get(0).listener().onSuccess(null);
    assertThat(sentTopics()).as("an acknowledgement hands over what the window allows")
        .containsExactly("r/0", "r/1", "event", "r/2", "r/3");
  }

  @Test
  void urgentPublishesKeepTheirOrderAndWaitOnlyForAFreeInflightSlot() {
    PublishQueue q = queue(2, 10, 1);
    q.submit(pending("r/0"));
    q.submit(pending("r/1"));
    q.submit(urgent("e/0"));
    q.submit(urgent("e/1"));
    assertThat(sentTopics()).containsExactly("r/0", "e/0");

    written = 1; // both were written; the first is acknowledged
    sent.get(0).listener().onSuccess(null);
    assertThat(sentTopics()).as("the urgent one first, though the reading was queued earlier")
        .containsExactly("r/0", "e/0", "e/1");
  }

  @Test
  void heldBackPublishesCountAgainstTheQueueBound() {
    PublishQueue q = queue(100, 1, 1);
    q.submit(pending("a"));
    q.submit(pending("b"));
    PublishQueue.Pending c = pending("c");
    q.submit(c);
    assertThat(sentTopics()).containsExactly("a");
    assertThat(c.promise().future().cause()).isInstanceOf(UplinkOverloadedException.class)
        .hasMessageContaining("1 publishes in flight and 1 queued");
  }

  @Test
  void handsAtMostMaxInflightToPahoAndSendsTheRestInOrderAsAcksArrive() {
    PublishQueue q = queue(2, 10);
    List<PublishQueue.Pending> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(pending("t/" + i));
      q.submit(all.get(i));
    }
    assertThat(sent).extracting(s -> s.pending().topic()).containsExactly("t/0", "t/1");
    assertThat(q.size()).isEqualTo(5);

    sent.get(0).listener().onSuccess(null);
    assertThat(all.get(0).promise().future().succeeded()).isTrue();
    assertThat(sent).extracting(s -> s.pending().topic()).containsExactly("t/0", "t/1", "t/2");

    sent.get(1).listener().onSuccess(null);
    sent.get(2).listener().onSuccess(null);
    assertThat(sent).extracting(s -> s.pending().topic())
        .containsExactly("t/0", "t/1", "t/2", "t/3", "t/4");
  }

  @Test
  void refusesPublishesBeyondTheQueueAsOverloaded() {
    PublishQueue q = queue(1, 1);
    q.submit(pending("a"));
    q.submit(pending("b"));
    PublishQueue.Pending c = pending("c");
    q.submit(c);
    assertThat(c.promise().future().cause()).isInstanceOf(UplinkOverloadedException.class)
        .hasMessageContaining("1 publishes in flight and 1 queued");
  }

  @Test
  void closingFailsEverythingInFlightOrQueuedAndRefusesLaterPublishes() {
    PublishQueue q = queue(1, 5);
    PublishQueue.Pending a = pending("a");
    PublishQueue.Pending b = pending("b");
    q.submit(a);
    q.submit(b);
    q.close("session lost", null);
    assertThat(a.promise().future().cause()).isInstanceOf(UplinkDisconnectedException.class)
        .hasMessageContaining("session lost");
    assertThat(b.promise().future().failed()).isTrue();
    sent.get(0).listener().onSuccess(null);
    assertThat(a.promise().future().failed()).as("a late ack changes nothing").isTrue();

    PublishQueue.Pending later = pending("later");
    q.submit(later);
    assertThat(later.promise().future().cause())
        .isInstanceOf(UplinkDisconnectedException.class);
    assertThat(q.size()).isZero();
  }

  @Test
  void failsAPublishPahoRefusesAndFreesItsSlot() {
    PublishQueue q = queue(1, 5);
    refuseSends = true;
    PublishQueue.Pending a = pending("a");
    q.submit(a);
    assertThat(a.promise().future().cause()).isInstanceOf(UplinkDisconnectedException.class)
        .hasMessageContaining("refused a publish to a");
    refuseSends = false;
    q.submit(pending("b"));
    assertThat(sent).hasSize(1);
  }

  @Test
  void aFailedAcknowledgementFailsThatPublishOnly() {
    PublishQueue q = queue(2, 5);
    PublishQueue.Pending a = pending("a");
    PublishQueue.Pending b = pending("b");
    q.submit(a);
    q.submit(b);
    sent.get(0).listener().onFailure(null, new MqttException(
        MqttException.REASON_CODE_CONNECTION_LOST));
    sent.get(1).listener().onSuccess(null);
    assertThat(a.promise().future().failed()).isTrue();
    assertThat(b.promise().future().succeeded()).isTrue();
  }
}
