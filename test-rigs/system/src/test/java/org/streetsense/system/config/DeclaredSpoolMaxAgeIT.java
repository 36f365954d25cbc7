package org.streetsense.system.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
 * {@code spool.maxAge}, seen at an MQTT subscriber. Two gateway processes (the unit's JVM
 * options) take readings while their broker cannot be reached, so everything stays in their
 * spools, and stop. Once the spools' newest records are older than a minute (the smallest
 * {@code maxAge}), both start again with a reachable broker: the one with {@code maxAge: 1m}
 * drops its old records and publishes a gap with reason {@code expired} from sequence 1; the one
 * with the default (7 days) delivers its old readings, sequence 1 included, and reports no
 * expired gap. A third one with {@code maxAge: 1m} comes back as a gateway stopped before its MQTT
 * sink registered leaves its spool (readings, no cursor: the cursor file is removed while it is
 * down), so the expiry at the next start happens before any sink is registered: the sink is still
 * told of the expired readings from sequence 1 (decision 0373).
 */
@Timeout(300)
class DeclaredSpoolMaxAgeIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  /** The smallest maxAge a file allows, plus a margin for the clock's granularity. */
  private static final Duration OLDER_THAN_MAX_AGE = Duration.ofSeconds(65);

  private static MosquittoServer broker;
  private static MqttTestSubscriber subscriber;
  private static GatewayProcess aged;
  private static GatewayProcess kept;
  private static GatewayProcess unregistered;
  private static Path dir;

  @BeforeAll
  static void spoolDuringAnOutageAndComeBackAfterAMinute() throws Exception {
    dir = Files.createTempDirectory("streetsense-max-age-");
    broker = MosquittoServer.anonymous();
    broker.start();
    String unreachable = "tcp://127.0.0.1:" + FreePorts.next();

    GatewayProcess agedOffline = start("aged", "maxAge: 1m, ", unreachable);
    GatewayProcess keptOffline = start("kept", "", unreachable);
    GatewayProcess unregisteredOffline = start("unregistered", "maxAge: 1m, ", unreachable);
    try {
      // the MQTT sink has a cursor (its readings are accounted to it) and readings wait for it
      await("the spools hold readings for the MQTT sink").atMost(WAIT)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> holdsReadingsForMqtt("aged") && holdsReadingsForMqtt("kept")
              && holdsReadingsForMqtt("unregistered"));
    } finally {
      agedOffline.stop(Duration.ofSeconds(20));
      keptOffline.stop(Duration.ofSeconds(20));
      unregisteredOffline.stop(Duration.ofSeconds(20));
    }
    // what a gateway stopped before its sink registered leaves: readings and no cursor
    Path sinkState = dir.resolve("unregistered-spool");
    Files.delete(sinkState.resolve("cursors").resolve("mqtt.cursor"));
    Files.deleteIfExists(sinkState.resolve("gaps").resolve("mqtt.json"));
    Instant newest = newestSpoolWrite();
    await("the spooled records are older than a minute").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> Instant.now().isAfter(newest.plus(OLDER_THAN_MAX_AGE)));

    subscriber = MqttTestSubscriber.connect(broker.url(), "streetsense/v1/#");
    aged = start("aged", "maxAge: 1m, ", broker.url());
    kept = start("kept", "", broker.url());
    unregistered = start("unregistered", "maxAge: 1m, ", broker.url());
  }

  private static GatewayProcess start(String installation, String spool, String mqttUrl)
      throws IOException {
    Path file = Files.writeString(dir.resolve(installation + ".yaml"), """
        installation: %s
        site: Spool age bench
        hardware: {backend: simulated, seed: 9}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 200ms}
        uplink:
          mqtt: {url: "%s"}
        spool: {%sdir: %s}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(installation, mqttUrl, spool, dir.resolve(installation + "-spool"),
        FreePorts.next()));
    return GatewayProcess.startAsUnit("run", "--config", file.toString());
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {subscriber, aged, kept, unregistered, broker}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // the next one is closed regardless
        }
      }
    }
  }

  /** maxAge 1m: the minute-old readings are dropped and reported as an expired gap from seq 1. */
  @Test
  void withAMinuteMaxAgeTheOldReadingsArePublishedAsAnExpiredGap() {
    subscriber.awaitMessage(m -> m.text().contains("\"installation\":\"aged\"")
        && m.text().contains("\"device\":\"light\"") && m.text().contains("\"first_seq\":1,")
        && m.text().contains("\"reason\":\"expired\""), WAIT);

    await().atMost(WAIT).until(() -> !readings("aged").isEmpty());
    assertThat(readings("aged")).as("readings of aged").noneMatch(m -> m.text().contains("\"seq\":1,"));
  }

  /**
   * Stopped before its sink registered: the readings expired at the next open, before any sink
   * registered, are still reported from seq 1, and the readings go on right after the gap.
   */
  @Test
  void readingsExpiredBeforeTheSinkRegisteredArePublishedAsAnExpiredGapFromSeqOne() {
    ReceivedMessage gap = subscriber.awaitMessage(
        m -> m.text().contains("\"installation\":\"unregistered\"")
            && m.text().contains("\"device\":\"light\"")
            && m.text().contains("\"first_seq\":1,")
            && m.text().contains("\"reason\":\"expired\""), WAIT);
    Matcher last = Pattern.compile("\"last_seq\":(\\d+)").matcher(gap.text());
    assertThat(last.find()).as("last_seq in " + gap.text()).isTrue();
    long next = Long.parseLong(last.group(1)) + 1;

    subscriber.awaitMessage(m -> m.topic().endsWith("/reading")
        && m.text().contains("\"installation\":\"unregistered\"")
        && m.text().contains("\"seq\":" + next + ","), WAIT);
    assertThat(readings("unregistered")).as("readings of unregistered")
        .noneMatch(m -> m.text().contains("\"seq\":1,"));
  }

  /** The default maxAge (7 days): the same minute-old readings are delivered, none expired. */
  @Test
  void withTheDefaultMaxAgeTheOldReadingsAreDelivered() {
    subscriber.awaitMessage(m -> m.text().contains("\"installation\":\"kept\"")
        && m.topic().endsWith("/reading") && m.text().contains("\"seq\":1,"), WAIT);

    assertThat(subscriber.messages()).as("expired gaps of kept").noneMatch(
        m -> m.text().contains("\"installation\":\"kept\"")
            && m.text().contains("\"reason\":\"expired\""));
  }

  private static List<ReceivedMessage> readings(String installation) {
    return subscriber.messages().stream()
        .filter(m -> m.topic().endsWith("/reading")
            && m.text().contains("\"installation\":\"" + installation + "\""))
        .toList();
  }

  /** The spool has the MQTT sink's cursor file and over 1 KB of telemetry segments. */
  private static boolean holdsReadingsForMqtt(String installation) {
    Path spool = dir.resolve(installation + "-spool");
    if (!Files.exists(spool.resolve("cursors").resolve("mqtt.cursor"))) {
      return false;
    }
    try (Stream<Path> files = Files.list(spool.resolve("telemetry"))) {
      return files.filter(p -> p.toString().endsWith(".seg"))
          .mapToLong(p -> p.toFile().length()).sum() > 1024;
    } catch (IOException e) {
      return false;
    }
  }

  private static Instant newestSpoolWrite() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(p -> p.toString().contains("-spool"))
          .map(p -> {
            try {
              return Files.getLastModifiedTime(p).toInstant();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .max(Instant::compareTo).orElseThrow();
    }
  }
}
