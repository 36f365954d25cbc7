package org.streetsense.system.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.gateway.SimulatedGateway;

/**
 * End to end on the simulated rig: an installation with every I2C, SPI and GPIO driver publishes
 * to a real Mosquitto the units and plausible values of each channel, and the events people cause
 * (touch, presence, press) when the test drives the simulated hardware, and a sensor pulled off
 * the bus is reported as a fault and then as good again once plugged back.
 */
@Timeout(120)
class AllDriversRigIT {

  private static final String PREFIX = "streetsense/v1/rig-all/";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MosquittoServer broker;
  private static MqttTestSubscriber subscriber;
  private static SimulatedGateway rig;

  @BeforeAll
  static void start() throws Exception {
    broker = MosquittoServer.anonymous();
    broker.start();
    subscriber = MqttTestSubscriber.connect(broker.url(), PREFIX + "#");
    Path dir = Files.createTempDirectory("streetsense-rig-all-");
    rig = SimulatedGateway.start(SimulatedGateway.installation(dir, "rig-all.yaml", """
        installation: rig-all
        site: System test bench
        hardware: {backend: simulated, seed: 11}
        devices:
          - id: weather
            driver: bme280
            address: 0x76
            period: 250ms
            channels:
              temperature: {unit: degC, range: {min: -40, max: 85}}
              humidity: {unit: "%%RH", range: {min: 0, max: 100}}
              pressure: {unit: hPa}
          - id: light
            driver: bh1750
            address: 0x23
            period: 250ms
          - id: touch
            driver: mpr121
            address: 0x5A
            mode: event
            channels:
              left: {index: 0}
              right: {index: 1}
          - id: knobs
            driver: ads1115
            address: 0x48
            period: 250ms
            channels:
              pot: {index: 0, unit: V}
          - id: dimmer
            driver: pca9685
            address: 0x40
            safeState: off
            channels:
              ring: {index: 0}
          - id: noise
            driver: mcp3008
            spi: {bus: 0, cs: 0}
            period: 250ms
            channels:
              level: {index: 0}
          - id: motion
            driver: pir
            pin: 4
            options: {warmUp: 100ms, hold: 100ms}
          - id: start-button
            driver: button
            pin: 17
            options: {debounce: 20ms, pull: up}
          - id: door
            driver: digital-in
            pin: 22
          - id: lamp
            driver: led
            pin: 18
            safeState: off
          - id: fan
            driver: relay
            pin: 23
            safeState: off
        uplink:
          mqtt: {url: "%s"}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(broker.url(), dir.resolve("spool"), FreePorts.next())));
  }

  @AfterAll
  static void stop() {
    try {
      if (rig != null) {
        rig.close();
      }
      if (subscriber != null) {
        subscriber.close();
      }
    } finally {
      broker.close();
    }
  }

  @Test
  void everySampledChannelIsPublishedWithItsUnitAndAPlausibleValue() {
    assertReading("weather", "temperature", "degC", -40, 85);
    assertReading("weather", "humidity", "%RH", 0, 100);
    assertReading("weather", "pressure", "hPa", 900, 1100);
    assertReading("light", "illuminance", "lx", 0, 100_000);
    assertReading("knobs", "pot", "V", 0, 6.144);
    assertReading("noise", "level", "raw", 0, 1023);
    assertReading("motion", "motion", "bool", 0, 1);
  }

  @Test
  void touchesAreReportedAsTouchStartAndEndWithADuration() {
    int from = subscriber.messages().size();
    rig.control().touch("touch", 1, true);
    JsonNode start = awaitJson(PREFIX + "touch/event", e -> e.path("type").asText().equals("touch_start"), from);
    rig.control().touch("touch", 1, false);
    JsonNode end = awaitJson(PREFIX + "touch/event", e -> e.path("type").asText().equals("touch_end"), from);

    assertThat(start.path("channel").asText()).isIn("right", "electrode1");
    assertThat(end.path("channel").asText()).isEqualTo(start.path("channel").asText());
    assertThat(end.path("value").asDouble()).as("touch duration in ms").isGreaterThan(0);
  }

  @Test
  void motionAtThePirIsReportedAsPresenceEnterAndLeave() {
    awaitJson(PREFIX + "motion/reading", r -> r.path("quality").asText().equals("good"), 0);
    int from = subscriber.messages().size();
    rig.control().pin("motion", true);
    awaitJson(PREFIX + "motion/event", e -> e.path("type").asText().equals("presence_enter"), from);
    awaitJson(PREFIX + "motion/reading", r -> r.path("value").asDouble() == 1.0, from);
    rig.control().pin("motion", false);
    awaitJson(PREFIX + "motion/event", e -> e.path("type").asText().equals("presence_leave"), from);
  }

  @Test
  void pressingTheButtonIsReportedAsPressAndRelease() {
    int from = subscriber.messages().size();
    rig.control().pin("start-button", false);
    JsonNode press = awaitJson(PREFIX + "start-button/event", e -> e.path("type").asText().equals("press"), from);
    assertThat(press.path("channel").asText()).isEqualTo("pressed");
    rig.control().pin("start-button", true);
    JsonNode release = awaitJson(PREFIX + "start-button/event",
        e -> e.path("type").asText().equals("release"), from);
    assertThat(release.path("value").asDouble()).as("press duration in ms").isGreaterThanOrEqualTo(0);
  }

  @Test
  void gpioInputsPublishTheirLevelAtStartWithoutAnEdge() {
    JsonNode door = awaitJson(PREFIX + "door/reading", r -> true, 0);
    JsonNode button = awaitJson(PREFIX + "start-button/reading", r -> true, 0);
    assertThat(door.path("seq").asLong()).as("the first door reading is the level at open").isEqualTo(1);
    assertThat(door.path("quality").asText()).isEqualTo("good");
    assertThat(button.path("seq").asLong()).as("the first button reading is the level at open").isEqualTo(1);
    assertThat(button.path("channel").asText()).isEqualTo("pressed");
  }

  @Test
  void aDigitalInputPublishesItsLevelChanges() {
    int from = subscriber.messages().size();
    rig.control().pin("door", true);
    JsonNode high = awaitJson(PREFIX + "door/reading", r -> r.path("value").asDouble() == 1.0, from);
    assertThat(high.path("unit").asText()).isEqualTo("bool");
    assertThat(high.path("channel").asText()).isEqualTo("state");
    rig.control().pin("door", false);
    awaitJson(PREFIX + "door/reading", r -> r.path("value").asDouble() == 0.0, from);
  }

  @Test
  void anUnpluggedSensorIsReportedAsAFaultThenAsGoodWhenPluggedBack() {
    awaitJson(PREFIX + "light/reading", r -> r.path("quality").asText().equals("good"), 0);
    int from = subscriber.messages().size();
    rig.control().unplug("light");
    JsonNode fault = awaitJson(PREFIX + "light/reading", r -> r.path("quality").asText().equals("fault"), from);
    assertThat(fault.has("value")).as("a fault carries no value: %s", fault).isFalse();

    int unplugged = subscriber.messages().size();
    rig.control().plugBack("light");
    JsonNode good = awaitJson(PREFIX + "light/reading", r -> r.path("quality").asText().equals("good"), unplugged);
    assertThat(good.path("value").asDouble()).isBetween(0.0, 100_000.0);
    assertThat(good.path("seq").asLong()).isGreaterThan(fault.path("seq").asLong());
  }

  private static void assertReading(String device, String channel, String unit, double min, double max) {
    JsonNode r = awaitJson(PREFIX + device + "/reading",
        n -> n.path("channel").asText().equals(channel) && n.path("quality").asText().equals("good"), 0);
    assertThat(r.path("unit").asText()).as("%s/%s unit", device, channel).isEqualTo(unit);
    assertThat(r.path("value").isNumber()).as("%s/%s value in %s", device, channel, r).isTrue();
    assertThat(r.path("value").asDouble()).as("%s/%s value", device, channel).isBetween(min, max);
    assertThat(r.path("installation").asText()).isEqualTo("rig-all");
    assertThat(r.path("seq").asLong()).isPositive();
  }

  /** The first JSON object on {@code topic}, at or after message index {@code from}, matching. */
  private static JsonNode awaitJson(String topic, Predicate<JsonNode> condition, int from) {
    return await("a message on " + topic).atMost(WAIT).pollInterval(Duration.ofMillis(20))
        .until(() -> find(topic, condition, from), Optional::isPresent)
        .orElseThrow();
  }

  private static Optional<JsonNode> find(String topic, Predicate<JsonNode> condition, int from) {
    List<ReceivedMessage> all = subscriber.messages();
    for (ReceivedMessage m : all.subList(Math.min(from, all.size()), all.size())) {
      if (m.topic().equals(topic)) {
        for (JsonNode n : objects(m)) {
          if (condition.test(n)) {
            return Optional.of(n);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static List<JsonNode> objects(ReceivedMessage m) {
    try {
      JsonNode n = JSON.readTree(m.payload());
      if (n.isArray()) {
        List<JsonNode> list = new java.util.ArrayList<>();
        n.forEach(list::add);
        return list;
      }
      return List.of(n);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON on " + m.topic() + ": " + m.text(), e);
    }
  }
}
