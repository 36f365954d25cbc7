package org.streetsense.gateway.uplink;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import org.streetsense.gateway.uplink.impl.PahoMqttUplink;

/**
 * The gateway's MQTT connection to the city's broker (MQTT 3.1.1, Eclipse Paho v3 underneath).
 *
 * <p>The uplink keeps one connection alive with its own reconnect loop (jittered exponential
 * backoff between {@link MqttUplinkOptions#reconnectMinDelay()} and
 * {@link MqttUplinkOptions#reconnectMaxDelay()}), which also covers a first connect to a broker
 * that is not there yet. It does not buffer: while disconnected, {@link #publish} fails at once
 * and the caller (the spool) delivers again later.
 *
 * <p>Threading: every method may be called from any thread, including a Vert.x event loop; none
 * blocks. Paho's blocking calls (connect, disconnect, close) run on a dedicated control thread.
 * Futures complete on the Vert.x context the uplink was created on (or any thread when created
 * outside a context); connection listeners and subscription handlers run on that context too, so
 * they never run on a Paho thread.
 */
public interface MqttUplink {

  /** Creates an uplink; nothing connects until {@link #start()}. */
  static MqttUplink create(Vertx vertx, MqttUplinkOptions options) {
    return new PahoMqttUplink(vertx, options);
  }

  /**
   * Starts the connect loop and completes immediately; connection state is reported through
   * {@link #onConnectionChange}. On every connect the birth message (if configured) is published
   * and all subscriptions are made again. Fails if the uplink was stopped.
   */
  Future<Void> start();

  /**
   * Publishes one message. At QoS 1 the future completes when the broker's PUBACK arrives, at
   * QoS 0 when the message was written to the connection. Fails fast with
   * {@link UplinkDisconnectedException} while disconnected, and fails if the connection drops
   * before the acknowledgement. Publishes the client cannot take yet (beyond {@link
   * MqttUplinkOptions#maxInflight()} awaiting acknowledgement, or beyond {@link
   * MqttUplinkOptions#maxUnwritten()} not yet written) wait in order in a bounded queue ({@link
   * MqttUplinkOptions#maxQueued()}); when that is full the future fails with {@link
   * UplinkOverloadedException}.
   *
   * @param qos 0 or 1 (QoS 2 is not used by Streetsense)
   */
  Future<Void> publish(String topic, byte[] payload, int qos, boolean retained);

  /**
   * Publishes one message ahead of every message queued with {@link #publish}: it is handed to
   * the client at once (while fewer than {@link MqttUplinkOptions#maxInflight()} await their
   * acknowledgement), so it is written behind at most {@link MqttUplinkOptions#maxUnwritten()}
   * ordinary publishes. Urgent publishes keep their order among themselves; an ordinary one
   * published earlier may arrive after it. For interaction events and the session's birth.
   * Completes and fails as {@link #publish} does.
   *
   * @param qos 0 or 1
   */
  Future<Void> publishUrgent(String topic, byte[] payload, int qos, boolean retained);

  /** Whether a session with the broker is up right now. */
  boolean isConnected();

  /**
   * Whether a client-id takeover is probable now: the broker ended the last sessions (three or
   * more in a row) within {@link MqttUplinkOptions#stableSession()} of accepting them, as MQTT 3.1.1
   * brokers do when another client connects with the same client id. While it lasts the reconnect
   * backoff keeps growing; it ends when a session stays up for the stable time.
   */
  boolean takeoverSuspected();

  /** Sessions lost while a client-id takeover was probable, since {@link #start()}. */
  long takeoverLosses();

  /** Registers a listener for connection changes; it runs on the uplink's Vert.x context. */
  void onConnectionChange(Consumer<ConnectionState> listener);

  /**
   * Subscribes {@code handler} to {@code filter}. The subscription is made now if connected and
   * again after every reconnect. Handlers run on the Vert.x context that called this method (or
   * the uplink's context), never on Paho's callback thread, so they may publish. The future
   * completes when the broker acknowledged the subscription, or at once when disconnected (the
   * subscription is then made on the next connect).
   *
   * @param qos 0 or 1
   */
  Future<Void> subscribe(String filter, int qos, Consumer<InboundMessage> handler);

  /**
   * Stops for good: publishes the will message (the offline state) retained and waits for its
   * acknowledgement when connected, disconnects cleanly, closes the Paho client and releases the
   * control thread. Idempotent. Publishes in flight fail.
   */
  Future<Void> stop();
}
