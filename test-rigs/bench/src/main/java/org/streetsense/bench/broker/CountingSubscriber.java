package org.streetsense.bench.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A QoS 1 subscriber that counts what reaches it: messages, and readings (a batched payload is a
 * JSON array, so each {@code "seq":} field counts as one reading). It records the
 * {@link System#nanoTime()} of the first and of the latest arrival so a rate is measured where
 * the data arrives, not where it was sent.
 *
 * <p>Thread-safe; Paho calls {@link MqttCallback#messageArrived} on its own thread.
 */
public final class CountingSubscriber implements AutoCloseable {

  private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

  private final MqttClient client;
  private final Object lock = new Object();
  private volatile BiConsumer<String, byte[]> tap = (t, p) -> { };
  private long messages;
  private long readings;
  private long firstNanos;
  private long lastNanos;

  private CountingSubscriber(MqttClient client) {
    this.client = client;
  }

  /** Connects (clean session) and subscribes {@code filter} at QoS 1. */
  public static CountingSubscriber connect(String url, String filter) throws MqttException {
    MqttClient c = new MqttClient(url, "bench-sub-" + UUID.randomUUID().toString().substring(0, 8),
        new MemoryPersistence());
    CountingSubscriber s = new CountingSubscriber(c);
    c.setCallback(s.callback());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    o.setMaxInflight(1000);
    o.setAutomaticReconnect(false);
    c.connect(o);
    c.subscribe(filter, 1);
    return s;
  }

  /** Also hands every message to {@code tap} (on Paho's thread; keep it short). */
  public void tap(BiConsumer<String, byte[]> consumer) {
    this.tap = consumer;
  }

  /** Forgets the counts. */
  public void reset() {
    synchronized (lock) {
      messages = 0;
      readings = 0;
      firstNanos = 0;
      lastNanos = 0;
    }
  }

  public long readings() {
    synchronized (lock) {
      return readings;
    }
  }

  public long messages() {
    synchronized (lock) {
      return messages;
    }
  }

  /** nanoTime of the latest arrival, 0 if none. */
  public long lastNanos() {
    synchronized (lock) {
      return lastNanos;
    }
  }

  /** nanoTime of the first arrival since the last reset, 0 if none. */
  public long firstNanos() {
    synchronized (lock) {
      return firstNanos;
    }
  }

  /**
   * Waits until at least {@code n} readings arrived or the timeout passed; returns the count.
   */
  public long awaitReadings(long n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (readings < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return readings;
    }
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(2000);
      }
      client.close();
    } catch (MqttException e) {
      // closing a benchmark subscriber: nothing to recover
    }
  }

  private MqttCallback callback() {
    return new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) { }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        byte[] p = message.getPayload();
        long n = Math.max(1, occurrences(p));
        long now = System.nanoTime();
        synchronized (lock) {
          if (messages == 0) {
            firstNanos = now;
          }
          messages++;
          readings += n;
          lastNanos = now;
          lock.notifyAll();
        }
        tap.accept(topic, p);
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) { }
    };
  }

  static long occurrences(byte[] p) {
    long n = 0;
    outer:
    for (int i = 0; i <= p.length - SEQ.length; i++) {
      for (int j = 0; j < SEQ.length; j++) {
        if (p[i + j] != SEQ[j]) {
          continue outer;
        }
      }
      n++;
    }
    return n;
  }
}
