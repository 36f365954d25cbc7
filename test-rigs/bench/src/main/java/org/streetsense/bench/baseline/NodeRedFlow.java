package org.streetsense.bench.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.streetsense.bench.Throughput;
import org.streetsense.bench.broker.CountingSubscriber;
import org.streetsense.harness.FreePorts;

/**
 * Baseline (c): a Node-RED flow doing the gateway's job. The generated flow has an
 * {@code http in} node ({@code POST /bench} with {@code {"count":N}}) wired to a function node
 * that sends N readings (the same payload bytes) to an {@code mqtt out} node at QoS 1, and then
 * answers the request; an inject node publishes {@code bench/nodered/ready} every second so we
 * know the flow's broker connection is up before triggering. Node-RED runs as a child process
 * with a generated {@code settings.js} on a free port, in a temporary user directory.
 */
public final class NodeRedFlow {

  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeRedFlow() {}

  public static Throughput run(Path redJs, Path workDir, String brokerUrl, int brokerPort,
      String topic, byte[] payload, int messages, CountingSubscriber sub, Duration timeout)
      throws Exception {
    Files.createDirectories(workDir);
    int httpPort = FreePorts.next();
    Path flows = workDir.resolve("flows.json");
    Files.writeString(flows, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
        flow(brokerPort, topic, new String(payload, StandardCharsets.UTF_8))));
    Path settings = workDir.resolve("settings.js");
    Files.writeString(settings, settings(httpPort, workDir));
    Path log = workDir.resolve("node-red.log");
    Process p = new ProcessBuilder("node", redJs.toString(), "--settings", settings.toString(),
        "--userDir", workDir.toString(), flows.toString())
        .directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    try (CountingSubscriber ready = CountingSubscriber.connect(brokerUrl, "bench/nodered/ready")) {
      if (ready.awaitReadings(1, Duration.ofSeconds(60)) < 1) {
        throw new IllegalStateException("Node-RED flow did not connect to the broker within 60 s;"
            + " see " + log);
      }
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      // the same flow in the same node process twice, the better counts (decision 0378)
      Throughput first = trigger(http, httpPort, messages, sub, timeout);
      return Throughput.better(first, trigger(http, httpPort, messages, sub, timeout));
    } finally {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
  }

  /** Asks the flow for {@code messages} readings and counts them at {@code sub}. */
  private static Throughput trigger(HttpClient http, int httpPort, int messages,
      CountingSubscriber sub, Duration timeout) throws Exception {
    sub.reset();
    long start = System.nanoTime();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/bench"))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"count\":" + messages + "}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Node-RED answered " + r.statusCode() + ": " + r.body());
    }
    sub.awaitReadings(messages, timeout);
    return Throughput.measured(messages, sub, start);
  }

  static List<Map<String, Object>> flow(int brokerPort, String topic, String payload)
      throws IOException {
    String func = "const n = Number(msg.payload.count);\n"
        + "const topic = " + JSON.writeValueAsString(topic) + ";\n"
        + "const payload = " + JSON.writeValueAsString(payload) + ";\n"
        + "for (let i = 0; i < n; i++) {\n"
        + "  node.send([{topic: topic, payload: payload}, null]);\n"
        + "}\n"
        + "msg.payload = {sent: n};\n"
        + "return [null, msg];\n";
    return List.of(
        Map.of("id", "tab", "type", "tab", "label", "streetsense bench"),
        Map.ofEntries(Map.entry("id", "broker"), Map.entry("type", "mqtt-broker"),
            Map.entry("name", "bench"), Map.entry("broker", "127.0.0.1"),
            Map.entry("port", String.valueOf(brokerPort)),
            Map.entry("clientid", "bench-node-red"), Map.entry("autoConnect", true),
            Map.entry("usetls", false), Map.entry("protocolVersion", "4"),
            Map.entry("keepalive", "60"), Map.entry("cleansession", true),
            Map.entry("birthTopic", ""), Map.entry("closeTopic", ""),
            Map.entry("willTopic", "")),
        Map.of("id", "in", "type", "http in", "z", "tab", "url", "/bench", "method", "post",
            "upload", false, "wires", List.of(List.of("generate"))),
        Map.of("id", "generate", "type", "function", "z", "tab", "name", "generate readings",
            "func", func, "outputs", 2,
            "wires", List.of(List.of("out"), List.of("answer"))),
        Map.of("id", "out", "type", "mqtt out", "z", "tab", "topic", "", "qos", "1",
            "retain", "false", "broker", "broker", "wires", List.of()),
        Map.of("id", "answer", "type", "http response", "z", "tab", "statusCode", "",
            "wires", List.of()),
        Map.ofEntries(Map.entry("id", "tick"), Map.entry("type", "inject"),
            Map.entry("z", "tab"), Map.entry("repeat", "1"), Map.entry("once", true),
            Map.entry("onceDelay", "0.1"), Map.entry("topic", "bench/nodered/ready"),
            Map.entry("payload", "ready"), Map.entry("payloadType", "str"),
            Map.entry("props", List.of(Map.of("p", "payload"), Map.of("p", "topic", "vt", "str"))),
            Map.entry("wires", List.of(List.of("readyOut")))),
        Map.of("id", "readyOut", "type", "mqtt out", "z", "tab", "topic", "", "qos", "0",
            "retain", "false", "broker", "broker", "wires", List.of()));
  }

  private static String settings(int httpPort, Path userDir) throws IOException {
    return "module.exports = {\n"
        + "  uiPort: " + httpPort + ",\n"
        + "  uiHost: \"127.0.0.1\",\n"
        + "  userDir: " + JSON.writeValueAsString(userDir.toString()) + ",\n"
        + "  flowFile: \"flows.json\",\n"
        + "  credentialSecret: false,\n"
        + "  httpAdminRoot: \"/admin\",\n"
        + "  httpNodeRoot: \"/\",\n"
        + "  diagnostics: { enabled: false },\n"
        + "  telemetry: { enabled: false },\n"
        + "  logging: { console: { level: \"warn\", metrics: false, audit: false } },\n"
        + "  editorTheme: { tours: false }\n"
        + "};\n";
  }
}
