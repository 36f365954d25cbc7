package org.streetsense.system.fleet;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A backend consumer of a whole fleet: one Paho client with a persistent session (clean session
 * false, QoS 1) on {@code streetsense/v1/+/state} and the reading, event and gap topics of every
 * installation. It keeps, per stream {@code <installation>/<device>/<channel>}, the set of
 * {@code seq} numbers received and the latest observation time, and per installation the time of
 * the latest {@code online} birth, instead of every message, so a fleet's traffic fits in memory.
 *
 * <p>It reconnects by itself; with a broker that persists sessions, messages published while it
 * was away are delivered after it is back, so it does not subscribe again. Thread-safe: Paho's
 * callback thread writes, test threads read.
 */
final class FleetSubscriber implements AutoCloseable {

  private static final long WAIT_MILLIS = 10_000;
  private static final String[] FILTERS = {"streetsense/v1/+/state", "streetsense/v1/+/+/reading",
      "streetsense/v1/+/+/event", "streetsense/v1/+/+/gap"};

  /** What one stream delivered so far. */
  static final class StreamLedger {
    private final BitSet seqs = new BitSet();
    private long maxSeq;
    private long duplicates;
    private long latestTs;

    synchronized void add(long seq, long ts) {
      if (seqs.get((int) seq)) {
        duplicates++;
      }
      seqs.set((int) seq);
      maxSeq = Math.max(maxSeq, seq);
      latestTs = Math.max(latestTs, ts);
    }

    /** Numbers in 1..max seq that never arrived. */
    synchronized long holes() {
      return maxSeq - seqs.get(1, (int) maxSeq + 1).cardinality();
    }

    synchronized long maxSeq() {
      return maxSeq;
    }

    synchronized long duplicates() {
      return duplicates;
    }

    synchronized long latestTs() {
      return latestTs;
    }
  }

  private final MqttAsyncClient client;
  private final Map<String, StreamLedger> streams = new ConcurrentHashMap<>();
  private final Map<String, Long> births = new ConcurrentHashMap<>();
  private final List<String> gaps = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicLong received = new AtomicLong();

  private FleetSubscriber(MqttAsyncClient client) {
    this.client = client;
  }

  /** Connects with a persistent session as {@code clientId} and subscribes; blocks up to 20 s. */
  static FleetSubscriber connect(String url, String clientId) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    FleetSubscriber subscriber = new FleetSubscriber(client);
    client.setCallback(subscriber.new Callback());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(1000);
    options.setMaxInflight(1000);
    client.connect(options).waitForCompletion(WAIT_MILLIS);
    int[] qos = new int[FILTERS.length];
    java.util.Arrays.fill(qos, 1);
    client.subscribe(FILTERS, qos).waitForCompletion(WAIT_MILLIS);
    return subscriber;
  }

  /** Installations whose latest {@code online} birth was stamped at or after {@code sinceMillis}. */
  long onlineSince(long sinceMillis) {
    return births.values().stream().filter(ts -> ts >= sinceMillis).count();
  }

  /** The latest birth time (Unix ms) of each installation that announced itself. */
  Map<String, Long> births() {
    return Map.copyOf(births);
  }

  /** Every stream seen so far, by {@code <installation>/<device>/<channel>}. */
  Map<String, StreamLedger> streams() {
    return Map.copyOf(streams);
  }

  /** Gap reports received (each as {@code topic payload}); a loss the gateway admits. */
  List<String> gaps() {
    return List.copyOf(gaps);
  }

  long received() {
    return received.get();
  }

  boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(WAIT_MILLIS);
      }
    } finally {
      client.close(true);
    }
  }

  private void onMessage(String topic, byte[] payload) {
    received.incrementAndGet();
    String[] levels = topic.split("/");
    JsonObject json = new JsonObject(new String(payload, StandardCharsets.UTF_8));
    if (levels.length == 4 && levels[3].equals("state")) {
      if ("online".equals(json.getString("status"))) {
        births.merge(levels[2], json.getLong("ts"), Math::max);
      }
    } else if (levels.length == 5 && levels[4].equals("gap")) {
      gaps.add(topic + " " + json.encode());
    } else if (levels.length == 5) {
      String stream = levels[2] + "/" + levels[3] + "/" + json.getString("channel");
      streams.computeIfAbsent(stream, s -> new StreamLedger())
          .add(json.getLong("seq"), json.getLong("ts"));
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void connectionLost(Throwable cause) {
      // automatic reconnect resumes the persistent session
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      onMessage(topic, message.getPayload());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // subscribes only
    }
  }
}
