package org.streetsense.gateway.uplink.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.uplink.InboundMessage;

/**
 * The uplink's subscriptions, kept across sessions and made again after every connect. Incoming
 * messages are handed to each matching handler on the handler's Vert.x context, so Paho's
 * callback thread only enqueues and never waits (waiting there deadlocks Paho).
 */
final class Subscriptions {

  private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
  private static final int SUBACK_FAILURE = 0x80;

  private record Entry(String filter, int qos, Consumer<InboundMessage> handler, Context context) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** Registers (or replaces) the handler of {@code filter}. */
  void add(String filter, int qos, Consumer<InboundMessage> handler, Context context) {
    entries.put(filter, new Entry(filter, qos, handler, context));
  }

  /** Subscribes to one filter on a live client; completes on SUBACK. */
  Future<Void> subscribe(MqttAsyncClient client, String filter, int qos, Context context) {
    return send(client, new String[] {filter}, new int[] {qos}, context);
  }

  /** Subscribes to every registered filter in one SUBSCRIBE; completes on SUBACK. */
  Future<Void> resubscribeAll(MqttAsyncClient client, Context context) {
    List<Entry> all = List.copyOf(entries.values());
    if (all.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] filters = all.stream().map(Entry::filter).toArray(String[]::new);
    int[] qos = all.stream().mapToInt(Entry::qos).toArray();
    return send(client, filters, qos, context);
  }

  /** Called on Paho's callback thread: dispatch only, never block. */
  void dispatch(String topic, MqttMessage message) {
    InboundMessage inbound = new InboundMessage(topic, message.getPayload(), message.getQos(),
        message.isRetained(), message.isDuplicate());
    for (Entry e : entries.values()) {
      if (MqttTopic.isMatched(e.filter(), topic)) {
        e.context().runOnContext(v -> {
          try {
            e.handler().accept(inbound);
          } catch (RuntimeException ex) {
            LOG.warn("handler of MQTT subscription '{}' failed on topic {}", e.filter(), topic,
                ex);
          }
        });
      }
    }
  }

  private static Future<Void> send(MqttAsyncClient client, String[] filters, int[] qos,
      Context context) {
    Promise<Void> promise = Promise.promise();
    try {
      client.subscribe(filters, qos, null, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          int[] granted = token.getGrantedQos();
          for (int i = 0; granted != null && i < granted.length; i++) {
            if (granted[i] == SUBACK_FAILURE) {
              String filter = i < filters.length ? filters[i] : "?";
              context.runOnContext(v -> promise.tryFail(new IllegalStateException(
                  "broker refused the subscription to '" + filter + "' (check its ACL)")));
              return;
            }
          }
          context.runOnContext(v -> promise.tryComplete());
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          context.runOnContext(v -> promise.tryFail(new IllegalStateException(
              "subscribing to " + String.join(", ", filters) + " failed: " + failure, failure)));
        }
      });
    } catch (MqttException e) {
      promise.tryFail(new IllegalStateException(
          "subscribing to " + String.join(", ", filters) + " failed: " + e, e));
    }
    return promise.future();
  }
}
