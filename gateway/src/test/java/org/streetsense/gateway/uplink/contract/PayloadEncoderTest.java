package org.streetsense.gateway.uplink.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

class PayloadEncoderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObservedTime TRUSTED = new ObservedTime(1764259200123L, 5L, true);

  private final PayloadEncoder encoder = new PayloadEncoder();

  @Test
  void encodesAReadingAsTheFlatObjectOfTheContract() throws IOException {
    Reading r = new Reading("kosice-square", "air-1", "temperature", 21.37, "degC",
        Quality.GOOD, TRUSTED, 42);
    String json = new String(encoder.observation(r), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"ts\":1764259200123,\"seq\":42,\"installation\":"
        + "\"kosice-square\",\"device\":\"air-1\",\"channel\":\"temperature\",\"value\":21.37,"
        + "\"unit\":\"degC\",\"quality\":\"good\",\"clock\":\"trusted\"}");
  }

  @Test
  void encodesAnEventWithTypeAndValue() throws IOException {
    InteractionEvent e = new InteractionEvent("kosice-square", "bench-touch", "electrode3",
        "touch_end", 850, new ObservedTime(1764259200500L, 9L, false), 7);
    JsonNode n = JSON.readTree(encoder.observation(e));
    assertThat(n.get("ts").asLong()).isEqualTo(1764259200500L);
    assertThat(n.get("seq").asLong()).isEqualTo(7);
    assertThat(n.get("device").asText()).isEqualTo("bench-touch");
    assertThat(n.get("channel").asText()).isEqualTo("electrode3");
    assertThat(n.get("type").asText()).isEqualTo("touch_end");
    assertThat(n.get("value").asDouble()).isEqualTo(850.0);
    assertThat(n.get("clock").asText()).isEqualTo("untrusted");
    assertThat(n.has("unit")).isFalse();
  }

  @Test
  void leavesOutNonFiniteValuesAndMarksTheReadingFaulty() throws IOException {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY}) {
      Reading r = new Reading("i", "d", "c", bad, "lx", Quality.GOOD, TRUSTED, 1);
      JsonNode n = JSON.readTree(encoder.observation(r));
      assertThat(n.has("value")).as("value of %s", bad).isFalse();
      assertThat(n.get("quality").asText()).isEqualTo("fault");
    }
  }

  @Test
  void encodesABatchAsAnArrayOfTheSameFlatObjects() throws IOException {
    Reading a = new Reading("i", "air-1", "temperature", 20.5, "degC", Quality.GOOD, TRUSTED, 1);
    Reading b = new Reading("i", "air-1", "humidity", 55, "%RH", Quality.SUSPECT, TRUSTED, 2);
    JsonNode n = JSON.readTree(encoder.observations(List.of(a, b)));
    assertThat(n.isArray()).isTrue();
    assertThat(n).hasSize(2);
    assertThat(n.get(0)).isEqualTo(JSON.readTree(encoder.observation(a)));
    assertThat(n.get(1).get("quality").asText()).isEqualTo("suspect");
    assertThat(n.get(1).get("unit").asText()).isEqualTo("%RH");
  }

  @Test
  void aBatchOfAnySizeIsExactlyTheSingleObjectsJoinedInAnArray() {
    ObservedTime untrusted = new ObservedTime(1764259200123L, 5L, false);
    List<org.streetsense.gateway.pipeline.Observation> batch = new java.util.ArrayList<>();
    StringBuilder expected = new StringBuilder("[");
    for (int i = 0; i < 2500; i++) {
      var o = i % 7 == 0
          ? new InteractionEvent("i", "edge-" + i, "button", "press", i, untrusted, i + 1)
          : new Reading("i", "air-" + (i % 20), "temperature", 20 + i / 10.0, "degC",
              Quality.GOOD, TRUSTED, i + 1);
      batch.add(o);
      expected.append(i == 0 ? "" : ",")
          .append(new String(encoder.observation(o), java.nio.charset.StandardCharsets.UTF_8));
    }
    expected.append(']');

    assertThat(new String(encoder.observations(batch), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(expected.toString()).contains("\"clock\":\"untrusted\"}");
  }

  @Test
  void encodesAGapWithItsSequenceRangeAndTimes() throws IOException {
    Gap gap = new Gap("i", "air-1", "temperature", 100, 180, 75, "spool_full", 1000L, 2000L);
    JsonNode n = JSON.readTree(encoder.gap(gap));
    assertThat(n.get("ts").asLong()).isEqualTo(1000L);
    assertThat(n.get("first_seq").asLong()).isEqualTo(100);
    assertThat(n.get("last_seq").asLong()).isEqualTo(180);
    assertThat(n.get("count").asLong()).isEqualTo(75);
    assertThat(n.get("reason").asText()).isEqualTo("spool_full");
    assertThat(n.get("from_ts").asLong()).isEqualTo(1000L);
    assertThat(n.get("to_ts").asLong()).isEqualTo(2000L);
    assertThat(n.get("channel").asText()).isEqualTo("temperature");
  }

  @Test
  void encodesAnUnusedRangeExactlyAsTheContractShowsIt() {
    Gap unused = new Gap("kosice-square", "air-1", "temperature", 406, 1001, 0, "unused",
        1764259300000L, 1764259300000L);
    // docs/mqtt-contract.md, section Gap, reason unused
    assertThat(new String(encoder.gap(unused), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"ts\":1764259300000,\"installation\":\"kosice-square\","
        + "\"device\":\"air-1\",\"channel\":\"temperature\",\"first_seq\":406,\"last_seq\":1001,"
        + "\"count\":0,\"reason\":\"unused\",\"from_ts\":1764259300000,\"to_ts\":1764259300000}");
  }

  @Test
  void encodesGatewayStateWithBootCounterAndDevices() throws IOException {
    GatewayState s = new GatewayState("kosice-square", true, 5L, 12, "0.1.0",
        List.of("air-1", "bench-touch"));
    JsonNode n = JSON.readTree(encoder.state(s));
    assertThat(n.get("status").asText()).isEqualTo("online");
    assertThat(n.get("ts").asLong()).isEqualTo(5L);
    assertThat(n.get("boot").asLong()).isEqualTo(12);
    assertThat(n.get("version").asText()).isEqualTo("0.1.0");
    assertThat(n.get("installation").asText()).isEqualTo("kosice-square");
    assertThat(n.get("devices").get(1).asText()).isEqualTo("bench-touch");
    JsonNode off = JSON.readTree(encoder.state(new GatewayState("kosice-square", false, 6L, 12,
        "0.1.0", List.of())));
    assertThat(off.get("status").asText()).isEqualTo("offline");
  }

  @Test
  void encodesTheInstallationFileInUseInTheGatewayState() throws IOException {
    String digest = "sha256:" + "ab".repeat(32);
    JsonNode n = JSON.readTree(encoder.state(new GatewayState("kosice-square", true, 5L, 12,
        "0.1.0", List.of("air-1"), 7, digest)));
    assertThat(n.get("config_version").asLong()).isEqualTo(7);
    assertThat(n.get("config_digest").asText()).isEqualTo(digest);
    JsonNode unstamped = JSON.readTree(encoder.state(new GatewayState("kosice-square", true, 5L, 12,
        "0.1.0", List.of())));
    assertThat(unstamped.get("config_version").asLong()).isZero();
    assertThat(unstamped.get("config_digest").asText()).isEqualTo("unknown");
  }

  @Test
  void escapesStringsSoThePayloadStaysValidJson() throws IOException {
    Reading r = new Reading("i", "d", "c", 1, "\"quoted\"\n", Quality.GOOD, TRUSTED, 1);
    assertThat(JSON.readTree(encoder.observation(r)).get("unit").asText())
        .isEqualTo("\"quoted\"\n");
  }

  @Test
  void writesExactlyTheBytesOfJacksonsStreamingGeneratorForAnyObservation() throws IOException {
    java.util.Random random = new java.util.Random(379);
    List<org.streetsense.gateway.pipeline.Observation> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      ObservedTime time = new ObservedTime(random.nextLong(), random.nextLong(),
          random.nextBoolean());
      var o = random.nextInt(4) == 0
          ? new InteractionEvent(text(random), text(random), text(random), text(random),
              number(random), time, random.nextLong())
          : new Reading(text(random), text(random), text(random), number(random), text(random),
              Quality.values()[random.nextInt(Quality.values().length)], time, random.nextLong());
      batch.add(o);
      assertThat(encoder.observation(o)).as("observation %d: %s", i, o)
          .isEqualTo(jackson(List.of(o), false));
    }
    assertThat(encoder.observations(batch)).isEqualTo(jackson(batch, true));
  }

  @Test
  void moreDistinctStringsThanItKeepsQuotedAreStillWrittenExactly() throws IOException {
    List<org.streetsense.gateway.pipeline.Observation> batch = new java.util.ArrayList<>();
    for (int i = 0; i < ObservationJson.MAX_CACHED * 3; i++) {
      batch.add(new Reading("i", "device-" + i, "c", i, "u" + (i % 7), Quality.GOOD, TRUSTED, i));
    }
    assertThat(encoder.observations(batch)).isEqualTo(jackson(batch, true));
    assertThat(encoder.observations(batch)).isEqualTo(jackson(batch, true));
  }

  /** Strings of every kind a JSON writer must escape or encode: quotes, controls, non-ASCII. */
  private static String text(java.util.Random random) {
    String[] pieces = {"air-1", "degC", "%RH", "\"", "\\", "\n", "\t", "\u0000", "\u001f",
        "\u007f", "\u00e9", "\u010d", "\u20ac", "\ud83c\udf33", "/", "<", " ", "\u2028", "kosice"};
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(4);
    for (int k = 0; k < n; k++) {
      b.append(pieces[random.nextInt(pieces.length)]);
    }
    return b.toString();
  }

  private static double number(java.util.Random random) {
    double[] edges = {0.0, -0.0, 1e-300, -1e300, Double.MIN_VALUE, Double.MAX_VALUE, 1e7, 1e-3,
        0.001, 123456789.125, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    return switch (random.nextInt(3)) {
      case 0 -> edges[random.nextInt(edges.length)];
      case 1 -> random.nextInt(2000) / 10.0 - 100;
      default -> Double.longBitsToDouble(random.nextLong());
    };
  }

  /** The observations as Jackson's streaming generator writes them (the encoder's reference). */
  private static byte[] jackson(List<? extends org.streetsense.gateway.pipeline.Observation> batch,
      boolean array) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (com.fasterxml.jackson.core.JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory()
        .createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
      if (array) {
        g.writeStartArray();
      }
      for (var o : batch) {
        g.writeStartObject();
        g.writeNumberField("ts", o.time().epochMillis());
        g.writeNumberField("seq", o.seq());
        g.writeStringField("installation", o.installation());
        g.writeStringField("device", o.device());
        g.writeStringField("channel", o.channel());
        if (o instanceof Reading r) {
          boolean finite = Double.isFinite(r.value());
          if (finite) {
            g.writeNumberField("value", r.value());
          }
          g.writeStringField("unit", r.unit());
          g.writeStringField("quality", finite ? r.quality().wireName() : "fault");
        } else if (o instanceof InteractionEvent e) {
          g.writeStringField("type", e.type());
          if (Double.isFinite(e.value())) {
            g.writeNumberField("value", e.value());
          }
        }
        g.writeStringField("clock", o.time().clockTrusted() ? "trusted" : "untrusted");
        g.writeEndObject();
      }
      if (array) {
        g.writeEndArray();
      }
    }
    return out.toByteArray();
  }
}
