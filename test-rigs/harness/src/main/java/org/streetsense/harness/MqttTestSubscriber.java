package org.streetsense.harness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A plain Paho client, independent of the gateway's uplink, that subscribes to one topic filter
 * and records every message it receives, in arrival order, in a thread-safe list. It reconnects
 * and re-subscribes by itself when the broker restarts (retained messages then arrive again).
 *
 * <p>{@link #connect} returns once the subscription is acknowledged, so nothing published after
 * it returns is missed.
 */
public final class MqttTestSubscriber implements AutoCloseable {

  private static final long WAIT_MILLIS = 10_000;

  private final MqttAsyncClient client;
  private final String filter;
  private final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();

  private MqttTestSubscriber(MqttAsyncClient client, String filter) {
    this.client = client;
    this.filter = filter;
  }

  /** Connects anonymously to {@code url} and subscribes to {@code filter} at QoS 1. */
  public static MqttTestSubscriber connect(String url, String filter) {
    return connect(url, filter, new MqttConnectOptions());
  }

  /**
   * Connects with the given options (credentials, socket factory) and subscribes to
   * {@code filter} at QoS 1. Automatic reconnect is switched on; clean session is kept as given.
   */
  public static MqttTestSubscriber connect(String url, String filter,
      MqttConnectOptions options) {
    Objects.requireNonNull(filter, "filter");
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(500);
    long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
    for (int attempt = 1; ; attempt++) {
      MqttTestSubscriber subscriber = null;
      try {
        MqttAsyncClient client = new MqttAsyncClient(url,
            "test-sub-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        subscriber = new MqttTestSubscriber(client, filter);
        client.setCallback(subscriber.new Callback());
        client.connect(options).waitForCompletion(WAIT_MILLIS);
        client.subscribe(filter, 1).waitForCompletion(WAIT_MILLIS);
        return subscriber;
      } catch (MqttException e) {
        if (subscriber != null) {
          subscriber.close();
        }
        if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST || attempt == 3
            || System.nanoTime() > deadline) {
          throw new IllegalStateException("test subscriber cannot connect to " + url + ": " + e, e);
        }
        // A broker that has only just started (the demo's and the rig's embedded one) may close a
        // connection it accepted, before its CONNACK or SUBACK: a fresh client tries again. A
        // refusal (bad credentials, TLS) fails at once.
      }
    }
  }

  /** Everything received so far, in arrival order (a snapshot). */
  public List<ReceivedMessage> messages() {
    return List.copyOf(messages);
  }

  /** Messages received so far on exactly {@code topic}. */
  public List<ReceivedMessage> messagesOn(String topic) {
    return messages.stream().filter(m -> m.topic().equals(topic)).toList();
  }

  /** Waits until at least {@code n} messages arrived and returns all received so far. */
  public List<ReceivedMessage> awaitMessages(int n, Duration timeout) {
    await("at least " + n + " messages on " + filter)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> messages.size() >= n);
    return messages();
  }

  /** Waits for the first message (already received or later) matching {@code condition}. */
  public ReceivedMessage awaitMessage(Predicate<ReceivedMessage> condition, Duration timeout) {
    return await("a matching message on " + filter)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> messages.stream().filter(condition).findFirst(), o -> o.isPresent())
        .orElseThrow();
  }

  /** Forgets what was received so far. */
  public void clear() {
    messages.clear();
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(WAIT_MILLIS);
      }
    } catch (MqttException e) {
      // the broker may be gone already; closing below still releases the threads
    }
    // Paho refuses to close while an automatic reconnect is connecting (the broker went away
    // during the test): end that connection forcibly and close again, a few times at most.
    MqttException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        client.close(true);
        return;
      } catch (MqttException e) {
        last = e;
        try {
          client.disconnectForcibly(0, 0, false);
        } catch (MqttException ignored) {
          // already disconnected: the next close decides
        }
      }
    }
    throw new IllegalStateException("cannot close test subscriber: " + last, last);
  }

  private final class Callback implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect) {
        try {
          // asynchronous: waiting here, on Paho's callback thread, would deadlock
          client.subscribe(filter, 1);
        } catch (MqttException e) {
          throw new IllegalStateException("cannot re-subscribe to " + filter, e);
        }
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      // automatic reconnect takes over
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      messages.add(new ReceivedMessage(topic, message.getPayload(), message.getQos(),
          message.isRetained()));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // this client never publishes
    }
  }
}
