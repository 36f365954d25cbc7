package org.streetsense.gateway.uplink.impl;

import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.uplink.MqttUplinkOptions;
import org.streetsense.gateway.uplink.UplinkMessage;

/**
 * One MQTT session: a fresh Paho {@link MqttAsyncClient} (in-memory persistence, automatic
 * reconnect off) from connect to close. A new client per session means nothing Paho keeps
 * between connections (threads, tokens, timers) can outlive it: {@link #close} disconnects
 * forcibly and closes the client, which ends its threads.
 *
 * <p>{@link #connect} and {@link #close} are called on the uplink's control thread only;
 * {@link #isConnected()} and {@link #queue()} from any thread.
 */
final class PahoSession {

  private static final Logger LOG = LoggerFactory.getLogger(PahoSession.class);

  private final MqttAsyncClient client;
  private final PublishQueue queue;
  private final long number;
  private volatile boolean connected;
  private volatile boolean closed;
  private volatile boolean everConnected;
  private volatile long connectedAtNanos;

  private PahoSession(MqttAsyncClient client, PublishQueue queue, long number) {
    this.client = client;
    this.queue = queue;
    this.number = number;
  }

  /** Creates the client; {@code callback} gets this session's Paho events. */
  static PahoSession open(MqttUplinkOptions options, Function<PahoSession, MqttCallback> callback,
      Executor completions, long number) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(options.serverUri(), options.clientId(),
        new MemoryPersistence());
    PublishQueue queue = new PublishQueue(options.maxInflight(), options.maxQueued(),
        options.maxUnwritten(), client::getInFlightMessageCount,
        (p, listener) -> client.publish(p.topic(), p.payload(), p.qos(), p.retained(), null,
            listener),
        completions, options.serverUri());
    PahoSession session = new PahoSession(client, queue, number);
    client.setCallback(callback.apply(session));
    return session;
  }

  /** Starts an asynchronous connect; {@code listener} runs on a Paho thread. */
  void connect(MqttUplinkOptions options, SSLSocketFactory tls, IMqttActionListener listener)
      throws MqttException {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(true);
    o.setAutomaticReconnect(false);
    o.setKeepAliveInterval((int) options.keepAlive().toSeconds());
    o.setConnectionTimeout((int) options.connectTimeout().toSeconds());
    o.setMaxInflight(options.maxInflight());
    options.username().ifPresent(o::setUserName);
    options.password().ifPresent(p -> o.setPassword(p.get()));
    if (options.will().isPresent()) {
      UplinkMessage will = options.will().get().get();
      o.setWill(will.topic(), will.payload(), will.qos(), will.retained());
    }
    o.setSocketFactory(NoDelaySockets.forUri(options.serverUri(), tls));
    o.setHttpsHostnameVerificationEnabled(true);
    client.connect(o, null, listener);
  }

  long number() {
    return number;
  }

  MqttAsyncClient client() {
    return client;
  }

  PublishQueue queue() {
    return queue;
  }

  boolean isConnected() {
    return connected && !closed;
  }

  void markConnected() {
    connectedAtNanos = System.nanoTime();
    connected = true;
    everConnected = true;
  }

  /** Marks the session dead at once, so publishes fail fast before {@link #close} runs. */
  void markLost() {
    connected = false;
  }

  /** How long the session has been up since its CONNACK; 0 if it never was. */
  long upNanos() {
    return everConnected ? System.nanoTime() - connectedAtNanos : 0;
  }

  /** Whether the broker ever accepted this session (CONNACK), so a failure is a loss. */
  boolean wasConnected() {
    return everConnected;
  }

  /**
   * Disconnects cleanly (when still connected) within {@code disconnectMillis}, then forcibly,
   * fails what is queued or in flight, and closes the client. Idempotent; blocking.
   */
  void close(String why, Throwable cause, long disconnectMillis) {
    if (closed) {
      return;
    }
    connected = false;
    closed = true;
    queue.close(why, cause);
    try {
      if (client.isConnected()) {
        client.disconnect(0).waitForCompletion(disconnectMillis);
      }
    } catch (MqttException e) {
      LOG.debug("clean disconnect of MQTT session {} failed: {}", number, e.toString());
    }
    try {
      client.disconnectForcibly(0, disconnectMillis, false);
    } catch (MqttException e) {
      // already disconnected: the usual case after a lost connection
      LOG.trace("forced disconnect of MQTT session {}: {}", number, e.toString());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.warn("closing MQTT session {} failed: {}", number, e.toString());
    }
  }
}
