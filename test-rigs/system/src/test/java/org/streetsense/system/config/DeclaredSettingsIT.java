package org.streetsense.system.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * One installation file whose keys each have an effect seen from outside the process: the jar
 * runs with the unit's JVM options against a real Mosquitto that lets the gateway's user write
 * and read only under the declared {@code topicPrefix} (a city broker's ACL). Each test names the
 * keys it proves; docs/configuration-keys.md points at them.
 */
@Timeout(180)
class DeclaredSettingsIT {

  private static final String PREFIX = "city/ba/streetsense";
  private static final String BASE = PREFIX + "/declared-bench/";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TOKEN = "declared-token-0123456789";

  private static MosquittoServer broker;
  private static GatewayProcess gateway;
  private static MqttTestSubscriber watcher;
  private static Path dir;
  private static Path brokerLog;
  private static int httpPort;
  private static int oscListenPort;
  private static Process rawOsc;
  private static Process normalisedOsc;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("streetsense-declared-");
    brokerLog = dir.resolve("mosquitto.log");
    broker = MosquittoServer.builder()
        // a log file of its own: mosquitto flushes it per line, unlike its buffered stdout
        .configLine("log_dest file " + brokerLog)
        .user("gw", "gw-secret")
        .user("watcher", "watcher-secret")
        .acl("user gw\ntopic readwrite " + PREFIX + "/#\n\nuser watcher\ntopic readwrite #\n")
        .build();
    broker.start();
    watcher = MqttTestSubscriber.connect(broker.url(), "#", credentials("watcher"));
    Path token = Files.writeString(dir.resolve("http.token"), TOKEN + "\n");
    httpPort = FreePorts.next();
    oscListenPort = FreePorts.next();
    int rawPort = FreePorts.next();
    int normalisedPort = FreePorts.next();
    rawOsc = oscdump(rawPort, dir.resolve("raw.osc"));
    normalisedOsc = oscdump(normalisedPort, dir.resolve("normalised.osc"));
    Path file = Files.writeString(dir.resolve("declared.yaml"), """
        installation: declared-bench
        site: Declared settings bench
        description: Every key of this file shows from outside
        operator: {name: Street Lab, contact: lab@example.org}
        languages: [en, sk]
        license: ODbL-1.0
        attribution: Street Lab bench data
        retention: 30d
        location: {lat: 48.14816, lon: 17.10674}
        hardware: {backend: simulated, seed: 5}
        devices:
          - id: light
            driver: bh1750
            address: 0x23
            period: 200ms
            channels:
              illuminance: {range: {min: 0, max: 100000}}
          - {id: lamp, driver: led, pin: 18, options: {dimmable: true}}
          - {id: fan, driver: relay, pin: 23}
          - id: knob
            driver: ads1115
            address: 0x48
            period: 200ms
            channels:
              pot:
                index: 0
                unit: V
                calibration: {scale: 0.000001, offset: 42}
                aggregate: {window: 1s, functions: [sum, last]}
          - {id: siren, driver: relay, pin: 24}
          - {id: buzzer, driver: relay, pin: 25}
          - {id: valve, driver: relay, pin: 26, safeState: on}
        safety:
          timezone: Europe/Bratislava
          quietHours:
            windows:
              - {days: [mon, tue, wed, thu, fri, sat, sun], from: "00:00", to: "12:00"}
              - {days: [mon, tue, wed, thu, fri, sat, sun], from: "12:00", to: "00:00"}
            light: 1
            sound: 0
          actuators:
            lamp: {range: {min: 0.2}}
            buzzer: {kind: sound}
            valve: {quietHours: unaffected}
            fan: {quietHours: unaffected}
            siren: {quietHours: unaffected}
        reflexes:
          - name: knob-turned
            when: {device: knob, channel: pot, above: 40}
            do:
              - {actuator: siren, op: on}
        uplink:
          mqtt:
            url: %s
            clientId: bench-client-7
            username: gw
            password: {env: DECLARED_MQTT_PASSWORD}
            keepAlive: 7s
            qos: 0
            topicPrefix: %s
        spool: {dir: %s}
        http: {host: 127.0.0.1, port: %d, token: {file: %s}}
        sinks:
          osc:
            - {host: 127.0.0.1, port: %d}
            - {host: 127.0.0.1, port: %d, normalise: true, bundle: true}
        osc:
          prefix: /bench
          snapshotInterval: 200ms
          listen: {enabled: true, host: 127.0.0.1, port: %d}
        """.formatted(broker.url(), PREFIX, dir.resolve("spool"), httpPort, token, rawPort,
            normalisedPort, oscListenPort));
    gateway = GatewayProcess.startAsUnit(java.util.Map.of("DECLARED_MQTT_PASSWORD", "gw-secret"),
        "run", "--config", file.toString());
    // fail at once, with the gateway's words, if it refused the file or could not start
    gateway.awaitRunning(WAIT);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    for (Process p : new Process[] {rawOsc, normalisedOsc}) {
      if (p != null) {
        p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    if (watcher != null) {
      watcher.close();
    }
    broker.close();
  }

  /** uplink.mqtt.topicPrefix, installation, devices[].id: readings and the birth state. */
  @Test
  void readingsAndStateArePublishedUnderTheDeclaredPrefixOnly() {
    ReceivedMessage reading = watcher.awaitMessage(
        m -> m.topic().equals(BASE + "light/reading"), WAIT);
    ReceivedMessage state = watcher.awaitMessage(
        m -> m.topic().equals(BASE + "state") && m.text().contains("\"online\""), WAIT);

    assertThat(reading.payload()).isNotEmpty();
    assertThat(state.text()).contains("declared-bench");
    assertThat(watcher.messages()).allMatch(m -> m.topic().startsWith(PREFIX + "/"),
        "nothing outside the declared prefix");
  }

  /** uplink.mqtt.qos: readings are published at QoS 0 (the watcher subscribed at QoS 1). */
  @Test
  void readingsArePublishedAtTheDeclaredQos() {
    ReceivedMessage reading = watcher.awaitMessage(
        m -> m.topic().equals(BASE + "light/reading"), WAIT);

    assertThat(reading.qos()).isZero();
  }

  /**
   * topicPrefix on the subscribed side: a command on the declared prefix is executed and
   * answered there; safety.actuators lets it through.
   */
  @Test
  void commandsAreTakenAndAnsweredUnderTheDeclaredPrefix() throws Exception {
    watcher.awaitMessage(m -> m.topic().equals(BASE + "state"), WAIT);
    MqttAsyncClient sender = new MqttAsyncClient(broker.url(),
        "declared-sender-" + UUID.randomUUID().toString().substring(0, 6), new MemoryPersistence());
    try {
      sender.connect(credentials("watcher")).waitForCompletion(10_000);
      await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
        sender.publish(BASE + "lamp/command",
            ("{\"id\":\"p" + System.nanoTime() + "\",\"op\":\"on\"}").getBytes(StandardCharsets.UTF_8),
            1, false).waitForCompletion(10_000);
        assertThat(watcher.awaitMessage(m -> m.topic().equals(BASE + "lamp/result")
            && m.text().contains("\"done\""), Duration.ofSeconds(3))).isNotNull();
      });
      watcher.awaitMessage(m -> m.topic().equals(BASE + "lamp/state")
          && m.text().contains("\"level\":1"), WAIT);
      try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(broker.url(),
          BASE + "lamp/state", credentials("watcher"))) {
        assertThat(latecomer.awaitMessage(m -> true, WAIT).retained()).isTrue();
      }
    } finally {
      sender.disconnect().waitForCompletion(10_000);
      sender.close();
    }
  }

  /**
   * safety.quietHours (windows.days, from, to, sound, light), safety.timezone and
   * safety.actuators.kind: the two windows cover every day, so the sound actuator is refused with
   * the declared zone's time, while the lamp (light: 1) still goes on in the other test.
   */
  @Test
  void quietHoursHoldTheSoundActuatorInTheDeclaredZone() throws Exception {
    ReceivedMessage result = command("buzzer", "{\"id\":\"q1\",\"op\":\"on\"}", "q1");

    assertThat(result.text()).contains("\"status\":\"rejected\"", "\"reason\":\"quiet_hours\"",
        "Europe/Bratislava", "sound 'buzzer' is blocked");
  }

  /** safety.actuators.range.min: a level below the declared minimum is refused. */
  @Test
  void aLevelBelowTheDeclaredMinimumIsRefused() throws Exception {
    ReceivedMessage result = command("lamp", "{\"id\":\"m1\",\"op\":\"set\",\"value\":0.1}", "m1");

    assertThat(result.text()).contains("\"reason\":\"out_of_range\"", "0.2..1");
  }

  /** devices.safeState: the valve's safe state is on, and it is on and safe after start-up. */
  @Test
  void anOutputWhoseSafeStateIsOnIsOnAndSafe() {
    assertThat(snapshot(b -> b.contains("{\"id\":\"valve\",\"state\":\"on\",\"safe\":true")))
        .isNotEmpty();
  }

  /** Sends a command as the watcher (retried until the gateway subscribed) and awaits its result. */
  private static ReceivedMessage command(String actuator, String json, String id) throws Exception {
    watcher.awaitMessage(m -> m.topic().equals(BASE + "state"), WAIT);
    MqttAsyncClient sender = new MqttAsyncClient(broker.url(),
        "declared-" + id + "-" + UUID.randomUUID().toString().substring(0, 6), new MemoryPersistence());
    try {
      sender.connect(credentials("watcher")).waitForCompletion(10_000);
      return await().atMost(WAIT).ignoreExceptions().until(() -> {
        sender.publish(BASE + actuator + "/command", json.getBytes(StandardCharsets.UTF_8), 1, false)
            .waitForCompletion(10_000);
        return watcher.awaitMessage(m -> m.topic().equals(BASE + actuator + "/result")
            && m.text().contains("\"id\":\"" + id + "\""), Duration.ofSeconds(3));
      }, m -> m != null);
    } finally {
      sender.disconnect().waitForCompletion(10_000);
      sender.close();
    }
  }

  /** The technician's snapshot once {@code condition} holds, with the declared token. */
  private static String snapshot(java.util.function.Predicate<String> condition) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
        + "/dash/api/snapshot")).header("Authorization", "Bearer " + TOKEN).build();
    return await().atMost(WAIT).ignoreExceptions().until(
        () -> http.send(request, HttpResponse.BodyHandlers.ofString()).body(), condition::test);
  }

  /** uplink.mqtt.url, clientId, username, password.env, keepAlive: the broker's connection log. */
  @Test
  void theBrokerSeesTheDeclaredClientIdUserAndKeepAlive() {
    await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(brokerLog))
        .containsPattern("New client connected from \\S+ as bench-client-7 \\(p\\d, c\\d, k7, u'gw'\\)"));
  }

  /**
   * Identity keys (site, description, operator.name, operator.contact, license, attribution,
   * retention, location.lat, location.lon, languages) on the public page; http.host and http.port serve it.
   */
  @Test
  void thePublicPageShowsTheDeclaredIdentity() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + httpPort + "/public/about/en")).build();
    String page = await().atMost(WAIT).ignoreExceptions().until(
        () -> http.send(request, HttpResponse.BodyHandlers.ofString()),
        r -> r.statusCode() == 200).body();

    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
        + "/public/about/de")).build(), HttpResponse.BodyHandlers.ofString()).body())
        .as("languages: only the declared ones are offered").contains("en, sk");
    assertThat(page).contains("Declared settings bench", "Every key of this file shows from outside",
        "Street Lab", "href=\"mailto:lab@example.org\"", "ODbL-1.0", "Street Lab bench data", "30 days",
        "48.14816", "17.10674");
  }

  /** spool.dir: the spool's files are where the file says. */
  @Test
  void theSpoolIsInTheDeclaredDirectory() throws Exception {
    watcher.awaitMessage(m -> m.topic().equals(BASE + "light/reading"), WAIT);
    try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
      assertThat(files.map(p -> p.getFileName().toString())).isNotEmpty();
    }
  }

  /**
   * sinks.osc (host, port, normalise), osc.prefix and the channel range: raw values on one
   * target, values scaled into 0..1 by the declared range on the other.
   */
  @Test
  void readingsReachTheDeclaredOscTargetsUnderTheDeclaredPrefix() {
    java.util.regex.Pattern value = java.util.regex.Pattern.compile(
        "/bench/light/illuminance f ([0-9.eE+-]+)");
    await().atMost(WAIT).untilAsserted(() -> {
      java.util.List<Double> raw = values(value, dir.resolve("raw.osc"));
      java.util.List<Double> scaled = values(value, dir.resolve("normalised.osc"));
      assertThat(raw).isNotEmpty().anyMatch(v -> v > 1.0);
      assertThat(scaled).isNotEmpty().allMatch(v -> v >= 0.0 && v <= 1.0);
    });
  }

  /**
   * sinks.osc.bundle and osc.snapshotInterval: the bundle target also gets snapshot bundles, whose
   * messages oscdump prints with one shared time tag; single messages never share one.
   */
  @Test
  void theBundleTargetGetsSnapshotBundles() throws Exception {
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(sharedTimeTags(dir.resolve("normalised.osc"))).isNotEmpty();
      assertThat(Files.readString(dir.resolve("raw.osc"))).contains("/bench/knob/pot");
    });
    assertThat(sharedTimeTags(dir.resolve("raw.osc"))).isEmpty();
  }

  /** Time tags that oscdump printed for both the pot and the light: one bundle holding both. */
  private static java.util.Set<String> sharedTimeTags(Path file) throws java.io.IOException {
    java.util.Map<String, java.util.Set<String>> addresses = new java.util.HashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] parts = line.split(" ");
      if (parts.length > 2) {
        addresses.computeIfAbsent(parts[0], k -> new java.util.HashSet<>()).add(parts[1]);
      }
    }
    java.util.Set<String> shared = new java.util.HashSet<>();
    addresses.forEach((tag, a) -> {
      if (a.contains("/bench/knob/pot") && a.contains("/bench/light/illuminance")) {
        shared.add(tag);
      }
    });
    return shared;
  }

  /** osc.listen (enabled, host, port) and osc.prefix: an oscsend command switches the fan. */
  @Test
  void oscCommandsOnTheDeclaredPortAndPrefixReachTheFan() {
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      Process send = new ProcessBuilder("oscsend", "127.0.0.1", Integer.toString(oscListenPort),
          "/bench/fan/set", "f", "1.0").redirectErrorStream(true).start();
      assertThat(send.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(watcher.awaitMessage(m -> m.topic().equals(BASE + "fan/state")
          && m.text().contains("\"level\":1"), Duration.ofSeconds(3))).isNotNull();
    });
  }

  /** devices.channels.calibration (scale, offset) and unit: every reading of the pot is 42 V and a few microvolts. */
  @Test
  void readingsAreCalibratedAsDeclared() {
    ReceivedMessage reading = watcher.awaitMessage(
        m -> m.topic().equals(BASE + "knob/reading"), WAIT);

    assertThat(reading.text()).contains("\"value\":42.0").contains("\"unit\":\"V\"");
  }

  /**
   * devices.channels.aggregate (window, functions): the pot's windows publish exactly the
   * declared functions, sum and last, and none of the others.
   */
  @Test
  void aggregatesPublishExactlyTheDeclaredFunctions() {
    watcher.awaitMessage(m -> m.topic().equals(BASE + "knob/reading")
        && m.text().contains("\"channel\":\"pot_sum\""), WAIT);
    ReceivedMessage last = watcher.awaitMessage(m -> m.topic().equals(BASE + "knob/reading")
        && m.text().contains("\"channel\":\"pot_last\""), WAIT);

    assertThat(last.text()).contains("\"value\":42.0");
    assertThat(watcher.messagesOn(BASE + "knob/reading")).noneMatch(m -> m.text().contains(
        "\"channel\":\"pot_count\"") || m.text().contains("\"channel\":\"pot_mean\"")
        || m.text().contains("\"channel\":\"pot_min\"")
        || m.text().contains("\"channel\":\"pot_max\""));
  }

  /**
   * reflexes (name, when.device, when.channel, when.above, do.actuator, do.op): the calibrated
   * pot is above 40 from its first reading, so the reflex switches the siren, which nothing else
   * commands; the technician's snapshot shows it on. http.token.file: the declared token opens
   * the snapshot, another one does not.
   */
  @Test
  void theDeclaredReflexSwitchesItsActuator() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI snapshot = URI.create("http://127.0.0.1:" + httpPort + "/dash/api/snapshot");

    String body = await().atMost(WAIT).ignoreExceptions().until(() -> http.send(
        HttpRequest.newBuilder(snapshot).header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString()).body(),
        b -> b.contains("{\"id\":\"siren\",\"state\":\"on\""));

    assertThat(body).contains("\"value\":42.0");
    assertThat(http.send(HttpRequest.newBuilder(snapshot)
        .header("Authorization", "Bearer declared-token-wrong-67890").build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
  }

  private static java.util.List<Double> values(java.util.regex.Pattern p, Path file)
      throws java.io.IOException {
    java.util.List<Double> out = new java.util.ArrayList<>();
    java.util.regex.Matcher m = p.matcher(Files.readString(file));
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  private static Process oscdump(int port, Path out) throws java.io.IOException {
    return new ProcessBuilder("oscdump", "-L", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
  }

  private static MqttConnectOptions credentials(String user) {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setUserName(user);
    o.setPassword((user + "-secret").toCharArray());
    return o;
  }
}
