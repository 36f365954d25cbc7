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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.gateway.SimulatedGateway;

/**
 * Issue 15, item 2: one happening, one event. Six people pass a PIR on the simulated backend; a
 * subscriber on a real Mosquitto receives exactly one {@code presence_enter} and one {@code
 * presence_leave} per person, all on channel {@code motion}, and a reflex with {@code every: 3}
 * on {@code presence_enter} runs exactly twice (its lamp pulses are counted by their cause on the
 * retained state topic). The readings and events of channel {@code motion} share one counter
 * and are each in seq order on their own topic, with no number missing over the two.
 */
@Timeout(120)
class PirPresenceIT {

  private static final String PREFIX = "streetsense/v1/pir-count/";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PEOPLE = 6;

  @Test
  void eachPasserByIsOneEnterAndOneLeaveAndAReflexEveryThreeRunsForEveryThirdPerson() throws Exception {
    try (MosquittoServer broker = MosquittoServer.anonymous()) {
      broker.start();
      Path dir = Files.createTempDirectory("streetsense-pir-count-");
      try (MqttTestSubscriber sub = MqttTestSubscriber.connect(broker.url(), PREFIX + "#");
          SimulatedGateway rig = SimulatedGateway.start(SimulatedGateway.installation(dir, "pir.yaml", """
              installation: pir-count
              site: System test bench
              hardware: {backend: simulated, seed: 5}
              devices:
                - id: motion
                  driver: pir
                  pin: 4
                  options: {warmUp: 100ms, hold: 100ms}
                - id: lamp
                  driver: led
                  pin: 18
                  safeState: off
              safety:
                timezone: UTC
                actuators:
                  lamp: {kind: light, operations: [pulse]}
              reflexes:
                - name: every-third-person
                  when: {device: motion, event: presence_enter}
                  every: 3
                  do:
                    - {actuator: lamp, op: pulse, value: 1.0, duration: 20ms}
              uplink:
                mqtt: {url: "%s"}
              spool: {dir: "%s"}
              http: {host: 127.0.0.1, port: %d}
              """.formatted(broker.url(), dir.resolve("spool"), FreePorts.next())))) {
        await("PIR warmed up").atMost(WAIT).until(() -> !events(sub, "motion", null).isEmpty()
            || sub.messages().stream().anyMatch(m -> m.topic().equals(PREFIX + "motion/reading")));
        for (int person = 1; person <= PEOPLE; person++) {
          int n = person;
          rig.control().pin("motion", true);
          await("presence_enter of person " + n).atMost(WAIT)
              .until(() -> events(sub, "motion", "presence_enter").size() >= n);
          rig.control().pin("motion", false);
          await("presence_leave of person " + n).atMost(WAIT)
              .until(() -> events(sub, "motion", "presence_leave").size() >= n);
        }
        await("the reflex's second run").atMost(WAIT).until(() -> reflexRuns(sub).size() >= 2);

        List<JsonNode> enters = events(sub, "motion", "presence_enter");
        List<JsonNode> leaves = events(sub, "motion", "presence_leave");
        assertThat(enters).as("one presence_enter per person").hasSize(PEOPLE);
        assertThat(leaves).as("one presence_leave per person").hasSize(PEOPLE);
        assertThat(enters).allMatch(e -> e.path("channel").asText().equals("motion"));
        assertThat(leaves).allMatch(e -> e.path("channel").asText().equals("motion"));
        assertThat(reflexRuns(sub)).as("every: 3 over %d people", PEOPLE).hasSize(PEOPLE / 3);

        // the contract's order: per (stream, kind) in seq order; one counter over both kinds
        await("every number of motion received over its two topics").atMost(WAIT)
            .until(() -> contiguous(sub));
        List<Long> readings = firstSeqs(sub, "motion/reading", "motion");
        List<Long> eventSeqs = firstSeqs(sub, "motion/event", "motion");
        assertThat(readings).as("readings of motion in seq order").isSorted();
        assertThat(eventSeqs).as("events of motion in seq order").isSorted();
        Set<Long> all = new TreeSet<>(readings);
        all.addAll(eventSeqs);
        assertThat(all).as("readings and events share the stream's numbers, each once")
            .hasSize(readings.size() + eventSeqs.size());
      }
    }
  }

  /** Distinct events of a device by (channel, seq), of one type (or all when null). */
  private static List<JsonNode> events(MqttTestSubscriber sub, String device, String type) {
    Set<String> seen = new TreeSet<>();
    List<JsonNode> out = new ArrayList<>();
    for (ReceivedMessage m : sub.messages()) {
      if (!m.topic().equals(PREFIX + device + "/event")) {
        continue;
      }
      for (JsonNode e : objects(m)) {
        if ((type == null || e.path("type").asText().equals(type))
            && seen.add(e.path("channel").asText() + "/" + e.path("seq").asLong())) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private static boolean contiguous(MqttTestSubscriber sub) {
    TreeSet<Long> all = new TreeSet<>(firstSeqs(sub, "motion/reading", "motion"));
    all.addAll(firstSeqs(sub, "motion/event", "motion"));
    return !all.isEmpty() && all.first() == 1 && all.last() == all.size();
  }

  /** The seq of every observation of a channel on a topic in arrival order, first copies only. */
  private static List<Long> firstSeqs(MqttTestSubscriber sub, String topic, String channel) {
    Set<Long> seen = new TreeSet<>();
    List<Long> out = new ArrayList<>();
    for (ReceivedMessage m : sub.messages()) {
      if (m.topic().equals(PREFIX + topic)) {
        for (JsonNode o : objects(m)) {
          long seq = o.path("seq").asLong();
          if (o.path("channel").asText().equals(channel) && seen.add(seq)) {
            out.add(seq);
          }
        }
      }
    }
    return out;
  }

  /** Causes of lamp states that the reflex brought about. */
  private static Set<String> reflexRuns(MqttTestSubscriber sub) {
    Set<String> causes = new TreeSet<>();
    for (ReceivedMessage m : sub.messages()) {
      if (m.topic().equals(PREFIX + "lamp/state")) {
        for (JsonNode s : objects(m)) {
          String cause = s.path("cause").asText();
          if (cause.startsWith("reflex:every-third-person:")) {
            causes.add(cause);
          }
        }
      }
    }
    return causes;
  }

  private static List<JsonNode> objects(ReceivedMessage m) {
    try {
      JsonNode n = JSON.readTree(m.payload());
      List<JsonNode> list = new ArrayList<>();
      if (n.isArray()) {
        n.forEach(list::add);
      } else {
        list.add(n);
      }
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
