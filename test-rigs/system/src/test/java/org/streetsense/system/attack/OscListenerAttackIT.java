package org.streetsense.system.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.harness.OscPackets;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Issue 13, item 3: the gateway jar, run with the systemd unit's JVM options (64 MB heap), takes
 * every malformed OSC datagram shape that once ended its OSC listener, then 20,000 fuzzed
 * datagrams and a flood of valid commands, as raw UDP; after each round a command sent with
 * Debian's {@code oscsend} still reaches the lamp (seen on the retained state topic through a
 * real Mosquitto), the drops are counted by reason on {@code /metrics}, and {@code /health}
 * stays ready with the listener up and never restarted.
 */
@Timeout(240)
class OscListenerAttackIT {

  private static final String INSTALLATION = "osc-attack";
  private static final String STATE = "streetsense/v1/" + INSTALLATION + "/lamp/state";
  private static final String SET = "/streetsense/lamp/set";
  private static final int FUZZED = 20_000;
  private static final int FUZZ_BATCH = 25;
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  @Test
  void malformedFuzzedAndFloodedDatagramsNeitherStopTheListenerNorMakeTheGatewayUnready()
      throws Exception {
    try (MosquittoServer broker = MosquittoServer.anonymous()) {
      broker.start();
      int oscPort = FreePorts.next();
      int httpPort = FreePorts.next();
      Path config = writeInstallation(broker.url(), oscPort, httpPort);
      try (GatewayProcess gw = GatewayProcess.startAsUnit("run", "--config", config.toString());
          MqttTestSubscriber state = MqttTestSubscriber.connect(broker.url(), STATE);
          DatagramSocket udp = new DatagramSocket()) {
        String base = "http://127.0.0.1:" + httpPort;
        long startNanos = System.nanoTime();
        await("gateway ready; output:\n" + gw.stdout()).atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> gw.isAlive() && status(base + "/health") == 200);
        InetSocketAddress osc = new InetSocketAddress(InetAddress.getLoopbackAddress(), oscPort);

        // 1. every malformed shape, one at a time, each counted under its reason
        List<OscPackets.Shape> shapes = OscPackets.malformed(SET);
        Map<String, Long> expected = new HashMap<>();
        for (OscPackets.Shape shape : shapes) {
          udp.send(new DatagramPacket(shape.bytes(), shape.bytes().length, osc));
          expected.merge(shape.reason(), 1L, Long::sum);
          await(shape.name() + " counted").atMost(Duration.ofSeconds(20))
              .until(() -> droppedByReason(base).getOrDefault(shape.reason(), 0L)
                  >= expected.get(shape.reason()));
        }
        Map<String, Long> dropped = droppedByReason(base);
        expected.forEach((reason, n) -> assertThat(dropped.get(reason)).as(reason).isEqualTo(n));
        assertThat(gw.isAlive()).isTrue();
        assertThat(health(base)).contains("\"ready\":true");

        // 1b. an OSC address may name any actuator: no answer becomes a topic of its choosing
        try (MqttTestSubscriber everything = MqttTestSubscriber.connect(broker.url(),
            "streetsense/v1/" + INSTALLATION + "/#")) {
          oscsend(oscPort, "/streetsense/$SYS/on");
          oscsend(oscPort, "/streetsense/nobody-here/on");
          oscsend(oscPort, "/streetsense/" + "x".repeat(60) + "/on");
          oscsendUntilTheLampIs(oscPort, state, "1.0", SET, "f", "1.0");
          assertThat(everything.messages()).as("topics published after OSC to unknown actuators")
              .extracting(ReceivedMessage::topic)
              .noneMatch(t -> t.contains("$SYS") || t.contains("nobody-here") || t.contains("xxxx"));
        }

        // 2. 20,000 fuzzed datagrams, in small batches that the kernel's buffer holds, so the
        // gateway decodes every one; then 20,000 valid commands as fast as they go
        OscPackets.Fuzzer fuzzer = new OscPackets.Fuzzer(13L, 8192 + 64, 8);
        long received = (long) value(get(base + "/metrics"), "streetsense_osc_datagrams_total", "");
        for (int i = 0; i < FUZZED; i += FUZZ_BATCH) {
          for (int j = 0; j < FUZZ_BATCH; j++) {
            byte[] f = fuzzer.next();
            udp.send(new DatagramPacket(f, f.length, osc));
          }
          long expectedReceived = received + i + FUZZ_BATCH;
          await("fuzzed datagrams received").atMost(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(5)).until(() -> value(get(base + "/metrics"),
                  "streetsense_osc_datagrams_total", "") >= expectedReceived);
        }
        byte[] valid = OscPackets.message(SET, 1.0f);
        for (int i = 0; i < 20_000; i++) {
          udp.send(new DatagramPacket(valid, valid.length, osc));
        }
        state.clear();
        oscsendUntilTheLampIs(oscPort, state, "0.0", "/streetsense/lamp/off");

        assertThat(gw.isAlive()).as("process alive; errors:\n" + gw.stderr()).isTrue();
        assertThat(health(base)).contains("\"ready\":true");
        String metrics = get(base + "/metrics");
        assertThat(value(metrics, "streetsense_listener_up", "listener=\"osc-in\"")).isEqualTo(1);
        assertThat(value(metrics, "streetsense_listener_restarts_total", "listener=\"osc-in\""))
            .isZero();
        assertThat(value(metrics, "streetsense_osc_datagrams_total", ""))
            .isGreaterThanOrEqualTo(shapes.size() + FUZZED);
        assertThat(droppedByReason(base).values().stream().mapToLong(Long::longValue).sum())
            .as("fuzzed datagrams dropped").isGreaterThan(shapes.size());
        String log = gw.stdout() + gw.stderr();
        assertThat(log).as("no stack trace for a sender's garbage")
            .doesNotContain("\tat org.streetsense.gateway.osc");
        long minutes = TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - startNanos);
        long summaries = log.lines().filter(l -> l.contains("OSC input dropped")).count();
        assertThat(summaries).as("drop summaries: at most one per minute, plus the first")
            .isBetween(1L, minutes + 2);
        System.out.printf("OscListenerAttackIT: %.0f datagrams received, dropped by reason %s, "
            + "%d summary lines in the log%n", value(metrics, "streetsense_osc_datagrams_total", ""),
            droppedByReason(base), summaries);
        try (MqttTestSubscriber retained = MqttTestSubscriber.connect(broker.url(), STATE)) {
          assertThat(retained.awaitMessage(m -> m.retained(), Duration.ofSeconds(10)).text())
              .as("the retained state matches the last OSC command").contains("\"level\":0.0");
        }
      }
    }
  }

  private Path writeInstallation(String brokerUrl, int oscPort, int httpPort) throws IOException {
    String yaml = """
        installation: %s
        site: OSC attack bench
        hardware: {backend: simulated, seed: 7}
        devices:
          - id: lamp
            driver: led
            pin: 18
            safeState: off
        uplink:
          mqtt: {url: %s, qos: 1}
        spool:
          dir: %s
        http: {host: 127.0.0.1, port: %d}
        safety:
          timezone: Europe/Bratislava
          actuators:
            lamp: {kind: light, operations: [set, on, off]}
        osc:
          prefix: /streetsense
          listen: {host: 127.0.0.1, port: %d}
        """.formatted(INSTALLATION, brokerUrl, dir.resolve("spool"), httpPort, oscPort);
    Path file = dir.resolve(INSTALLATION + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /**
   * Sends {@code oscsend 127.0.0.1 <port> <message...>} until the lamp's state topic shows
   * {@code level} (UDP may drop a datagram while the kernel buffer is full).
   */
  private static void oscsendUntilTheLampIs(int port, MqttTestSubscriber state, String level,
      String... message) {
    await("lamp at " + level).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          oscsend(port, message);
          return state.messages().stream().anyMatch(m -> m.text().contains("\"level\":" + level));
        });
  }

  private static void oscsend(int port, String... message) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("oscsend", "127.0.0.1", Integer.toString(port)));
    cmd.addAll(List.of(message));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("oscsend exit code").isZero();
  }

  private static final Pattern DROPPED = Pattern.compile(
      "^streetsense_osc_dropped_total\\{[^}]*reason=\"([a-z_]+)\"[^}]*\\} ([0-9.Ee+]+)$",
      Pattern.MULTILINE);

  private static Map<String, Long> droppedByReason(String base) throws IOException {
    Map<String, Long> out = new HashMap<>();
    Matcher m = DROPPED.matcher(get(base + "/metrics"));
    while (m.find()) {
      out.put(m.group(1), (long) Double.parseDouble(m.group(2)));
    }
    return out;
  }

  private static double value(String metrics, String name, String tag) {
    Matcher m = Pattern.compile("^" + name + "\\{([^}]*)\\} ([0-9.Ee+]+)$", Pattern.MULTILINE)
        .matcher(metrics);
    while (m.find()) {
      if (m.group(1).contains(tag)) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError(name + "{" + tag + "} not on /metrics");
  }

  private static String health(String base) throws IOException {
    return get(base + "/health");
  }

  private static int status(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String get(String url) throws IOException {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      return r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
