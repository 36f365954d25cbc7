package org.streetsense.bench.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.streetsense.bench.proc.CProgram;

/**
 * A QoS 1 subscriber that counts what reaches it: messages, and readings (a batched payload is a
 * JSON array, so each {@code "seq":} field counts as one reading). It records the
 * {@link System#nanoTime()} of the first and of the latest arrival so a rate is measured where
 * the data arrives, not where it was sent.
 *
 * <p>Two kinds: {@link #connect} subscribes with Paho in this JVM (arrival times exact, and a
 * {@link #tap} sees every message: for latency); {@link #external} runs {@code count_sub}, a C
 * subscriber against libmosquitto, in its own process, which counts each message's readings
 * itself and prints one short line per message (for throughput: the subscriber's own work is
 * then not charged to the JVM under test, as a backend's subscriber would run elsewhere, and
 * the payloads are not copied through a pipe for this JVM to scan).
 *
 * <p>Thread-safe; Paho calls {@link MqttCallback#messageArrived} on its own thread.
 */
public final class CountingSubscriber implements AutoCloseable {

  private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

  private final AutoCloseable transport;
  private final boolean tappable;
  /** Why this subscriber cannot count, or null. */
  private final String unavailable;
  private final Object lock = new Object();
  private volatile BiConsumer<String, byte[]> tap = (t, p) -> { };
  private long messages;
  private long readings;
  private long firstNanos;
  private long lastNanos;

  private CountingSubscriber(AutoCloseable transport, boolean tappable) {
    this(transport, tappable, null);
  }

  private CountingSubscriber(AutoCloseable transport, boolean tappable, String unavailable) {
    this.transport = transport;
    this.tappable = tappable;
    this.unavailable = unavailable;
  }

  private void requireAvailable() {
    if (unavailable != null) {
      throw new IllegalStateException(unavailable);
    }
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
   * Runs {@code count_sub} (compiled into {@code work} on first use, see {@link CProgram}) at
   * QoS 1 on {@code filter} against the broker at {@code url}, and returns once the subscription
   * is live (a probe message published to {@code probeTopic}, which must match {@code filter},
   * came through; the counts are then reset).
   *
   * @throws IOException if count_sub cannot be built or started, or the probe does not arrive
   *     in 10 s
   */
  public static CountingSubscriber external(Path work, String url, int port, String filter,
      String probeTopic) throws IOException, MqttException {
    Process p;
    try {
      p = new ProcessBuilder(CProgram.build(work, "count_sub").toString(), String.valueOf(port),
          filter, "bench-sub-c-" + UUID.randomUUID().toString().substring(0, 8))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building count_sub", e);
    }
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
          throw new IOException("count_sub on port " + port + " did not receive a probe on "
              + probeTopic + " within 10 s");
        }
        probe.publish(probeTopic, "{}".getBytes(StandardCharsets.US_ASCII), 1, false);
        try {
          s.awaitReadings(1, Duration.ofMillis(200));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          s.close();
          throw new IOException("interrupted while probing count_sub", e);
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

  /**
   * A subscriber that could not start: {@link #reset()} and the waits fail with {@code reason},
   * so a scenario using it is reported "not measured" with that reason.
   */
  public static CountingSubscriber unavailable(String reason) {
    return new CountingSubscriber(() -> { }, false, reason);
  }

  /** Also hands every message to {@code tap} (on Paho's thread; keep it short). */
  public void tap(BiConsumer<String, byte[]> consumer) {
    if (!tappable) {
      throw new IllegalStateException("an external subscriber has no per-message tap");
    }
    this.tap = consumer;
  }

  /** Forgets the counts. */
  public void reset() {
    requireAvailable();
    synchronized (lock) {
      messages = 0;
      readings = 0;
      firstNanos = 0;
      lastNanos = 0;
    }
  }

  public long readings() {
    requireAvailable();
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
    requireAvailable();
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

  /**
   * Counts what count_sub prints: one line per message, the readings in it in decimal. Lines
   * read together are counted as arriving together, when they are read.
   */
  private void countLines(java.io.InputStream in) {
    byte[] buf = new byte[16 * 1024];
    long number = 0;
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        long messagesHere = 0;
        long readingsHere = 0;
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n') {
            messagesHere++;
            readingsHere += number;
            number = 0;
          } else if (b >= '0' && b <= '9') {
            number = number * 10 + (b - '0');
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
    long count = 0;
    for (int i = 0; i + SEQ.length <= payload.length; i++) {
      if (payload[i] == SEQ[0] && java.util.Arrays.equals(payload, i, i + SEQ.length, SEQ, 0,
          SEQ.length)) {
        count++;
        i += SEQ.length - 1;
      }
    }
    return Math.max(1, count);
  }
}
