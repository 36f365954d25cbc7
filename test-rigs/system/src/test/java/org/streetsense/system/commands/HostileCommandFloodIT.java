package org.streetsense.system.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.command.CommandStats;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.rigs.gateway.SimulatedGateway;

/**
 * Ten thousand malformed or hostile commands through a real Mosquitto: bad JSON, wrong types,
 * out-of-range values, unknown actuators, oversized payloads, replayed ids, a flood of valid
 * commands and topics that cannot be answered on. Every one is answered or dropped with a counted
 * reason, the gateway keeps working and its heap stays flat.
 */
@Timeout(180)
class HostileCommandFloodIT {

  private static final String PREFIX = CommandRoundTripIT.PREFIX;
  private static final int TOTAL = 10_000;
  private static final int BATCH = 500;
  private static final int KINDS = 10;
  /** Generous: the flood must not leave anything like its own size behind. */
  private static final long HEAP_GROWTH_LIMIT = 48L * 1024 * 1024;

  private static MosquittoServer broker;
  private static SimulatedGateway rig;
  private static MqttTestSubscriber results;
  private static MqttAsyncClient sender;

  @BeforeAll
  static void start() throws Exception {
    broker = MosquittoServer.anonymous();
    broker.start();
    Path dir = Files.createTempDirectory("streetsense-flood-");
    rig = SimulatedGateway.start(DemoWithoutQuietHours.prepare(broker.port(), FreePorts.next(), dir));
    results = MqttTestSubscriber.connect(broker.url(), PREFIX + "+/result");
    sender = CommandRoundTripIT.connectSender(broker.url());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (sender != null) {
        sender.disconnect().waitForCompletion(10_000);
        sender.close();
      }
      if (results != null) {
        results.close();
      }
      if (rig != null) {
        rig.close();
      }
    } finally {
      broker.close();
    }
  }

  @Test
  void everyHostileCommandIsAnsweredOrCountedAndTheGatewayStaysUpWithAFlatHeap() throws Exception {
    CommandRoundTripIT.send(sender, "lamp", "{\"id\":\"first\",\"op\":\"off\"}");
    await().atMost(Duration.ofSeconds(15)).until(() -> results.messages().stream()
        .anyMatch(m -> m.text().contains("\"id\":\"first\"") && m.text().contains("\"done\"")));
    CommandStats stats = rig.gateway().commandStats();
    Snapshot before = Snapshot.of(stats);
    results.clear();
    long heapBefore = usedHeapAfterGc();

    for (int sent = 0; sent < TOTAL; ) {
      int end = Math.min(TOTAL, sent + BATCH);
      for (int i = sent; i < end; i++) {
        byte[] payload = hostilePayload(i).getBytes(StandardCharsets.UTF_8);
        sender.publish(PREFIX + hostileActuator(i) + "/command", payload, 0, false);
      }
      sent = end;
      int expected = sent;
      await("the gateway counted " + expected + " commands").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> Snapshot.of(stats).minus(before).total() >= expected);
      // Answers are published asynchronously; let them drain before the next batch, as a sender
      // waiting for answers would.
      long answers = expected - unanswerable(expected) + Snapshot.of(stats).minus(before).accepted;
      await("answers to the first " + expected + " commands").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .untilAsserted(() -> assertThat(results.messages().size()).as(HostileCommandFloodIT::breakdown)
              .isGreaterThanOrEqualTo((int) answers));
    }

    Snapshot flood = Snapshot.of(stats).minus(before);
    int perKind = TOTAL / KINDS;
    assertThat(flood.total()).as("every command counted once").isEqualTo(TOTAL);
    assertThat(flood.rejected.get(RejectReason.MALFORMED)).as("bad JSON, wrong types, not objects, unknown fields")
        .isEqualTo(4L * perKind);
    assertThat(flood.rejected.get(RejectReason.OUT_OF_RANGE)).isEqualTo(perKind);
    assertThat(flood.rejected.get(RejectReason.TOO_LARGE)).isEqualTo(perKind);
    assertThat(flood.rejected.get(RejectReason.UNKNOWN_ACTUATOR)).as("unknown and unanswerable actuators")
        .isEqualTo(2L * perKind);
    assertThat(flood.duplicates).isEqualTo(perKind);
    assertThat(flood.accepted + flood.rejected.get(RejectReason.RATE_LIMITED) + flood.rejected.get(RejectReason.OVERLOADED))
        .as("the flood of valid commands to the fan").isEqualTo(perKind);
    assertThat(flood.rejected.get(RejectReason.RATE_LIMITED)).as("the fan's rate limit held").isPositive();

    // Answers for all but the commands whose topic level cannot carry an answer, plus DONE for each accepted.
    long answerable = TOTAL - perKind + flood.accepted;
    assertThat(results.messages()).as(breakdown()).hasSize((int) answerable);
    assertThat(results.messages()).filteredOn(m -> m.topic().equals(PREFIX + "ghost/result"))
        .hasSize(perKind).allMatch(m -> m.text().contains("\"reason\":\"unknown_actuator\""));
    results.clear();

    CommandRoundTripIT.send(sender, "lamp", "{\"id\":\"after-flood\",\"op\":\"on\"}");
    await("a normal command still works").atMost(Duration.ofSeconds(15)).until(() -> results.messages().stream()
        .anyMatch(m -> m.text().contains("\"id\":\"after-flood\"") && m.text().contains("\"status\":\"done\"")));

    long growth = usedHeapAfterGc() - heapBefore;
    assertThat(growth).as("heap growth after the flood, bytes").isLessThan(HEAP_GROWTH_LIMIT);
  }

  /** Ten kinds of hostile input, cycling; see {@link #hostileActuator}. */
  private static String hostilePayload(int i) {
    return switch (i % KINDS) {
      case 0 -> i % 20 == 0 ? "{\"id\":\"f" + i + "\",\"op\":" : "not json at all \u0000\u00ff";
      case 1 -> i % 20 == 1 ? "{\"id\":\"f" + i + "\",\"op\":\"set\",\"value\":\"bright\"}"
          : "{\"id\":" + i + ",\"op\":\"on\"}";
      case 2 -> "{\"id\":\"f" + i + "\",\"op\":\"set\",\"value\":" + (5 + i) + "}";
      case 3, 9 -> "{\"id\":\"f" + i + "\",\"op\":\"on\"}";
      case 4 -> "{\"id\":\"f" + i + "\",\"op\":\"on\",\"pad\":\"" + "x".repeat(5000) + "\"}";
      case 5 -> "{\"id\":\"first\",\"op\":\"on\"}";
      case 6 -> "{\"id\":\"f" + i + "\",\"op\":\"on\"}";
      case 7 -> i % 20 == 7 ? "[".repeat(3000) : "[1,2,3]";
      case 8 -> i % 20 == 8 ? "{\"id\":\"f" + i + "\",\"op\":\"on\",\"__proto__\":{\"admin\":true}}"
          : "{\"id\":\"" + "i".repeat(200) + "\",\"op\":\"on\"}";
      default -> throw new IllegalStateException();
    };
  }

  private static String hostileActuator(int i) {
    return switch (i % KINDS) {
      case 3 -> "ghost";
      case 6 -> "fan";
      case 9 -> i % 20 == 9 ? "l\u00e4mp" : "la mp" + "x".repeat(i % 100);
      default -> "lamp";
    };
  }

  /** How many of the first {@code n} commands go to a topic level no answer can be published on. */
  private static int unanswerable(int n) {
    return (n + KINDS - 1 - 9) / KINDS;
  }

  private static String breakdown() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (var m : results.messages()) {
      String topic = m.topic().substring(PREFIX.length());
      String status = m.text().replaceAll(".*\"status\":\"([a-z]+)\".*", "$1");
      String reason = m.text().contains("\"reason\"") ? m.text().replaceAll(".*\"reason\":\"([a-z_]+)\".*", "$1") : "";
      counts.merge(topic + " " + status + " " + reason, 1L, Long::sum);
    }
    return "answers received: " + counts;
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private record Snapshot(long accepted, long duplicates, Map<RejectReason, Long> rejected) {

    static Snapshot of(CommandStats s) {
      Map<RejectReason, Long> r = new EnumMap<>(RejectReason.class);
      for (RejectReason reason : RejectReason.values()) {
        r.put(reason, s.rejectedCount(reason));
      }
      return new Snapshot(s.acceptedCount(), s.duplicateCount(), r);
    }

    Snapshot minus(Snapshot o) {
      Map<RejectReason, Long> r = new EnumMap<>(RejectReason.class);
      rejected.forEach((k, v) -> r.put(k, v - o.rejected.get(k)));
      return new Snapshot(accepted - o.accepted, duplicates - o.duplicates, r);
    }

    long total() {
      return accepted + duplicates + rejected.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
