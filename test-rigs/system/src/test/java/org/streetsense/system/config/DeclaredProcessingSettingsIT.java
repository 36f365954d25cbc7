package org.streetsense.system.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
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
 * Channel processing, reflex, seed and clock keys of the installation file, each seen from
 * outside the process: the jar runs with the unit's JVM options on the simulated backend, and a
 * real Mosquitto subscriber watches what it publishes. The simulated street is seeded, so the
 * signals are known in shape: every ADS1115 input is a random walk that starts at exactly 1.0 V,
 * moves a few millivolts per sample and stays within 0.05..3.2 V; a BH1750 adds seeded noise to a
 * day cycle. Each test names the keys it proves; docs/configuration-keys.md points at them.
 *
 * <p>Four gateways run side by side on one broker, each under its own installation name: the
 * bench with the processing and reflex keys, two small twins for {@code hardware.seed} (the same
 * seed as the bench, and another one), and one whose {@code clock.sanityFloor} lies in the future.
 * The {@code devices.bus} test runs {@code probe} and a fifth gateway on the Raspberry Pi backend.
 */
@Timeout(180)
class DeclaredProcessingSettingsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String BENCH = "streetsense/v1/processing-bench/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MosquittoServer broker;
  private static MqttTestSubscriber watcher;
  private static final List<GatewayProcess> gateways = new ArrayList<>();
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("streetsense-processing-");
    broker = MosquittoServer.anonymous();
    broker.start();
    watcher = MqttTestSubscriber.connect(broker.url(), "#");
    gateways.add(gateway("processing-bench", """
        hardware: {backend: simulated, seed: 11}
        devices:
          - id: light
            driver: bh1750
            address: 0x23
            period: 200ms
          - id: knob
            driver: ads1115
            address: 0x48
            period: 100ms
            channels:
              steady: {index: 0, deadband: 10}
              plain: {index: 1}
              calm: {index: 2, smoothing: {method: ema, alpha: 0.001}}
              door: {index: 3, presence: {enter: 1.0001, leave: 1.0}}
          - id: level
            driver: ads1115
            address: 0x49
            period: 100ms
            channels:
              pot: {index: 0, calibration: {scale: 0.000001, offset: 42}}
              gate: {index: 1, presence: {enter: 1.0001, leave: 0.06}}
              never: {index: 2, presence: {enter: 5, leave: 4}}
              ticks: {index: 3, passersBy: {window: 1s}}
          - id: lights
            driver: pca9685
            address: 0x40
            channels:
              ring: {index: 0}
          - {id: fan, driver: relay, pin: 23}
          - {id: siren, driver: relay, pin: 24}
          - {id: horn, driver: relay, pin: 25}
        safety:
          actuators:
            lights/ring: {}
            fan: {}
            siren: {}
            horn: {operations: [on, off, safe, pulse]}
        reflexes:
          - name: low-level
            when: {device: level, channel: pot, below: 50}
            do:
              - {actuator: lights/ring, op: set, value: 0.35}
          - name: each-window
            when: {device: level, channel: ticks, event: passers_by}
            do:
              - {actuator: fan, op: on}
          - name: third-window
            when: {device: level, channel: ticks, event: passers_by}
            every: 3
            do:
              - {actuator: siren, op: on}
          - name: first-window
            when: {device: level, channel: ticks, event: passers_by}
            cooldown: 1h
            do:
              - {actuator: horn, op: pulse, value: 1.0, duration: 300ms}
        """));
    gateways.add(gateway("same-seed", """
        hardware: {backend: simulated, seed: 11}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 200ms}
        """));
    gateways.add(gateway("other-seed", """
        hardware: {backend: simulated, seed: 12}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 200ms}
        """));
    gateways.add(gateway("clock-bench", """
        hardware: {backend: simulated, seed: 11}
        clock: {sanityFloor: 2999-01-01}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 200ms}
          - {id: fan, driver: relay, pin: 23}
        safety:
          actuators:
            fan: {}
        """));
  }

  /** Starts one gateway with {@code body} and the installation, uplink, spool and http keys. */
  private static GatewayProcess gateway(String installation, String body) throws Exception {
    Path file = Files.writeString(dir.resolve(installation + ".yaml"), """
        installation: %s
        site: Processing bench
        %s
        uplink:
          mqtt: {url: %s}
        spool: {dir: %s}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(installation, body, broker.url(), dir.resolve(installation + "-spool"),
        FreePorts.next()));
    return GatewayProcess.startAsUnit("run", "--config", file.toString());
  }

  @AfterAll
  static void stop() {
    gateways.forEach(GatewayProcess::close);
    if (watcher != null) {
      watcher.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  /**
   * devices.channels.deadband: a deadband wider than the whole signal range leaves the first
   * reading alone (the next is the five-minute heartbeat), while a channel of the same chip
   * without one publishes every sample.
   */
  @Test
  void aDeadbandWiderThanTheSignalLeavesOnlyTheFirstReading() {
    await().atMost(WAIT).until(() -> values(BENCH + "knob/reading", "plain").size() >= 30);

    assertThat(values(BENCH + "knob/reading", "steady")).containsExactly(1.0);
  }

  /**
   * devices.channels.smoothing (method ema, alpha): an EMA with alpha 0.001 moves each reading
   * by at most 0.001 of the signal's span (3.15 V), so by at most 3.15 mV, from 1.0 V on; the
   * unsmoothed walk of the same chip moves by more than that between samples.
   */
  @Test
  void anEmaWithTheDeclaredAlphaMovesEachReadingByAtMostAlphaOfTheSpan() {
    await().atMost(WAIT).until(() -> values(BENCH + "knob/reading", "calm").size() >= 40
        && values(BENCH + "knob/reading", "plain").size() >= 40);
    List<Double> calm = values(BENCH + "knob/reading", "calm");
    List<Double> plain = values(BENCH + "knob/reading", "plain");

    assertThat(calm.get(0)).isEqualTo(1.0);
    assertThat(steps(calm)).allMatch(step -> step <= 0.001 * 3.15 + 1e-9);
    assertThat(steps(plain)).anyMatch(step -> step > 0.001 * 3.15);
  }

  /**
   * devices.channels.presence (enter, leave): the walk of {@code door} starts at 1.0 and crosses
   * its narrow band both ways, so presence enters and leaves again and again; {@code gate} enters
   * at the same level but its leave level lies far below anything the walk reaches in a minute,
   * so it enters once and never leaves; {@code never} has its enter level above the signal.
   */
  @Test
  void presenceEntersAndLeavesAtTheDeclaredLevels() {
    await().atMost(WAIT).until(() -> events(BENCH + "knob/event", "door", "presence_leave") >= 3);
    await().atMost(WAIT).until(() -> events(BENCH + "level/event", "gate", "presence_enter") == 1);

    assertThat(events(BENCH + "knob/event", "door", "presence_enter")).isGreaterThanOrEqualTo(3);
    assertThat(events(BENCH + "level/event", "gate", "presence_enter")).isEqualTo(1);
    assertThat(events(BENCH + "level/event", "gate", "presence_leave")).isZero();
    assertThat(watcher.messagesOn(BENCH + "level/event"))
        .noneMatch(m -> m.text().contains("\"channel\":\"never\""));
    assertThat(values(BENCH + "level/reading", "never")).isNotEmpty();
  }

  /**
   * devices.channels.passersBy.window: one {@code passers_by} count per declared window, each
   * stamped with its window's end, one second after the previous one; the walk starts above the
   * default presence level, so the first window counts one passer-by and the later ones none.
   */
  @Test
  void passersByAreCountedPerDeclaredWindow() throws Exception {
    await().atMost(WAIT).until(() -> passersBy().size() >= 4);
    List<JsonNode> counts = passersBy();

    assertThat(counts.get(0).path("value").asDouble()).isEqualTo(1.0);
    assertThat(counts.subList(1, counts.size())).allMatch(e -> e.path("value").asDouble() == 0.0);
    for (int i = 1; i < counts.size(); i++) {
      assertThat(counts.get(i).path("ts").asLong() - counts.get(i - 1).path("ts").asLong())
          .as("window %d ends one declared window after the previous one", i)
          // Window ends are exact on the monotonic clock; their wall stamps are exact to within
          // the ~2 ms that ObservationFactory.timeAt documents (millisecond wall clock, rounding).
          .isBetween(997L, 1003L);
    }
  }

  /**
   * reflexes.when.event, reflexes.every, reflexes.cooldown: three rules on the same
   * {@code passers_by} event, seen through the ids of their results. Without {@code every} a rule
   * fires on every window; with {@code every: 3} on every third; with {@code cooldown: 1h} once.
   */
  @Test
  void everyAndCooldownThinOutTheFiringsOfAnEventReflex() {
    await().atMost(WAIT).until(() -> firings("each-window", "fan").size() >= 9);
    Set<String> third = firings("third-window", "siren");
    Set<String> first = firings("first-window", "horn");
    Set<String> each = firings("each-window", "fan");

    assertThat(third).isNotEmpty();
    assertThat(third.size()).as("every: 3 against %s firings of the rule without it", each.size())
        .isLessThanOrEqualTo(each.size() / 3 + 1);
    assertThat(first).hasSize(1);
  }

  /**
   * reflexes.when.below, reflexes.do.value: the calibrated pot reads 42, below 50 from its first
   * reading, so the rule fires once (a crossing, not every reading) and sets the ring to the
   * declared value.
   */
  @Test
  void aBelowReflexFiresOnceAndSetsTheDeclaredValue() throws Exception {
    ReceivedMessage state = watcher.awaitMessage(m -> m.topic().equals(BENCH + "lights/ring/state")
        && m.text().contains("\"cause\":\"reflex:low-level:"), WAIT);
    await().atMost(WAIT).until(() -> values(BENCH + "level/reading", "pot").size() >= 20);

    assertThat(JSON.readTree(state.payload()).path("level").asDouble())
        .isCloseTo(0.35, org.assertj.core.data.Offset.offset(0.001));
    assertThat(firings("low-level", "lights/ring")).hasSize(1);
  }

  /**
   * reflexes.do.duration: the pulse the reflex sends holds the horn on for the declared 300 ms
   * and then puts it back to its safe level by itself, answering {@code done}.
   */
  @Test
  void aPulseReflexLastsTheDeclaredDuration() throws Exception {
    ReceivedMessage done = watcher.awaitMessage(m -> m.topic().equals(BENCH + "horn/result")
        && m.text().contains("\"status\":\"done\""), WAIT);
    String id = JSON.readTree(done.payload()).path("id").asText();
    List<JsonNode> states = new ArrayList<>();
    for (ReceivedMessage m : watcher.messagesOn(BENCH + "horn/state")) {
      JsonNode s = JSON.readTree(m.payload());
      if (s.path("cause").asText().equals(id)) {
        states.add(s);
      }
    }

    assertThat(id).startsWith("reflex:first-window:");
    assertThat(states).extracting(s -> s.path("level").asDouble()).containsExactly(1.0, 0.0);
    assertThat(states.get(1).path("ts").asLong() - states.get(0).path("ts").asLong())
        .as("off no earlier than the declared duration").isGreaterThanOrEqualTo(300L);
  }

  /**
   * hardware.seed: the simulated light adds seeded noise (20 lx) to a day cycle that moves by
   * well under 1 lx in these seconds; two gateways with the bench's seed publish the same first
   * readings (within 8 lx: the processes start a few seconds apart, and the light is quantised),
   * one with another seed publishes different ones.
   */
  @Test
  void theSameSeedGivesTheSameFirstReadingsAndAnotherSeedOthers() {
    await().atMost(WAIT).until(() -> first("processing-bench").size() == 5
        && first("same-seed").size() == 5 && first("other-seed").size() == 5);
    List<Double> bench = first("processing-bench");
    List<Double> same = first("same-seed");
    List<Double> other = first("other-seed");

    for (int i = 0; i < 5; i++) {
      assertThat(same.get(i)).as("reading %d with the same seed", i + 1)
          .isCloseTo(bench.get(i), org.assertj.core.data.Offset.offset(8.0));
    }
    assertThat(java.util.stream.IntStream.range(0, 5)
        .anyMatch(i -> Math.abs(other.get(i) - bench.get(i)) > 16.0))
        .as("another seed: %s against %s", other, bench).isTrue();
  }

  /**
   * clock.sanityFloor: with a floor in the future and no synchronised system clock to vouch for
   * it, the wall clock is not trusted: readings wait in the spool instead of going out with a
   * wrong time, and a command with an expiry is refused as {@code clock_untrusted}. The bench,
   * with the default floor, publishes from its first sample.
   */
  @Test
  void aSanityFloorInTheFutureLeavesTheClockUntrusted() throws Exception {
    String base = "streetsense/v1/clock-bench/";
    watcher.awaitMessage(m -> m.topic().equals(base + "state") && m.text().contains("\"online\""),
        WAIT);
    MqttAsyncClient sender = new MqttAsyncClient(broker.url(),
        "clock-sender-" + UUID.randomUUID().toString().substring(0, 6), new MemoryPersistence());
    ReceivedMessage result;
    try {
      sender.connect().waitForCompletion(10_000);
      result = await().atMost(WAIT).ignoreExceptions().until(() -> {
        long now = System.currentTimeMillis();
        String json = "{\"id\":\"c1\",\"op\":\"on\",\"expires\":" + (now + 600_000) + "}";
        sender.publish(base + "fan/command", json.getBytes(StandardCharsets.UTF_8), 1, false)
            .waitForCompletion(10_000);
        return watcher.awaitMessage(m -> m.topic().equals(base + "fan/result")
            && m.text().contains("\"id\":\"c1\""), Duration.ofSeconds(3));
      }, m -> m != null);
    } finally {
      sender.disconnect().waitForCompletion(10_000);
      sender.close();
    }
    await().atMost(WAIT).until(() -> first("processing-bench").size() == 5);

    assertThat(result.text()).contains("\"status\":\"rejected\"", "\"reason\":\"clock_untrusted\"");
    assertThat(watcher.messagesOn(base + "light/reading")).isEmpty();
    try (java.util.stream.Stream<Path> spool = Files.list(dir.resolve("clock-bench-spool"))) {
      assertThat(spool.toList()).isNotEmpty();
    }
  }

  /**
   * devices.bus: with the Raspberry Pi backend, both {@code probe} and {@code run} open exactly
   * the declared bus; on a machine without that bus the probe says so, naming bus 3 and the
   * kernel's {@code i2c-3}, and exits 4, and the running gateway reports the device's fault on
   * {@code i2c-3}.
   */
  @Test
  void theProbeAndTheGatewayOpenTheDeclaredI2cBus() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.exists(Path.of("/sys/bus/i2c/devices/i2c-3")), "this machine has an i2c-3");
    Path file = Files.writeString(dir.resolve("bus.yaml"), """
        installation: bus-bench
        site: Bus bench
        hardware: {backend: pi4j}
        devices:
          - {id: light, driver: bh1750, bus: 3, address: 0x23}
        uplink:
          mqtt: {url: %s}
        spool: {dir: %s}
        """.formatted(broker.url(), dir.resolve("bus-spool")));

    GatewayProcess probe = GatewayProcess.run(Duration.ofSeconds(60), "probe", "--config",
        file.toString());

    assertThat(probe.exitCode()).as(probe.stdout() + probe.stderr()).isEqualTo(4);
    assertThat(probe.stdout()).containsPattern("MISSING +bus 3 0x23 +bh1750 'light'")
        .contains("i2c-3");
    try (GatewayProcess run = GatewayProcess.startAsUnit("run", "--config", file.toString())) {
      await().atMost(WAIT).untilAsserted(() -> assertThat(run.stdout() + run.stderr())
          .contains("device 'light' fault: BUS_GONE: i2c-3 0x23"));
    }
  }

  /** The first five illuminance readings of an installation's light, in order of seq. */
  private static List<Double> first(String installation) {
    return values("streetsense/v1/" + installation + "/light/reading", "illuminance").stream()
        .limit(5).toList();
  }

  private static List<JsonNode> passersBy() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : objects(BENCH + "level/event")) {
      if (e.path("type").asText().equals("passers_by")) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Distinct command ids of a rule's firings: the ids of the results on its actuator's result
   * topic and the causes of its state changes (a firing before the uplink connected has no
   * result, which is not kept, but the retained state it caused is published at connection).
   */
  private static Set<String> firings(String rule, String actuator) {
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode r : objects(BENCH + actuator + "/result")) {
      if (r.path("id").asText().startsWith("reflex:" + rule + ":")) {
        ids.add(r.path("id").asText());
      }
    }
    for (JsonNode s : objects(BENCH + actuator + "/state")) {
      if (s.path("cause").asText().startsWith("reflex:" + rule + ":")) {
        ids.add(s.path("cause").asText());
      }
    }
    return ids;
  }

  private static long events(String topic, String channel, String type) {
    return objects(topic).stream().filter(e -> e.path("channel").asText().equals(channel)
        && e.path("type").asText().equals(type)).count();
  }

  /** The values of a channel's readings on {@code topic}, in order of seq. */
  private static List<Double> values(String topic, String channel) {
    return objects(topic).stream().filter(r -> r.path("channel").asText().equals(channel))
        .sorted(java.util.Comparator.comparingLong(r -> r.path("seq").asLong()))
        .map(r -> r.path("value").asDouble()).toList();
  }

  /** Every JSON object received on {@code topic}, arrays of objects unpacked. */
  private static List<JsonNode> objects(String topic) {
    List<JsonNode> out = new ArrayList<>();
    for (ReceivedMessage m : watcher.messagesOn(topic)) {
      try {
        JsonNode n = JSON.readTree(m.payload());
        if (n.isArray()) {
          n.forEach(out::add);
        } else {
          out.add(n);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("not JSON on " + topic + ": " + m.text(), e);
      }
    }
    return out;
  }

  private static List<Double> steps(List<Double> values) {
    List<Double> out = new ArrayList<>();
    for (int i = 1; i < values.size(); i++) {
      out.add(Math.abs(values.get(i) - values.get(i - 1)));
    }
    return out;
  }
}
