package org.streetsense.bench.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
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
 * <p>Two kinds: {@link #connect} subscribes with Paho in this JVM (a {@link #tap} sees every
 * message, timed on arrival); {@link #external} runs {@code count_sub}, a C subscriber against
 * libmosquitto, in its own process, which counts each message's readings itself and prints one
 * short line per message (for throughput: the subscriber's own work is then not charged to the
 * JVM under test, as a backend's subscriber would run elsewhere, and the payloads are not copied
 * through a pipe for this JVM to scan). {@link #externalStamped} runs it so that it also prints
 * each message with its arrival time on the monotonic clock {@link System#nanoTime()} reads (for
 * latency: a tap then sees the message timed where it arrived, in that process, not when this
 * JVM got round to reading it).
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
  private volatile Tap tap = (t, p, at) -> { };
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

  /** What a tappable subscriber hands each message to. */
  @FunctionalInterface
  public interface Tap {
    /**
     * One message, on the subscriber's reading thread (keep it short).
     *
     * @param arrivalNanos when it arrived, on the clock of {@link System#nanoTime()}
     */
    void arrived(String topic, byte[] payload, long arrivalNanos);
  }

  /**
   * Runs {@code count_sub} (compiled into {@code work} on first use, see {@link CProgram}) at
   * QoS 1 on {@code filter} against the broker at {@code url}, and returns once the subscription
   * is live (a probe message published to {@code probeTopic}, which must match {@code filter},
   * came through; the counts are then reset). It has no {@link #tap}.
   *
   * @throws IOException if count_sub cannot be built or started, or the probe does not arrive
   *     in 10 s
   */
  public static CountingSubscriber external(Path work, String url, int port, String filter,
      String probeTopic) throws IOException, MqttException {
    return external(work, url, port, filter, probeTopic, false);
  }

  /**
   * Like {@link #external}, with count_sub printing every message and its arrival time on
   * {@code CLOCK_MONOTONIC}, the clock {@link System#nanoTime()} reads on Linux: a {@link #tap}
   * sees each message with that time, and the arrival times ({@link #firstNanos()},
   * {@link #lastNanos()}) are count_sub's. The probe checks that the clocks agree: the first
   * probe's arrival time must lie between the first publication and this JVM reading it.
   *
   * @throws IOException as {@link #external}, or if the probe's arrival time does not lie there
   */
  public static CountingSubscriber externalStamped(Path work, String url, int port,
      String filter, String probeTopic) throws IOException, MqttException {
    return external(work, url, port, filter, probeTopic, true);
  }

  private static CountingSubscriber external(Path work, String url, int port, String filter,
      String probeTopic, boolean stamped) throws IOException, MqttException {
    Process p;
    try {
      java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
          CProgram.build(work, "count_sub").toString(), String.valueOf(port), filter,
          "bench-sub-c-" + UUID.randomUUID().toString().substring(0, 8)));
      if (stamped) {
        command.add("stamp");
      }
      p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building count_sub", e);
    }
    CountingSubscriber s = new CountingSubscriber(() -> {
      p.destroy();
      if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }, stamped);
    Thread reader = new Thread(() -> {
      if (stamped) {
        s.readStamped(p.getInputStream());
      } else {
        s.countLines(p.getInputStream());
      }
    }, "bench-sub-c-reader");
    reader.setDaemon(true);
    reader.start();
    MqttClient probe = new MqttClient(url, "bench-probe-" + UUID.randomUUID().toString()
        .substring(0, 8), new MemoryPersistence());
    try {
      probe.connect();
      long firstSent = System.nanoTime();
      long deadline = firstSent + Duration.ofSeconds(10).toNanos();
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
      long read = System.nanoTime();
      long arrived = s.firstNanos();
      if (stamped && (arrived < firstSent || arrived > read)) {
        s.close();
        throw new IOException("count_sub's clock is not this JVM's: probes published from "
            + firstSent + " ns and read by " + read + " ns arrived at " + arrived + " ns");
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

  /** Also hands every message to {@code tap} (on the reading thread; keep it short). */
  public void tap(Tap consumer) {
    if (!tappable) {
      throw new IllegalStateException("a counting-only external subscriber has no tap");
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

  /**
   * Reads what count_sub prints with {@code stamp}: per message a line "READINGS NANOS TOPIC
   * LENGTH", then LENGTH payload bytes and a newline.
   */
  private void readStamped(java.io.InputStream raw) {
    try (java.io.DataInputStream in = new java.io.DataInputStream(
        new java.io.BufferedInputStream(raw, 64 * 1024))) {
      java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(128);
      int b;
      while ((b = in.read()) >= 0) {
        if (b != '\n') {
          line.write(b);
          continue;
        }
        String head = line.toString(StandardCharsets.UTF_8);
        line.reset();
        int first = head.indexOf(' ');
        int second = head.indexOf(' ', first + 1);
        int last = head.lastIndexOf(' ');
        if (first < 0 || second < 0 || last <= second) {
          throw new IOException("count_sub printed an unreadable line: " + head);
        }
        long readingsHere = Long.parseLong(head.substring(0, first));
        long at = Long.parseLong(head.substring(first + 1, second));
        String topic = head.substring(second + 1, last);
        byte[] payload = new byte[Integer.parseInt(head.substring(last + 1))];
        in.readFully(payload);
        if (in.read() != '\n') {
          throw new IOException("count_sub's payload on " + topic + " is not followed by a newline");
        }
        arrived(1, readingsHere, at);
        tap.arrived(topic, payload, at);
      }
    } catch (IOException | NumberFormatException e) {
      // the process ended (closed), or printed what this reader does not understand: nothing
      // more is counted, and a measurement waiting for it times out
    }
  }

  private void arrived(long newMessages, long newReadings) {
    arrived(newMessages, newReadings, System.nanoTime());
  }

  private void arrived(long newMessages, long newReadings, long now) {
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
        long now = System.nanoTime();
        byte[] p = message.getPayload();
        arrived(1, readingsIn(p), now);
        tap.arrived(topic, p, now);
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
