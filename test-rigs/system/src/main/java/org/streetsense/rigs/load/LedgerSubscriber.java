package org.streetsense.rigs.load;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A backend stand-in that counts what it receives straight into a {@link StreamLedger}: a
 * persistent MQTT session (clean session off, QoS 1), so with a {@link DurableBroker} nothing
 * published while it is reconnecting is lost to it. Reconnects by itself and re-subscribes.
 * Thread-safe: read the ledger through {@link #read}.
 */
public final class LedgerSubscriber implements AutoCloseable {

  private static final long WAIT_MILLIS = 15_000;
  private final MqttAsyncClient client;
  private final String filter;
  private final StreamLedger ledger = new StreamLedger();

  private LedgerSubscriber(MqttAsyncClient client, String filter) {
    this.client = client;
    this.filter = filter;
  }

  /** Connects to {@code url} with a persistent session and subscribes to {@code filter}. */
  public static LedgerSubscriber connect(String url, String filter) {
    try {
      MqttAsyncClient client = new MqttAsyncClient(url,
          "ledger-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
      LedgerSubscriber s = new LedgerSubscriber(client, filter);
      client.setCallback(s.new Callback());
      MqttConnectOptions o = new MqttConnectOptions();
      o.setCleanSession(false);
      o.setAutomaticReconnect(true);
      o.setMaxReconnectDelay(500);
      o.setMaxInflight(1000);
      o.setKeepAliveInterval(5);
      client.connect(o).waitForCompletion(WAIT_MILLIS);
      client.subscribe(filter, 1).waitForCompletion(WAIT_MILLIS);
      return s;
    } catch (MqttException e) {
      throw new IllegalStateException("ledger subscriber cannot connect to " + url + ": " + e, e);
    }
  }

  /** Runs {@code query} on the ledger while no message is being counted. */
  public <T> T read(Function<StreamLedger, T> query) {
    synchronized (ledger) {
      return query.apply(ledger);
    }
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(WAIT_MILLIS);
      }
      client.close();
    } catch (MqttException e) {
      throw new IllegalStateException("cannot close ledger subscriber: " + e, e);
    }
  }

  private final class Callback implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect) {
        try {
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
      String text = new String(message.getPayload(), StandardCharsets.UTF_8);
      synchronized (ledger) {
        ledger.addMqtt(topic, text);
      }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // never publishes
    }
  }
}
