package org.streetsense.bench.baseline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.streetsense.bench.Throughput;
import org.streetsense.bench.broker.CountingSubscriber;
import org.streetsense.bench.proc.CProgram;

/**
 * The broker and subscriber ceiling: a tiny C program against libmosquitto ({@code qos0_pub.c},
 * a {@link CProgram}) publishes the payload at QoS 0 on one connection, as fast as the socket takes it,
 * into the same broker, counted by the same subscriber as every other throughput row. Nothing
 * waits for acknowledgements, so what arrives per second is what the broker and the subscriber
 * can carry on this machine, not what a publisher can send. QoS 0 messages the broker cannot
 * queue are dropped; the note gives how many arrived.
 *
 * <p>Needs gcc and libmosquitto-dev ({@code deploy/dev/install-test-deps.sh}); without them the
 * row is "not measured" with the reason.
 */
public final class CeilingPublisher {

  private static final Duration QUIET = Duration.ofSeconds(2);

  private CeilingPublisher() {}

  /**
   * Publishes {@code messages} copies of {@code payload} (one reading each) at QoS 0 and counts
   * them at {@code sub}.
   */
  public static Throughput run(Path work, int port, String topic, byte[] payload, int messages,
      CountingSubscriber sub, Duration timeout) throws IOException, InterruptedException {
    return run(work, port, topic, payload, 1, messages, sub, timeout);
  }

  /**
   * Publishes {@code messages} copies of {@code payload}, which carries {@code readingsPerMessage}
   * readings (a batched payload), at QoS 0 and counts the readings at {@code sub}.
   */
  public static Throughput run(Path work, int port, String topic, byte[] payload,
      int readingsPerMessage, int messages, CountingSubscriber sub, Duration timeout)
      throws IOException, InterruptedException {
    long readings = (long) readingsPerMessage * messages;
    Path exe = CProgram.build(work, "qos0_pub");
    Path payloadFile = work.resolve("payload.json");
    Files.write(payloadFile, payload);
    sub.reset();
    long start = System.nanoTime();
    Process p = new ProcessBuilder(exe.toString(), String.valueOf(port), topic,
        payloadFile.toString(), String.valueOf(messages))
        .redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException("qos0_pub did not finish within " + timeout);
    }
    if (p.exitValue() != 0) {
      throw new IOException("qos0_pub failed (" + p.exitValue() + "): " + out.strip());
    }
    // everything is on the wire; QoS 0 may have lost some: wait for all, or until none comes
    long deadline = System.nanoTime() + timeout.toNanos();
    long seen = -1;
    while (System.nanoTime() < deadline) {
      long now = sub.awaitReadings(readings, QUIET);
      if (now >= readings || now == seen) {
        break;
      }
      seen = now;
    }
    return Throughput.measured(readings, sub, start);
  }
}
