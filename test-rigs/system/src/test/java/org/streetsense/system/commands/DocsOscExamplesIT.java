package org.streetsense.system.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.ProjectPaths;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Every OSC command example in the docs runs against the jar with a real Mosquitto: each
 * {@code oscsend HOST PORT /address TYPES ARGS} line of a Markdown file, and each {@code
 * `/streetsense/<actuator>/<op> TYPES ARGS`} span (the form of the tables in docs/interaction.md),
 * is sent with {@code oscsend} to the gateway's {@code osc.listen} port, must be accepted by
 * {@code oscsend} (a type string that does not match its arguments fails it) and must be answered
 * on the actuator's MQTT result topic with {@code accepted} or {@code done}. A broken example
 * fails the build. The installation mirrors the outputs of docs/interaction.md's complete
 * installation (lamp, leds/ring, fan) and its DMX fixtures (the wash par and a moving head, on an
 * Art-Net universe nobody listens to) without quiet hours, so the result does not depend on the time of day.
 *
 * <p>The same process then shows, from outside, the rules around those examples: OSC
 * {@code set f nan} is malformed input, counted and never answered on MQTT; a {@code value} with
 * {@code on} over MQTT is refused as {@code malformed} naming the field; a fade on an on/off relay
 * is refused as {@code not_allowed}; and {@code set -0.0} is published as level {@code 0.0}.
 */
class DocsOscExamplesIT {

  private static final String PREFIX = "streetsense/v1/corner-lights/";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Set<String> OPS = Set.of("set", "on", "off", "pulse", "fade", "safe", "color");
  /** An oscsend command line in a code block. */
  private static final Pattern OSCSEND = Pattern.compile(
      "^\\s*oscsend\\s+\\S+\\s+\\d+\\s+(/\\S+)((?:\\s+\\S+)*)\\s*$");
  /** An OSC command written inline: `/streetsense/lamp/fade fi 1.0 300`. */
  private static final Pattern INLINE = Pattern.compile("`(/streetsense/[A-Za-z0-9/_-]+)((?: [^`]+)?)`");

  @TempDir Path dir;

  /** One example: where it is, the address and oscsend's arguments after it. */
  record Example(String where, String address, List<String> args) {
    String actuator() {
      String rest = address.substring("/streetsense/".length());
      return rest.substring(0, rest.lastIndexOf('/'));
    }

    String op() {
      return address.substring(address.lastIndexOf('/') + 1);
    }
  }

