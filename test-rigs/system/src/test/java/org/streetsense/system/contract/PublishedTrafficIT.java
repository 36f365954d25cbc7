package org.streetsense.system.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streetsense.system.contract.CapturedTraffic.PREFIX;
import static org.streetsense.system.contract.CapturedTraffic.json;
import static org.streetsense.system.contract.CapturedTraffic.objects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.ReceivedMessage;

/**
 * docs/mqtt-contract.md and its schemas (docs/schemas) against what a gateway really published:
 * every message an independent subscriber captured has a schema for its topic and matches it,
 * and the captured fades and OSC values have the shape the contract promises.
 */
@Timeout(180)
class PublishedTrafficIT {

  private final List<ReceivedMessage> traffic = CapturedTraffic.get();

  @Test
  void everyCapturedMessageMatchesTheSchemaOfItsTopic() {
    List<String> failures = new ArrayList<>();
    for (ReceivedMessage m : traffic) {
      Optional<String> schema = ContractSchemas.forTopic(m.topic());
      if (m.text().equals(CapturedTraffic.MALFORMED_COMMAND)) {
        assertThat(ContractSchemas.problems("command", m.payload())).isNotEmpty();
        continue;
      }
      if (schema.isEmpty()) {
        failures.add(m.topic() + ": no schema in docs/schemas for this topic: " + m.text());
        continue;
      }
      for (String problem : ContractSchemas.problems(schema.get(), m.payload())) {
        failures.add(m.topic() + " (" + schema.get() + ".json): " + problem + " in " + m.text());
      }
    }
    assertThat(failures).as("messages that break the contract").isEmpty();
  }

  @Test
  void theCaptureHoldsEveryKindOfMessage() {
    assertThat(traffic).extracting(m -> ContractSchemas.forTopic(m.topic()).orElse("?"))
        .contains("reading", "event", "gateway-state", "actuator-state", "command",
            "command-result");
    assertThat(objectsOn("/weather/reading")).extracting(o -> o.path("quality").asText())
        .contains("good", "fault");
    assertThat(objectsOn("/result")).extracting(o -> o.path("status").asText())
        .contains("accepted", "done", "rejected");
    assertThat(traffic).anyMatch(m -> m.topic().equals(PREFIX + "lights/ring/state"));
    assertThat(traffic).anyMatch(m -> m.topic().equals(PREFIX + "lamp/state"));
  }

  @Test
  void aFadePublishesItsRampAFewStatesAndItsEnd() {
    List<JsonNode> fade = objectsOn("/lights/ring/state").stream()
        .filter(s -> s.path("cause").asText().equals("ring-fade")).toList();

    assertThat(fade.get(0).path("target").asDouble()).isEqualTo(0.8);
    assertThat(fade.get(0).path("ramp_ms").asLong()).isBetween(1L, 1000L);
    JsonNode last = fade.get(fade.size() - 1);
    assertThat(last.has("target")).isFalse();
    assertThat(last.path("level").asDouble()).isEqualTo(0.8);
    // a 1 s fade: the ramp, at most one state per 250 ms while it runs, the end
    assertThat(fade).hasSizeBetween(2, 6);
  }

  @Test
  void anOscFloat32IsPublishedAsTheSenderWroteIt() {
    ReceivedMessage state = traffic.stream()
        .filter(m -> m.topic().equals(PREFIX + "lights/ring/state"))
        .filter(m -> json(m).path("cause").asText().startsWith("osc:"))
        .reduce((a, b) -> b).orElseThrow();

    assertThat(state.text()).contains("\"level\":0.3,");
  }

  private List<JsonNode> objectsOn(String topicSuffix) {
    return traffic.stream().filter(m -> m.topic().endsWith(topicSuffix))
        .flatMap(m -> objects(m).stream()).toList();
  }
}
