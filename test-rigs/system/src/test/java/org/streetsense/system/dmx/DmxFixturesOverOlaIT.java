package org.streetsense.system.dmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.OlaServer;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.ProjectPaths;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Issue 18, item 4: DMX fixtures driven by the running jar (the systemd unit's JVM options),
 * observed where a lighting technician would: in a real OLA daemon ({@code olad}) receiving the
 * Art-Net and sACN universes on loopback, read back over its HTTP API. Commands go in over a
 * real Mosquitto, as from any backend.
 *
 * <p>Universe 1 is Art-Net (a {@code dimmer-rgb-strobe} par at 1..5, a {@code [dimmer, strobe]}
 * flash at 20..21 allowed 10 flashes/s, a {@code moving-head} at 30..41 whose home is pan 0.25,
 * tilt 0.75), universe 2 sACN (an {@code rgbw} strip at 10..13 whose safe look is a dim red glow,
 * level 0.2, and a {@code mover} at 20..24: 16-bit pan, 8-bit tilt, a raw channel held at 77,
 * dimmer).
 */
@Timeout(300)
class DmxFixturesOverOlaIT {

  private static final String INSTALLATION = "dmx-bench";
  private static final String PREFIX = "streetsense/v1/" + INSTALLATION + "/";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ARTNET = 1;
  private static final int SACN = 2;
  /** The demo's stage par: Art-Net 0:0:0, channels 1..5. */
  private static final int DEMO = 0;

  @TempDir Path dir;
  private final int oscPort = FreePorts.next();
  private final int httpPort = FreePorts.next();
  private MosquittoServer broker;
  private OlaServer ola;

  @BeforeEach
  void start() {
    broker = MosquittoServer.anonymous();
    broker.start();
    ola = OlaServer.builder().artNet(DEMO).artNet(ARTNET).sacn(SACN).build();
    ola.start();
  }

  @AfterEach
  void stop() {
    ola.close();
    broker.close();
  }

  @Test
  void setColourAndFadeReachTheReceiverAndHostileCommandsChangeNothing() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", installation(false).toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      // the safe looks arrive first: the par dark, the strip glowing red at 0.2
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(SACN, 10, 4)).containsExactly(51, 0, 0, 0));
      assertThat(frame(ARTNET, 1, 5)).containsExactly(0, 0, 0, 0, 0);

      assertThat(command(gateway, results, "wash", "{\"id\":\"set-1\",\"op\":\"set\",\"value\":0.5}")
          .path("status").asText()).isEqualTo("accepted");
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(ARTNET, 1, 5))
          .as("dimmer 0.5, the fixture's colour, no strobe").containsExactly(128, 255, 120, 0, 0));

      command(gateway, results, "strip", "{\"id\":\"strip-1\",\"op\":\"set\",\"value\":1}");
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(SACN, 10, 4)).containsExactly(200, 100, 0, 50));

      // a fade up: every frame OLA shows on the way is between the last and the next
      command(gateway, results, "wash", "{\"id\":\"down-1\",\"op\":\"set\",\"value\":0}");
      await().atMost(WAIT).until(() -> ola.channel(ARTNET, 1) == 0);
      command(gateway, results, "wash", "{\"id\":\"fade-1\",\"op\":\"fade\",\"value\":0.8,\"duration_ms\":3000}");
      List<Integer> seen = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        int v = ola.channel(ARTNET, 1);
        if (seen.isEmpty() || seen.get(seen.size() - 1) != v) {
          seen.add(v);
        }
        if (v == 204) {
          break;
        }
      }
      assertThat(seen).as("dimmer values OLA received during the fade").isSorted();
      assertThat(seen.get(seen.size() - 1)).isEqualTo(204);
      // frames every 25 ms carry the fade, not just the state samples every 250 ms (12 in 3 s)
      assertThat(seen.stream().filter(v -> v > 0 && v < 204).count()).isGreaterThan(20);

      // a colour at once on the sACN strip, then a colour fade on the Art-Net par
      command(gateway, results, "strip", "{\"id\":\"blue-1\",\"op\":\"color\",\"color\":[0,0,255,10]}");
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(SACN, 10, 4)).containsExactly(0, 0, 255, 10));
      command(gateway, results, "wash", "{\"id\":\"red-1\",\"op\":\"color\",\"color\":[255,0,200],\"duration_ms\":2000}");
      List<int[]> colours = new ArrayList<>();
      long until = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < until) {
        int[] rgb = frame(ARTNET, 2, 3);
        if (colours.isEmpty() || !Arrays.equals(colours.get(colours.size() - 1), rgb)) {
          colours.add(rgb);
        }
        if (Arrays.equals(rgb, new int[] {255, 0, 200})) {
          break;
        }
      }
      assertThat(colours.get(colours.size() - 1)).containsExactly(255, 0, 200);
      assertThat(colours.stream().map(c -> c[1]).toList()).as("green falls 120 -> 0").isSortedAccordingTo(
          java.util.Comparator.reverseOrder());
      assertThat(colours.stream().map(c -> c[2]).toList()).as("blue rises 0 -> 200").isSorted();
      assertThat(colours.size()).as("intermediate colours of the 2 s fade").isGreaterThan(10);
      assertThat(ola.channel(ARTNET, 1)).as("a colour leaves the dimmer").isEqualTo(204);
      JsonNode state = json(results.awaitMessage(r -> r.topic().equals(PREFIX + "wash/state")
          && json(r).path("cause").asText().equals("red-1"), WAIT));
      assertThat(state.path("color").toString()).as("the retained state carries the colour")
          .isEqualTo("[255,0,200]");
      assertThat(state.path("level").asDouble()).isEqualTo(0.8);
      JsonNode wrongSize = command(gateway, results, "wash", "{\"id\":\"rgbw-1\",\"op\":\"color\",\"color\":[1,2,3,4]}");
      assertThat(wrongSize.path("status").asText()).isEqualTo("rejected");
      assertThat(wrongSize.path("detail").asText()).contains("'wash' has 3 colour channels");

      int[] before = frame(ARTNET, 1, 5);
      JsonNode tooBright = command(gateway, results, "wash", "{\"id\":\"bright-1\",\"op\":\"set\",\"value\":0.95}");
      assertThat(tooBright.path("status").asText()).isEqualTo("rejected");
      assertThat(tooBright.path("reason").asText()).isEqualTo("out_of_range");
      JsonNode notJson = command(gateway, results, "wash", "{\"id\":\"hostile-1\",\"op\":\"set\",\"value\":\"255\"}");
      assertThat(notJson.path("status").asText()).isEqualTo("rejected");
      JsonNode unknown = command(gateway, results, "wash", "{\"id\":\"hostile-2\",\"op\":\"strobe\",\"value\":1}");
      assertThat(unknown.path("status").asText()).isEqualTo("rejected");
      assertThat(frame(ARTNET, 1, 5)).as("refused commands change nothing").containsExactly(before);
    }
  }

  @Test
  void oscsendSetsAndFadesAColourAndMalformedColoursChangeNothing() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", installation(false).toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(SACN, 10, 4)).containsExactly(51, 0, 0, 0));
      // the gateway is running once it answers over MQTT (OSC has no answer)
      command(gateway, results, "wash", "{\"id\":\"on-1\",\"op\":\"set\",\"value\":0.5}");
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(ARTNET, 1, 4))
          .containsExactly(128, 255, 120, 0));

      // sent again until it shows: the OSC input may bind a moment after the MQTT session
      await().atMost(WAIT).untilAsserted(() -> {
        oscsend("/streetsense/strip/set", "f", "1");
        oscsend("/streetsense/strip/color", "iiii", "0", "0", "255", "10");
        assertThat(frame(SACN, 10, 4)).containsExactly(0, 0, 255, 10);
      });

      oscsend("/streetsense/wash/color", "iiii", "255", "0", "200", "1500");
      List<int[]> colours = new ArrayList<>();
      long until = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < until) {
        int[] rgb = frame(ARTNET, 2, 3);
        if (colours.isEmpty() || !Arrays.equals(colours.get(colours.size() - 1), rgb)) {
          colours.add(rgb);
        }
        if (Arrays.equals(rgb, new int[] {255, 0, 200})) {
          break;
        }
      }
      assertThat(colours.get(colours.size() - 1)).containsExactly(255, 0, 200);
      assertThat(colours.stream().map(c -> c[2]).toList()).as("blue rises 0 -> 200").isSorted();
      assertThat(colours.size()).as("intermediate colours of the 1.5 s fade").isGreaterThan(5);
      JsonNode state = json(results.awaitMessage(r -> r.topic().equals(PREFIX + "wash/state")
          && json(r).path("color").toString().equals("[255,0,200]"), WAIT));
      assertThat(state.path("cause").asText()).startsWith("osc:");

      int[] before = frame(ARTNET, 1, 5);
      long malformed = malformedCommands();
      oscsend("/streetsense/wash/color", "fff", "255", "127.5", "0");
      oscsend("/streetsense/wash/color", "iii", "255", "0", "999");
      oscsend("/streetsense/wash/color", "iiiii", "1", "2", "3", "4", "5");
      oscsend("/streetsense/wash/color", "ii", "1", "2");
      oscsend("/streetsense/wash/color", "iiis", "1", "2", "3", "slow");
      oscsend("/streetsense/wash/color", "fff", "1", "2", "nan");
      oscsend("/streetsense/wash/strobe/color", "iii", "255", "255", "255");
      oscsend("/streetsense/wash/color", "iiii", "1", "2", "3", "-5");
      // messages are handled in order: once this one arrived, the ones above were refused
      oscsend("/streetsense/strip/color", "iiii", "0", "255", "0", "0");
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(SACN, 10, 4)).containsExactly(0, 255, 0, 0));
      assertThat(frame(ARTNET, 1, 5)).as("malformed colours change nothing").containsExactly(before);
      assertThat(malformedCommands()).as("each refused colour counted as malformed on /metrics")
          .isEqualTo(malformed + 8);
    }
  }

  /** {@code streetsense_commands_rejected_total{reason="malformed"}} from the gateway's /metrics. */
  private long malformedCommands() throws Exception {
    String metrics = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "(?m)^streetsense_commands_rejected_total\\{[^}]*reason=\"malformed\"[^}]*\\} ([0-9.eE+]+)$").matcher(metrics);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  /** Sends one OSC message with liblo's {@code oscsend} to the gateway's OSC input. */
  private void oscsend(String address, String types, String... values) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("oscsend", "127.0.0.1", Integer.toString(oscPort),
        address, types));
    cmd.addAll(List.of(values));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void withOnStopBlackoutTheReceiverSeesZerosAfterSigtermInsteadOfTheSafeGlow() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config",
        installation(false, ", onStop: blackout").toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      command(gateway, results, "strip", "{\"id\":\"strip-1\",\"op\":\"set\",\"value\":1}");
      await().atMost(WAIT).until(() -> ola.channel(SACN, 10) == 200);
      gateway.terminate();
      assertThat(gateway.awaitExit(Duration.ofSeconds(40))).as(gateway.stderr()).isZero();
    }
    // with the default (hold) the strip keeps its safe glow 51, 0, 0, 0 (the SIGTERM test above)
    assertThat(frame(SACN, 10, 4)).as("onStop: blackout ends with zeros").containsExactly(0, 0, 0, 0);
    assertThat(frame(SACN, 20, 5)).as("a blackout darkens the mover but leaves it at home (pan "
        + "0.5, tilt 0.4) with its raw channel").containsExactly(128, 0, 102, 77, 0);
    JsonNode state = retainedState("strip", "shutdown");
    assertThat(state.path("level").asDouble()).as("the retained state says what the receiver shows: %s", state)
        .isZero();
    assertThat(state.path("safe").asBoolean()).as("dark is the declared stop state: %s", state).isTrue();
    assertThat(state.path("color").toString()).isEqualTo("[0,0,0,0]");

    // after SIGKILL, safe-outputs leaves the strip dark too, and says so in the retained state
    Path config = installation(false, ", onStop: blackout");
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      command(gateway, results, "strip", "{\"id\":\"strip-2\",\"op\":\"set\",\"value\":1}");
      await().atMost(WAIT).until(() -> ola.channel(SACN, 10) == 200);
      gateway.kill();
      gateway.awaitExit(Duration.ofSeconds(20));
    }
    GatewayProcess post = GatewayProcess.start(GatewayProcess.unitJvmOptions(), "safe-outputs",
        "--config", config.toString(), "--broker-timeout", "5");
    assertThat(post.awaitExit(Duration.ofSeconds(60))).as(post.stderr()).isZero();
    assertThat(post.stdout()).contains("strip: level 0, safe");
    await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(frame(SACN, 10, 4))
        .containsExactly(0, 0, 0, 0));
    state = retainedState("strip", "safe_outputs");
    assertThat(state.path("level").asDouble()).as("%s", state).isZero();
    assertThat(state.path("safe").asBoolean()).as("%s", state).isTrue();
  }

  /** The retained state of {@code actuator} as the broker holds it, once its cause is {@code cause}. */
  private JsonNode retainedState(String actuator, String cause) throws Exception {
    try (MqttTestSubscriber states = MqttTestSubscriber.connect(broker.url(), PREFIX + actuator + "/state")) {
      return json(states.awaitMessage(r -> json(r).path("cause").asText().equals(cause), WAIT));
    }
  }

  @Test
  void unchangedFramesKeepArrivingAtTheReceiverOnBothProtocols() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", installation(false).toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      command(gateway, results, "wash", "{\"id\":\"on-1\",\"op\":\"set\",\"value\":0.5}");
      await().atMost(WAIT).until(() -> ola.channel(ARTNET, 1) == 128);
      int[] artNet = ola.dmx(ARTNET);
      int[] sacn = ola.dmx(SACN);
      long artNetFrames = framesReceived(ARTNET);
      long sacnFrames = framesReceived(SACN);
      // nothing changes now: after at most 3 repeats of the change (E1.31 6.6.1) the keep-alive
      // (1 s) resends the frames, and olad counts each one: 6 more means 3 keep-alives or more
      await().atMost(WAIT).until(() -> framesReceived(ARTNET) >= artNetFrames + 6
          && framesReceived(SACN) >= sacnFrames + 6);
      assertThat(ola.dmx(ARTNET)).containsExactly(artNet);
      assertThat(ola.dmx(SACN)).containsExactly(sacn);
    }
  }

  /** How many DMX frames olad has received on {@code universe} (its universe-dmx-frames counter). */
  private long framesReceived(int universe) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "universe-dmx-frames: map:universe[^\\n]*\\s" + universe + ":(\\d+)").matcher(ola.get("/debug"));
    if (!m.find()) {
      throw new AssertionError("no universe-dmx-frames for universe " + universe + " in olad's /debug");
    }
    return Long.parseLong(m.group(1));
  }

  @Test
  void aMovingHeadFadesItsSixteenBitPanAtTheFrameRateRestsAtHomeAndKeepsItsRawChannel()
      throws Exception {
    Path config = installation(false);
    // home: pan 0.25 = 16384 (64, 0), tilt 0.75 = 49151 (191, 255); dark; speed and programs 0
    int[] home = {64, 0, 191, 255, 0, 0, 0, 0, 0, 0, 0, 0};
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(ARTNET, 30, 12)).containsExactly(home));
      assertThat(frame(SACN, 20, 5)).as("the mover at home with its raw channel at 77")
          .containsExactly(128, 0, 102, 77, 0);

      assertThat(command(gateway, results, "head/pan",
          "{\"id\":\"pan-1\",\"op\":\"fade\",\"value\":0.75,\"duration_ms\":2000}")
          .path("status").asText()).isEqualTo("accepted");
      List<Integer> pans = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        int[] u = ola.dmx(ARTNET);
        int pan = u[29] * 256 + u[30];
        if (pans.isEmpty() || pans.get(pans.size() - 1) != pan) {
          pans.add(pan);
        }
        if (pan == 49151) {
          break;
        }
      }
      assertThat(pans.get(pans.size() - 1)).as("0.75 of 16 bits: 191, 255").isEqualTo(49151);
      assertThat(pans).as("16-bit pan values OLA received during the fade").isSorted();
      assertThat(pans.stream().filter(v -> v > 16384 && v < 49151).count())
          .as("intermediate positions of the 2 s fade, one per frame").isGreaterThan(10);
      assertThat(pans.stream().filter(v -> v % 256 != 0 && v % 256 != 255).count())
          .as("the fine channel moves too").isGreaterThan(5);

      int[] before = frame(ARTNET, 30, 12);
      JsonNode tooFar = command(gateway, results, "head/pan", "{\"id\":\"pan-2\",\"op\":\"set\",\"value\":0.95}");
      assertThat(tooFar.path("reason").asText()).as("%s", tooFar).isEqualTo("out_of_range");
      assertThat(tooFar.path("detail").asText()).contains("0.1..0.9");
      JsonNode notANumber = command(gateway, results, "head/tilt", "{\"id\":\"tilt-1\",\"op\":\"set\",\"value\":\"up\"}");
      assertThat(notANumber.path("status").asText()).isEqualTo("rejected");
      assertThat(frame(ARTNET, 30, 12)).as("refused positions move nothing").containsExactly(before);
      JsonNode state = json(results.awaitMessage(r -> r.topic().equals(PREFIX + "head/pan/state")
          && json(r).path("cause").asText().equals("pan-1") && json(r).path("level").asDouble() == 0.75, WAIT));
      assertThat(state.path("safe").asBoolean()).isFalse();

      gateway.terminate();
      assertThat(gateway.awaitExit(Duration.ofSeconds(40))).as(gateway.stderr()).isZero();
    }
    assertThat(frame(ARTNET, 30, 12)).as("an orderly stop brings the head home").containsExactly(home);

    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      command(gateway, results, "head/tilt", "{\"id\":\"tilt-2\",\"op\":\"set\",\"value\":0}");
      await().atMost(WAIT).until(() -> ola.channel(ARTNET, 32) == 0 && ola.channel(ARTNET, 33) == 0);
      gateway.kill();
      gateway.awaitExit(Duration.ofSeconds(20));
    }
    GatewayProcess post = GatewayProcess.start(GatewayProcess.unitJvmOptions(), "safe-outputs",
        "--config", config.toString(), "--broker-timeout", "5");
    assertThat(post.awaitExit(Duration.ofSeconds(60))).as(post.stderr()).isZero();
    assertThat(post.stdout()).contains("head/tilt: level 0.750, safe", "head/pan: level 0.250, safe");
    assertThat(frame(ARTNET, 30, 12)).as("safe-outputs brings the head home after SIGKILL")
        .containsExactly(home);
  }

  @Test
  void theStrobeIsHeldToThreeFlashesPerSecondUnlessTheFileRaisesIt() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", installation(false).toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      command(gateway, results, "wash", "{\"id\":\"on-1\",\"op\":\"set\",\"value\":0.5}");
      command(gateway, results, "wash/strobe", "{\"id\":\"strobe-1\",\"op\":\"set\",\"value\":1}");
      // the par's strobe: 10..255 = 1..20 flashes/s; 3 flashes/s is value 10 + 2/19 * 245 = 35
      await().atMost(WAIT).untilAsserted(() -> assertThat(ola.channel(ARTNET, 5)).isEqualTo(35));
      // a fixture whose file raises the limit to 10 flashes/s: 10 + 9/19 * 245 = 126
      command(gateway, results, "flash/strobe", "{\"id\":\"strobe-2\",\"op\":\"set\",\"value\":1}");
      await().atMost(WAIT).untilAsserted(() -> assertThat(ola.channel(ARTNET, 21)).isEqualTo(126));
      // the level scales from the slowest rate (1/s) to the fastest allowed: 0.5 on the par is
      // 2 flashes/s = 10 + 1/19 * 245 = 22; on the flash 5.5 flashes/s = 10 + 4.5/19 * 245 = 68
      command(gateway, results, "wash/strobe", "{\"id\":\"strobe-3\",\"op\":\"set\",\"value\":0.5}");
      command(gateway, results, "flash/strobe", "{\"id\":\"strobe-4\",\"op\":\"set\",\"value\":0.5}");
      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(ola.channel(ARTNET, 5)).isEqualTo(22);
        assertThat(ola.channel(ARTNET, 21)).isEqualTo(68);
      });
      assertThat(gateway.stdout() + gateway.stderr()).as("the raised limit is warned about at start")
          .contains("WARN").contains("fixture 'flash' may strobe up to 10 flashes per second")
          .doesNotContain("fixture 'wash' may strobe");
    }
  }

  @Test
  void validatePrintsARaisedStrobeLimitAsAWarningAndStillAcceptsTheFile() throws Exception {
    Path config = installation(false);
    GatewayProcess validate = GatewayProcess.run(Duration.ofSeconds(60), "validate", config.toString());
    assertThat(validate.exitCode()).as(validate.stderr()).isZero();
    assertThat(validate.stdout()).contains(config + ": valid")
        .contains(config + ": warning: fixture 'flash' may strobe up to 10 flashes per second (maxStrobeHz)")
        .contains("photosensitive epilepsy");
  }

  @Test
  void quietHoursCapTheDimmerAtTheReceiver() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", installation(true).toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      JsonNode accepted = command(gateway, results, "wash", "{\"id\":\"night-1\",\"op\":\"set\",\"value\":0.8}");
      assertThat(accepted.path("capped").asDouble()).as("%s", accepted).isEqualTo(0.3);
      await().atMost(WAIT).untilAsserted(() -> assertThat(ola.channel(ARTNET, 1)).isEqualTo(77));
    }
  }

  @Test
  void theSafeLooksAreSentAtShutdownAfterSigkillBySafeOutputsAndAtTheNextStart() throws Exception {
    Path config = installation(false);
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      command(gateway, results, "wash", "{\"id\":\"on-1\",\"op\":\"set\",\"value\":0.8}");
      command(gateway, results, "strip", "{\"id\":\"strip-1\",\"op\":\"set\",\"value\":1}");
      await().atMost(WAIT).until(() -> ola.channel(ARTNET, 1) == 204 && ola.channel(SACN, 10) == 200);
      gateway.terminate();
      assertThat(gateway.awaitExit(Duration.ofSeconds(40))).as(gateway.stderr()).isZero();
    }
    assertThat(frame(ARTNET, 1, 5)).as("an orderly stop leaves the par dark").containsExactly(0, 0, 0, 0, 0);
    assertThat(frame(SACN, 10, 4)).as("and the strip in its safe glow").containsExactly(51, 0, 0, 0);

    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      command(gateway, results, "wash", "{\"id\":\"on-2\",\"op\":\"set\",\"value\":0.8}");
      command(gateway, results, "wash/strobe", "{\"id\":\"strobe-2\",\"op\":\"set\",\"value\":1}");
      await().atMost(WAIT).until(() -> ola.channel(ARTNET, 1) == 204 && ola.channel(ARTNET, 5) == 35);
      gateway.kill();
      gateway.awaitExit(Duration.ofSeconds(20));
    }
    assertThat(frame(ARTNET, 1, 5)).as("after SIGKILL an Art-Net receiver holds the last look")
        .containsExactly(204, 255, 120, 0, 35);

    GatewayProcess post = GatewayProcess.start(GatewayProcess.unitJvmOptions(), "safe-outputs",
        "--config", config.toString(), "--broker-timeout", "5");
    assertThat(post.awaitExit(Duration.ofSeconds(60))).as(post.stderr()).isZero();
    assertThat(post.stdout()).contains("wash: level 0, safe", "wash/strobe: level 0, safe");
    assertThat(frame(ARTNET, 1, 5)).as("safe-outputs (the unit's ExecStopPost) ends the strobe")
        .containsExactly(0, 0, 0, 0, 0);

    // a stale look on the wire (another console, or a gateway killed before safe-outputs ran) ...
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      command(gateway, results, "wash", "{\"id\":\"on-3\",\"op\":\"set\",\"value\":0.8}");
      await().atMost(WAIT).until(() -> ola.channel(ARTNET, 1) == 204);
      gateway.kill();
      gateway.awaitExit(Duration.ofSeconds(20));
    }
    assertThat(ola.channel(ARTNET, 1)).isEqualTo(204);
    // ... is replaced by the safe look as soon as the gateway starts, before it is connected
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString())) {
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(ARTNET, 1, 5)).containsExactly(0, 0, 0, 0, 0));
    }
  }

  /**
   * The sACN source id is the same in every process, so olad remembers the killed process's last
   * sequence number and drops packets 0..19 below it (E1.31 6.7.2). The killed process has sent a
   * dozen or more frames, so a new process counting from 0 would be dropped; the safe look must
   * reach the receiver anyway, from {@code safe-outputs} and from the next start.
   */
  @Test
  void afterSigkillTheSafeLookReachesAnSacnReceiverWhateverSequenceTheDeadProcessLastSent()
      throws Exception {
    // keep-alives every 2 s, so the sequence number advances only as far as the test drives it
    Path config = installation(false, ", keepAlive: 2s");
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      command(gateway, results, "strip", "{\"id\":\"strip-1\",\"op\":\"set\",\"value\":1}");
      await().atMost(WAIT).until(() -> ola.channel(SACN, 10) == 200);
      await().atMost(WAIT).until(() -> framesReceived(SACN) >= 12);
      gateway.kill();
      gateway.awaitExit(Duration.ofSeconds(20));
    }
    assertThat(frame(SACN, 10, 4)).as("after SIGKILL the receiver holds the bright look")
        .containsExactly(200, 100, 0, 50);
    GatewayProcess post = GatewayProcess.start(GatewayProcess.unitJvmOptions(), "safe-outputs",
        "--config", config.toString(), "--broker-timeout", "5");
    assertThat(post.awaitExit(Duration.ofSeconds(60))).as(post.stderr()).isZero();
    assertThat(post.stdout()).contains("strip: level");
    await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(frame(SACN, 10, 4))
        .as("safe-outputs' safe glow is taken, not dropped as an old packet").containsExactly(51, 0, 0, 0));

    long before = framesReceived(SACN);
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      command(gateway, results, "strip", "{\"id\":\"strip-2\",\"op\":\"set\",\"value\":1}");
      await().atMost(WAIT).until(() -> ola.channel(SACN, 10) == 200);
      await().atMost(WAIT).until(() -> framesReceived(SACN) >= before + 18);
      gateway.kill();
      gateway.awaitExit(Duration.ofSeconds(20));
    }
    assertThat(ola.channel(SACN, 10)).isEqualTo(200);
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString());
        MqttTestSubscriber results = MqttTestSubscriber.connect(broker.url(), PREFIX + "#")) {
      // the safe look goes out before the broker connection; once a command is answered it is
      // long on the wire (the wash is on the Art-Net universe and leaves the strip alone)
      command(gateway, results, "wash", "{\"id\":\"off-3\",\"op\":\"set\",\"value\":0}");
      await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(frame(SACN, 10, 4))
          .as("the restart's safe glow is taken at once").containsExactly(51, 0, 0, 0));
    }
  }

  @Test
  void aTouchOnTheDemoRigFadesTheStageParAndItsColourAndOlaSeesEveryStepOfTheFades()
      throws Exception {
    // the demo's quiet hours (22:00-07:00 in Bratislava) cap lights at 0.2
    int hour = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Bratislava")).getHour();
    int top = hour >= 22 || hour < 7 ? 51 : 255;
    // reflex touch-stage: dimmer 0 -> 1 and colour [255, 140, 40] -> [40, 80, 255], both in 2 s
    int[] blue = {40, 80, 255};
    List<int[]> seen = new ArrayList<>();
    try (GatewayProcess rig = GatewayProcess.start("rig", "crowd", "--mqtt-port",
        Integer.toString(FreePorts.next()), "--http-port", Integer.toString(FreePorts.next()))) {
      // the crowd puts a hand on touch-wall/right after about 4 s
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline && rig.isAlive()) {
        int[] par = frame(DEMO, 1, 4);
        if (seen.isEmpty() || !Arrays.equals(seen.get(seen.size() - 1), par)) {
          seen.add(par);
        }
        if (par[0] == top && Arrays.equals(Arrays.copyOfRange(par, 1, 4), blue)) {
          break;
        }
      }
      assertThat(rig.stdout()).contains("hand on touch-wall/right");
      assertThat(seen.get(seen.size() - 1)).as("the stage par as OLA saw it last; rig output:\n%s",
          rig.stdout()).containsExactly(top, 40, 80, 255);
    }
    List<int[]> lit = seen.stream().filter(f -> f[0] > 0).toList();
    assertThat(seen.stream().map(f -> f[0]).toList()).as("dimmer").isSorted();
    assertThat(lit.stream().map(f -> f[1]).toList()).as("red falls 255 -> 40")
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(lit.stream().map(f -> f[2]).toList()).as("green falls 140 -> 80")
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(lit.stream().map(f -> f[3]).toList()).as("blue rises 40 -> 255").isSorted();
    assertThat(seen.stream().filter(f -> f[0] > 0 && f[0] < top).count())
        .as("intermediate frames of the 2 s dimmer fade").isGreaterThan(10);
    assertThat(seen.stream().filter(f -> f[3] > 40 && f[3] < 255).count())
        .as("intermediate frames of the 2 s colour fade").isGreaterThan(10);
  }

  /** {@code n} channels of {@code universe} from {@code address}, as OLA holds them now. */
  private int[] frame(int universe, int address, int n) {
    return Arrays.copyOfRange(ola.dmx(universe), address - 1, address - 1 + n);
  }

  /**
   * Sends {@code payload} to the actuator's command topic until the gateway (which subscribes once
   * connected) answers it; returns the first answer to it.
   */
  private JsonNode command(GatewayProcess gateway, MqttTestSubscriber results, String actuator,
      String payload) throws Exception {
    String id = JSON.readTree(payload).path("id").asText();
    MqttClient sender = new MqttClient(broker.url(), "dmx-it-" + id, new MemoryPersistence());
    sender.connect();
    try {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        sender.publish(PREFIX + actuator + "/command", m);
        try {
          return json(results.awaitMessage(r -> r.topic().endsWith("/result")
              && json(r).path("id").asText().equals(id), Duration.ofSeconds(2)));
        } catch (AssertionError | RuntimeException notYet) {
          // not subscribed yet: send again (a repeated id is answered, never run twice)
        }
      }
      throw new AssertionError("no answer to " + payload + "; gateway errors:\n" + gateway.stderr());
    } finally {
      sender.disconnect();
      sender.close();
    }
  }

  /**
   * The bench: an Art-Net par and an sACN strip. With {@code quiet}, a quiet window (UTC) from an
   * hour ago to an hour from now caps lights at 0.3.
   */
  private Path installation(boolean quiet) throws IOException {
    return installation(quiet, "");
  }

  /** The bench, with {@code squareKeys} (e.g. {@code ", onStop: blackout"}) on the sACN universe. */
  private Path installation(boolean quiet, String squareKeys) throws IOException {
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
    LocalTime now = LocalTime.now(ZoneOffset.UTC);
    String quietHours = quiet ? """
          quietHours:
            windows:
              - {from: "%s", to: "%s"}
            light: 0.3
        """.formatted(now.minusHours(1).format(hhmm), now.plusHours(1).format(hhmm)) : "";
    Path file = dir.resolve("dmx.yaml");
    Files.writeString(file, """
        installation: %s
        site: DMX test bench
        hardware: {backend: simulated, seed: 3}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 500ms}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        osc:
          listen: {enabled: true, host: 127.0.0.1, port: %d}
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 127.0.0.1, universe: %d}
            - {id: square, protocol: sacn, address: 127.0.0.1, universe: %d, priority: 120%s}
          fixtures:
            - {id: wash, universe: street, address: 1, profile: dimmer-rgb-strobe, color: [255, 120, 0]}
            - {id: strip, universe: square, address: 10, profile: rgbw, color: [200, 100, 0, 50], safeLevel: 0.2, safeColor: [255, 0, 0, 0]}
            - {id: flash, universe: street, address: 20, channels: [dimmer, strobe], maxStrobeHz: 10}
            - {id: head, universe: street, address: 30, profile: moving-head, safePan: 0.25, safeTilt: 0.75}
            - {id: mover, universe: square, address: 20, channels: [pan, pan-fine, tilt, {raw: 77}, dimmer], safeTilt: 0.4}
        safety:
          timezone: UTC
        %s  actuators:
            wash: {operations: [set, fade, pulse, color], range: {min: 0, max: 0.8}}
            wash/strobe: {operations: [set]}
            strip: {operations: [set, fade, color]}
            flash/strobe: {operations: [set]}
            head/pan: {operations: [set, fade], range: {min: 0.1, max: 0.9}}
            head/tilt: {operations: [set, fade]}
        """.formatted(INSTALLATION, broker.url(), dir.resolve("spool"), httpPort,
        oscPort, ARTNET, SACN, squareKeys, quietHours));
    return file;
  }

  private static JsonNode json(ReceivedMessage m) {
    try {
      return JSON.readTree(m.text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
