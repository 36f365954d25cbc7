package org.streetsense.system.deploy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Plain Paho clients for the deploy tests, with everything they received recorded. */
final class PahoClients {

  private PahoClients() {}

  /** A connected client; {@code received} collects "topic payload" strings in arrival order. */
  record Connected(MqttClient client, List<String> received) implements AutoCloseable {

    void publish(String topic, String payload) throws MqttException {
      MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      client.publish(topic, message);
    }

    /** Subscribes at QoS 1 and returns the granted QoS (128 when the broker refused). */
    int subscribe(String filter) throws MqttException {
      return client.subscribeWithResponse(filter, 1).getGrantedQos()[0];
    }

    @Override
    public void close() throws MqttException {
      if (client.isConnected()) {
        client.disconnect(2_000);
      }
      client.close(true);
    }
  }

  static Connected connect(String uri, String clientId, String user, String password,
      SocketFactory sockets, boolean cleanSession) throws MqttException {
    MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
    List<String> received = new CopyOnWriteArrayList<>();
    client.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {}

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(cleanSession);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(5);
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    // Paho can count a publish as in flight a moment after its token completed (eclipse-paho
    // issue 551): with the default window of 10, back-to-back synchronous publishes then fail
    // with "Too many publishes in progress"
    options.setMaxInflight(1000);
    if (user != null) {
      options.setUserName(user);
      options.setPassword(password.toCharArray());
    }
    if (sockets != null) {
      options.setSocketFactory(sockets);
    }
    client.connect(options);
    return new Connected(client, received);
  }
}
