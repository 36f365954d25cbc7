package org.streetsense.bench.broker;

import java.io.IOException;
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
 * <p>Two kinds: {@link #connect} subscribes with Paho in this JVM (arrival times exact, and a
 * {@link #tap} sees every message: for latency); {@link #external} runs {@code mosquitto_sub}
 * (C) in its own process and counts the lines it prints (for throughput: the subscriber's own
 * work, which in Paho reads every payload byte by byte, is then not charged to the JVM under
 * test, as a backend's subscriber would run elsewhere).
 *
 * <p>Thread-safe; Paho calls {@link MqttCallback#messageArrived} on its own thread.
 */
public final class CountingSubscriber implements AutoCloseable {

  private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

  private final AutoCloseable transport;
  private final boolean tappable;
  private final Object lock = new Object();
  private volatile BiConsumer<String, byte[]> tap = (t, p) -> { };
  private long messages;
  private long readings;
  private long firstNanos;
  private long lastNanos;

  private CountingSubscriber(AutoCloseable transport, boolean tappable) {
    this.transport = transport;
    this.tappable = tappable;
  }

  /** Connects (clean session) and subscribes {@code filter} at QoS 1. */
  public static CountingSubscriber connect(String url, String filter) throws MqttException {
    MqttClient c = new MqttClient(url, "bench-sub-" + UUID.randomUUID().toString().substring(0, 8),
        new MemoryPersistence());
    CountingSubscriber s = new CountingSubscriber(() -> closePaho(c), true);
    c.setCallback(s.callback());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    o.setMaxInflight(1000);
    o.setAutomaticReconnect(false);
    c.connect(o);
    c.subscribe(filter, 1);
    return s;
  }

  /**
   * Runs {@code mosquitto_sub -q 1} on {@code filter} against the broker at {@code url}, and
   * returns once the subscription is live (a probe message published to {@code probeTopic},
   * which must match {@code filter}, came through; the counts are then reset).
   *
   * @throws IOException if mosquitto_sub cannot start or the probe does not arrive in 10 s
   */
  public static CountingSubscriber external(String url, int port, String filter,
      String probeTopic) throws IOException, MqttException {
    Process p = new ProcessBuilder("/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p",
        String.valueOf(port), "-q", "1", "-t", filter,
        "-i", "bench-sub-c-" + UUID.randomUUID().toString().substring(0, 8))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    CountingSubscriber s = new CountingSubscriber(() -> {
      p.destroy();
      if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }, false);
    Thread reader = new Thread(() -> s.countLines(p.getInputStream()), "bench-sub-c-reader");
    reader.setDaemon(true);
    reader.start();
    MqttClient probe = new MqttClient(url, "bench-probe-" + UUID.randomUUID().toString()
        .substring(0, 8), new MemoryPersistence());
    try {
      probe.connect();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (s.messages() == 0) {
        if (System.nanoTime() > deadline || !p.isAlive()) {
          s.close();
          throw new IOException("mosquitto_sub on port " + port + " did not receive a probe on "
              + probeTopic + " within 10 s");
        }
        probe.publish(probeTopic, "{}".getBytes(StandardCharsets.US_ASCII), 1, false);
        try {
          s.awaitReadings(1, Duration.ofMillis(200));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          s.close();
          throw new IOException("interrupted while probing mosquitto_sub", e);
        }
      }
      probe.disconnect();
    } finally {
      probe.close();
    }
    // let probes still in flight arrive before counting starts
    s.awaitQuiet(Duration.ofMillis(300));
    s.reset();
    return s;
  }

  /** Also hands every message to {@code tap} (on Paho's thread; keep it short). */
  public void tap(BiConsumer<String, byte[]> consumer) {
    if (!tappable) {
      throw new IllegalStateException("a mosquitto_sub subscriber has no per-message tap");
    }
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

  /** Waits until no message arrived for {@code quiet}, at most 5 s. */
  private void awaitQuiet(Duration quiet) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    synchronized (lock) {
      try {
        while (System.nanoTime() < deadline && System.nanoTime() - lastNanos < quiet.toNanos()) {
          lock.wait(Math.max(1, quiet.toMillis() / 4));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the probes", e);
      }
    }
  }

  @Override
  public void close() {
    try {
      transport.close();
    } catch (Exception e) {
      // closing a benchmark subscriber: nothing to recover
    }
  }

  private static void closePaho(MqttClient client) throws MqttException {
    if (client.isConnected()) {
      client.disconnect(2000);
    }
    client.close();
  }

  /** Counts what mosquitto_sub prints: one line per message, readings by their seq fields. */
  private void countLines(java.io.InputStream in) {
    byte[] buf = new byte[64 * 1024];
    SeqCounter line = new SeqCounter();
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        long messagesHere = 0;
        long readingsHere = 0;
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n') {
            messagesHere++;
            readingsHere += line.readingsAndReset();
          } else if (b == '"' || line.inMatch()) {
            // outside a partial match only the opening quote can start one: the other bytes
            // (most of them) are passed over without the matcher, so counting costs the bench's
            // share of the two cores less (what it spends is taken from the gateway under test)
            line.feed(b);
          }
        }
        if (messagesHere > 0) {
          arrived(messagesHere, readingsHere);
        }
      }
    } catch (IOException e) {
      // the process ended (closed): nothing more arrives
    }
  }

  private void arrived(long newMessages, long newReadings) {
    long now = System.nanoTime();
    synchronized (lock) {
      if (messages == 0) {
        firstNanos = now;
      }
      messages += newMessages;
      readings += newReadings;
      lastNanos = now;
      lock.notifyAll();
    }
  }

  private MqttCallback callback() {
    return new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) { }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        byte[] p = message.getPayload();
        arrived(1, readingsIn(p));
        tap.accept(topic, p);
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) { }
    };
  }

  /** Readings in one payload: its {@code "seq":} fields, and at least one. */
  static long readingsIn(byte[] payload) {
    SeqCounter c = new SeqCounter();
    for (byte b : payload) {
      c.feed(b);
    }
    return c.readingsAndReset();
  }

  /**
   * Counts {@code "seq":} fields in bytes fed one at a time, across any chunking (a
   * Knuth-Morris-Pratt matcher, so it finds what a plain substring search finds).
   */
  private static final class SeqCounter {
    /** For each matched length, the longest proper suffix of the match that is also a prefix. */
    private static final int[] FALLBACK = fallback(SEQ);
    private int matched;
    private long count;

    /** Whether some of {@code "seq":} has been matched (only {@code "} can start a match). */
    boolean inMatch() {
      return matched > 0;
    }

    void feed(byte b) {
      while (matched > 0 && b != SEQ[matched]) {
        matched = FALLBACK[matched];
      }
      if (b == SEQ[matched]) {
        matched++;
      }
      if (matched == SEQ.length) {
        count++;
        matched = FALLBACK[matched];
      }
    }

    /** Readings of the payload fed so far (at least one), then starts on the next payload. */
    long readingsAndReset() {
      long n = Math.max(1, count);
      count = 0;
      matched = 0;
      return n;
    }

    private static int[] fallback(byte[] pattern) {
      int[] f = new int[pattern.length + 1];
      for (int i = 2, k = 0; i <= pattern.length; i++) {
        while (k > 0 && pattern[i - 1] != pattern[k]) {
          k = f[k];
        }
        if (pattern[i - 1] == pattern[k]) {
          k++;
        }
        f[i] = k;
      }
      return f;
    }
  }
}
