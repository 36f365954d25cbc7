package org.streetsense.bench.baseline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.streetsense.bench.Throughput;
import org.streetsense.bench.broker.CountingSubscriber;

/**
 * Baseline (b): the C client. {@code mosquitto_pub -l -q 1} reads one message per line from its
 * standard input; we write {@code messages} lines of the same payload into it and count at the
 * subscriber. The time includes the process start (a few milliseconds). Its standard input is
 * closed only once every message arrived (or the timeout passed), since at end of input it
 * disconnects without publishing the lines it has read and not yet sent.
 */
public final class MosquittoPub {

  private MosquittoPub() {}

  /** Whether {@code /usr/bin/mosquitto_pub} is installed. */
  public static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/mosquitto_pub"));
  }

  public static Throughput run(int port, String topic, byte[] payload, int messages,
      CountingSubscriber sub, Duration timeout) throws IOException, InterruptedException {
    byte[] line = Arrays.copyOf(payload, payload.length + 1);
    line[payload.length] = '\n';
    if (new String(payload, StandardCharsets.UTF_8).indexOf('\n') >= 0) {
      throw new IllegalArgumentException("payload contains a newline; mosquitto_pub -l would split it");
    }
    sub.reset();
    long start = System.nanoTime();
    Process p = new ProcessBuilder("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p",
        String.valueOf(port), "-i", "bench-mosquitto-pub", "-t", topic, "-q", "1", "-l")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      byte[] chunk = new byte[line.length * 100];
      for (int i = 0; i < 100; i++) {
        System.arraycopy(line, 0, chunk, i * line.length, line.length);
      }
      for (int sent = 0; sent < messages; sent += 100) {
        int n = Math.min(100, messages - sent);
        in.write(chunk, 0, n * line.length);
      }
      in.flush();
      // stdin stays open until everything arrived: at end of input mosquitto_pub -l disconnects
      // without sending what it has read but not yet published (of 300,000 lines written at
      // once, about 38,000 arrived)
      sub.awaitReadings(messages, timeout);
    }
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return Throughput.measured(messages, sub, start);
  }
}
