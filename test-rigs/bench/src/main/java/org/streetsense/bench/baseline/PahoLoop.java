package org.streetsense.bench.baseline;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.streetsense.bench.Pause;
import org.streetsense.bench.Throughput;
import org.streetsense.bench.broker.CountingSubscriber;

/**
 * Baseline (a): the client library's ceiling. A bare {@link MqttAsyncClient} in this JVM
 * publishes {@code messages} copies of the same payload at QoS 1 with at most 1000 in flight
 * (a semaphore of 1000 permits, released on each PUBACK); the rate is counted at the subscriber.
 */
public final class PahoLoop {

  private PahoLoop() {}

  public static Throughput run(String url, String topic, byte[] payload, int messages,
      CountingSubscriber sub, Duration timeout) throws Exception {
    MqttAsyncClient client = new MqttAsyncClient(url, "bench-paho-loop", new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    o.setMaxInflight(1000);
    client.connect(o).waitForCompletion(10_000);
    Semaphore window = new Semaphore(1000);
    IMqttActionListener release = new IMqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        window.release();
      }

      @Override
      public void onFailure(IMqttToken token, Throwable e) {
        window.release();
      }
    };
    try {
      sub.reset();
      long deadline = System.nanoTime() + timeout.toNanos();
      long start = System.nanoTime();
      int sent = 0;
      while (sent < messages && System.nanoTime() < deadline) {
        if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          continue;
        }
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topic, m, null, release);
        sent++;
      }
      sub.awaitReadings(sent, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      return Throughput.measured(messages, sub, start);
    } finally {
      client.disconnect().waitForCompletion(5000);
      client.close();
    }
  }

  /**
   * Latency baseline: the same client publishes one message every {@code period} at QoS 1 and the
   * subscriber's arrival time minus the publish call's time is one sample (nanoseconds, filled
   * into the returned array; entries of messages that did not arrive stay 0 and are dropped).
   */
  public static long[] latency(String url, String topic, byte[] payload, int messages,
      Duration period, CountingSubscriber sub, Duration timeout) throws Exception {
    MqttAsyncClient client = new MqttAsyncClient(url, "bench-paho-ping", new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    client.connect(o).waitForCompletion(10_000);
    long[] samples = new long[messages];
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      for (int i = 0; i < messages && System.nanoTime() < deadline; i++) {
        sub.reset();
        long sent = System.nanoTime();
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topic, m);
        if (sub.awaitReadings(1, Duration.ofSeconds(5)) >= 1) {
          samples[i] = sub.firstNanos() - sent;
        }
        Pause.of(Duration.ofNanos(sent + period.toNanos() - System.nanoTime()));
      }
      return java.util.Arrays.stream(samples).filter(s -> s > 0).toArray();
    } finally {
      client.disconnect().waitForCompletion(5000);
      client.close();
    }
  }
}
