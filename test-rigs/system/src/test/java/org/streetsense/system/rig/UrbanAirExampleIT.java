package org.streetsense.system.rig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.cli.ExitCodes;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * The example installation config/examples/urban-air.yaml (SCD41, PMS5003, VL53L0X), run by the
 * jar as a child process on the simulated backend it declares, with only its broker, spool and
 * HTTP port pointed at the test's: every channel of the three new drivers is published to a real
 * Mosquitto with its unit and a good value in the sensor's range, and {@code validate} accepts the
 * file as shipped. Someone stopping in front of the post is a presence event.
 */
@Timeout(180)
class UrbanAirExampleIT {

  private static final String PREFIX = "streetsense/v1/urban-air/";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MosquittoServer broker;
  private static MqttTestSubscriber subscriber;
  private static GatewayProcess gateway;

  @BeforeAll
  static void runTheExample() throws Exception {
    broker = MosquittoServer.anonymous();
    broker.start();
    subscriber = MqttTestSubscriber.connect(broker.url(), PREFIX + "#");
    Path dir = Files.createTempDirectory("streetsense-urban-air-");
    String shipped = Files.readString(example());
    String local = replace(replace(replace(shipped,
        "url: tcp://localhost:1883", "url: " + broker.url()),
        "dir: /var/lib/streetsense/spool", "dir: " + dir.resolve("spool")),
        "port: 8080", "host: 127.0.0.1\n  port: " + FreePorts.next());
    Path file = Files.writeString(dir.resolve("urban-air.yaml"), local);
    gateway = GatewayProcess.startAsUnit("run", "--config", file.toString());
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {gateway, subscriber, broker}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // the next one is closed regardless
        }
      }
    }
  }

  @Test
  void validateAcceptsTheExampleAsShipped() {
    GatewayProcess validate = GatewayProcess.run(WAIT, "validate", example().toString());
    assertThat(validate.exitCode()).as(validate.stdout() + validate.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(validate.stdout()).contains("valid");
  }

  @Test
  void theScd41PublishesCo2TemperatureAndHumidity() {
    assertGood("co2", "co2", "ppm", 400, 5000);
    assertGood("co2", "temperature", "degC", -10, 60);
    assertGood("co2", "humidity", "%RH", 0, 100);
  }

  @Test
  void thePms5003PublishesParticulateMatterFromTheSerialPort() {
    assertReading("dust", "pm1_0", "ug/m3", 0, 1000);
    assertReading("dust", "pm2_5", "ug/m3", 0, 1000);
    assertReading("dust", "pm10", "ug/m3", 0, 1000);
  }

  @Test
  void theVl53l0xPublishesWhetherSomeoneIsWaiting() {
    assertGood("waiting", "present", "bool", 0, 1);
    ReceivedMessage distance = await(reading("waiting", "distance"));
    assertThat(field(distance, "unit").asText()).isEqualTo("mm");
  }

  /** The simulated street (seed 7) has someone stop in front of the post within a minute. */
  @Test
  void someoneStoppingInFrontOfThePostIsAPresenceEvent() {
    ReceivedMessage enter = await(r -> r.topic().equals(PREFIX + "waiting/event")
        && r.text().contains("\"type\":\"presence_enter\""));
    assertThat(field(enter, "channel").asText()).isEqualTo("present");
  }

  /** A good reading of {@code channel} within {@code min..max}. */
  private static void assertGood(String device, String channel, String unit, double min,
      double max) {
    ReceivedMessage m = subscriber.awaitMessage(
        r -> r.topic().equals(PREFIX + device + "/reading")
            && r.text().contains("\"channel\":\"" + channel + "\"")
            && r.text().contains("\"quality\":\"good\""), WAIT);
    assertThat(field(m, "unit").asText()).isEqualTo(unit);
    assertThat(field(m, "value").asDouble()).isBetween(min, max);
  }

  /** A reading of {@code channel} with a value (the PMS5003's first 30 s are suspect: fan settling). */
  private static void assertReading(String device, String channel, String unit, double min,
      double max) {
    ReceivedMessage m = await(reading(device, channel));
    assertThat(field(m, "unit").asText()).isEqualTo(unit);
    assertThat(field(m, "quality").asText()).isIn("good", "suspect");
    assertThat(field(m, "value").asDouble()).isBetween(min, max);
  }

  private static java.util.function.Predicate<ReceivedMessage> reading(String device,
      String channel) {
    return r -> r.topic().equals(PREFIX + device + "/reading")
        && r.text().contains("\"channel\":\"" + channel + "\"")
        && r.text().contains("\"value\":");
  }

  private static ReceivedMessage await(java.util.function.Predicate<ReceivedMessage> condition) {
    return subscriber.awaitMessage(condition, WAIT);
  }

  private static JsonNode field(ReceivedMessage m, String name) {
    try {
      return JSON.readTree(m.text()).path(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String replace(String text, String shipped, String local) {
    assertThat(text).as("the example still says " + shipped).contains(shipped);
    return text.replace(shipped, local);
  }

  /** config/examples/urban-air.yaml of the repository this test runs in. */
  private static Path example() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("config").resolve("examples").resolve("urban-air.yaml");
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException("config/examples/urban-air.yaml not found above "
        + Path.of("").toAbsolutePath());
  }
}