  static List<Example> examples() throws IOException {
    List<Example> out = new ArrayList<>();
    Path root = ProjectPaths.root();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    files.add(root.resolve("README.md"));
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String where = root.relativize(file) + ":" + (i + 1);
        Matcher command = OSCSEND.matcher(lines.get(i));
        if (command.matches()) {
          out.add(new Example(where, command.group(1), split(command.group(2))));
          continue;
        }
        Matcher inline = INLINE.matcher(lines.get(i));
        while (inline.find()) {
          String address = inline.group(1);
          if (OPS.contains(address.substring(address.lastIndexOf('/') + 1))) {
            out.add(new Example(where, address, split(inline.group(2))));
          }
        }
      }
    }
    return out;
  }

  private static List<String> split(String args) {
    String trimmed = args.trim();
    return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
  }

  @Test
  void examplesAreFoundInTheTablesAndInTheShellBlocks() throws IOException {
    List<Example> examples = examples();
    assertThat(examples).extracting(Example::where)
        .anyMatch(w -> w.startsWith("docs/interaction.md"));
    assertThat(examples).extracting(Example::address)
        .contains("/streetsense/lamp/fade", "/streetsense/fan/on", "/streetsense/lamp/set");
    assertThat(examples).filteredOn(e -> e.args().size() > 1).isNotEmpty();
  }

  @Test
  @Timeout(300)
  void everyOscExampleOfTheDocsIsAcceptedByARunningGateway() throws Exception {
    List<Example> examples = examples();
    int oscPort = FreePorts.next();
    try (MosquittoServer broker = MosquittoServer.anonymous()) {
      broker.start();
      Path config = writeConfig(broker.url(), oscPort);
      // every topic, so that results of two-level ids (a fixture's head/pan) arrive too; the
      // answers are picked by their topic
      try (MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#");
           MqttTestSubscriber states = MqttTestSubscriber.connect(broker.url(), PREFIX + "+/state");
           GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString())) {
        gateway.awaitRunning(Duration.ofSeconds(60));
        await("OSC commands are answered").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> {
              oscsend(oscPort, "/streetsense/lamp/safe");
              return !results.messagesOn(PREFIX + "lamp/result").isEmpty();
            });

        Set<String> seen = new java.util.HashSet<>();
        results.messages().forEach(m -> seen.add(CommandRoundTripIT.json(m).path("id").asText()));
        for (Example e : examples) {
          oscsend(oscPort, e.address(), e.args().toArray(String[]::new));
          ReceivedMessage answer = nextAnswer(results, e.actuator(), seen);
          JsonNode r = CommandRoundTripIT.json(answer);
          assertThat(r.path("id").asText()).as(e.where()).startsWith("osc:");
          assertThat(r.path("status").asText()).as("%s %s %s: %s", e.where(), e.address(),
              e.args(), answer.text()).isIn("accepted", "done");
          // the next example starts from safe, so a fade or pulse never stands in its way
          oscsend(oscPort, "/streetsense/" + e.actuator() + "/safe");
          nextAnswer(results, e.actuator(), seen);
        }

        // f nan is malformed OSC input: counted, never answered. The marker sent after it is the
        // next answer on the topic (results of one actuator are published in order).
        oscsend(oscPort, "/streetsense/lamp/set", "f", "nan");
        oscsend(oscPort, "/streetsense/lamp/set", "f", "0.25");
        ReceivedMessage first = nextAnswer(results, "lamp", seen);
        assertThat(first.text()).as("NaN gets no answer").contains("\"status\":\"accepted\"")
            .doesNotContain("needs a value");
        await().atMost(WAIT).until(() -> states.messagesOn(PREFIX + "lamp/state").stream()
            .map(CommandRoundTripIT::json).anyMatch(s -> s.path("level").asDouble() == 0.25));

        MqttAsyncClient sender = CommandRoundTripIT.connectSender(broker.url());
        try {
          // a value with on is a sender's mistake, refused naming the field; the relay stays off
          results.clear();
          send(sender, "fan", "{\"id\":\"fan-on-half\",\"op\":\"on\",\"value\":0.5}");
          JsonNode onWithValue = CommandRoundTripIT.json(results.awaitMessage(
              m -> m.topic().equals(PREFIX + "fan/result"), WAIT));
          assertThat(onWithValue.path("status").asText()).isEqualTo("rejected");
          assertThat(onWithValue.path("reason").asText()).isEqualTo("malformed");
          assertThat(onWithValue.path("detail").asText()).contains("'value'", "'on'");

          // an on/off output cannot fade, from MQTT as from every source
          results.clear();
          send(sender, "fan", "{\"id\":\"fan-fade\",\"op\":\"fade\",\"value\":1,\"duration_ms\":300}");
          JsonNode fade = CommandRoundTripIT.json(results.awaitMessage(
              m -> m.topic().equals(PREFIX + "fan/result"), WAIT));
          assertThat(fade.path("reason").asText()).isEqualTo("not_allowed");
          assertThat(fade.path("detail").asText()).contains("on/off output cannot fade");
          assertThat(retainedState(broker, "fan").path("level").asDouble()).isZero();

          // -0.0 is 0.0 in the retained state
          send(sender, "lamp", "{\"id\":\"lamp-up\",\"op\":\"set\",\"value\":0.5}");
          await().atMost(WAIT).until(() -> retainedState(broker, "lamp").path("level").asDouble() == 0.5);
          send(sender, "lamp", "{\"id\":\"lamp-neg-zero\",\"op\":\"set\",\"value\":-0.0}");
          await().atMost(WAIT).until(() -> retainedState(broker, "lamp").path("cause").asText()
              .equals("lamp-neg-zero"));
          ReceivedMessage state = retainedMessage(broker, "lamp");
          assertThat(state.text()).contains("\"level\":0.0").doesNotContain("-0.0");
        } finally {
          if (sender.isConnected()) {
            sender.disconnect().waitForCompletion(10_000);
          }
          sender.close();
        }
      }
    }
  }

  /**
   * The first result on the actuator's topic with an id not answered before (a command's first
   * answer; ids of one source are unique), remembered as answered.
   */
  private static ReceivedMessage nextAnswer(MqttTestSubscriber results, String actuator,
      Set<String> seen) {
    ReceivedMessage m = results.awaitMessage(r -> r.topic().equals(PREFIX + actuator + "/result")
        && !seen.contains(CommandRoundTripIT.json(r).path("id").asText()), WAIT);
    seen.add(CommandRoundTripIT.json(m).path("id").asText());
    return m;
  }

  private static void send(MqttAsyncClient sender, String actuator, String payload)
      throws Exception {
    sender.publish(PREFIX + actuator + "/command", payload.getBytes(StandardCharsets.UTF_8), 1,
        false).waitForCompletion(10_000);
  }

  private static ReceivedMessage retainedMessage(MosquittoServer broker, String actuator) {
    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(broker.url(), PREFIX + actuator + "/state")) {
      return latecomer.awaitMessage(ReceivedMessage::retained, Duration.ofSeconds(10));
    }
  }

  private static JsonNode retainedState(MosquittoServer broker, String actuator) {
    return CommandRoundTripIT.json(retainedMessage(broker, actuator));
  }

  private static void oscsend(int port, String address, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("oscsend", "127.0.0.1", Integer.toString(port),
        address));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s: %s", command, output).isZero();
  }

  /** The outputs and allow-list of docs/interaction.md's complete installation, no quiet hours. */
  private Path writeConfig(String brokerUrl, int oscPort) throws IOException {
    Path file = dir.resolve("corner-lights.yaml");
    Files.writeString(file, """
        installation: corner-lights
        site: System test bench
        hardware: {backend: simulated, seed: 7}
        devices:
          - {id: lamp, driver: led, pin: 18, safeState: off, options: {dimmable: true}}
          - id: leds
            driver: pca9685
            address: 0x40
            safeState: off
            channels:
              ring: {index: 0}
          - {id: fan, driver: relay, pin: 23, safeState: off}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        dmx:
          universes:
            - {id: local, protocol: artnet, address: 127.0.0.1, universe: 7}
          fixtures:
            - {id: wash, universe: local, address: 1, profile: dimmer-rgb-strobe}
            - {id: head, universe: local, address: 10, profile: moving-head}
        safety:
          maxDuration: 10m
          actuators:
            lamp: {kind: light, operations: [set, on, off, pulse, fade], ratePerMinute: 600}
            leds/ring: {operations: [set, fade], range: {min: 0, max: 0.8}, ratePerMinute: 120}
            fan: {kind: switch, operations: [on, off, fade], ratePerMinute: 600}
            wash: {operations: [set, on, off, pulse, fade, color], ratePerMinute: 600}
            head/pan: {operations: [set, fade], ratePerMinute: 600}
            head/tilt: {operations: [set, fade], ratePerMinute: 600}
        osc:
          prefix: /streetsense
          listen: {host: 127.0.0.1, port: %d}
        """.formatted(brokerUrl, dir.resolve("spool"), FreePorts.next(), oscPort));
    return file;
  }
}
