package org.streetsense.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;

class CommandCodecTest {

  private static final long NOW = 1_764_259_200_000L;
  private final CommandCodec codec = new CommandCodec();

  private CommandCodec.Parsed parse(String json) {
    return codec.parse(json.getBytes(StandardCharsets.UTF_8), "led-1", CommandSource.MQTT, NOW);
  }

  @Test
  void parsesAFadeWithTtlIntoACommandExpiringTtlAfterItWasSent() {
    long sent = NOW - 60_000; // queued a minute by brokers on the way
    CommandCodec.Parsed p = parse("{\"id\":\"c-1\",\"op\":\"fade\",\"value\":0.8,\"duration_ms\":300,\"ts\":" + sent
        + ",\"ttl_ms\":5000,\"correlation\":\"abc\"}");

    assertThat(p).isInstanceOf(CommandCodec.Valid.class);
    Command c = ((CommandCodec.Valid) p).command();
    assertThat(c.id()).isEqualTo("c-1");
    assertThat(c.correlationId()).isEqualTo("abc");
    assertThat(c.actuator()).isEqualTo("led-1");
    assertThat(c.operation()).isEqualTo(Operation.FADE);
    assertThat(c.value()).isEqualTo(0.8);
    assertThat(c.duration()).isEqualTo(Duration.ofMillis(300));
    assertThat(c.expiresAtMillis()).as("ttl counts from the sender's ts, not from arrival")
        .isEqualTo(sent + 5000);
  }

  @Test
  void parsesAColourFadeWithOneValuePerChannel() {
    Command c = ((CommandCodec.Valid) parse("{\"id\":\"c-3\",\"op\":\"color\",\"color\":[255,40,0],"
        + "\"duration_ms\":2000}")).command();

    assertThat(c.operation()).isEqualTo(Operation.COLOR);
    assertThat(c.colour()).containsExactly(255, 40, 0);
    assertThat(c.duration()).isEqualTo(Duration.ofMillis(2000));
    assertThat(c.value()).isNaN();
  }

  @Test
  void usesTheIdAsCorrelationWhenNoneIsGiven() {
    Command c = ((CommandCodec.Valid) parse("{\"id\":\"c-2\",\"op\":\"on\"}")).command();
    assertThat(c.correlationId()).isEqualTo("c-2");
    assertThat(c.expiresAtMillis()).isEqualTo(Long.MAX_VALUE);
  }

  static Stream<Arguments> hostilePayloads() {
    return Stream.of(
        Arguments.of("not json", RejectReason.MALFORMED, "payload is not JSON"),
        Arguments.of("[1,2,3]", RejectReason.MALFORMED, "payload must be a JSON object"),
        Arguments.of("{\"op\":\"on\"}", RejectReason.MALFORMED, "field 'id' is required"),
        Arguments.of("{\"id\":42,\"op\":\"on\"}", RejectReason.MALFORMED, "field 'id' is required and must be a string"),
        Arguments.of("{\"id\":\"a b\",\"op\":\"on\"}", RejectReason.MALFORMED, "field 'id' must be 1..64 characters"),
        Arguments.of("{\"id\":\"c\"}", RejectReason.MALFORMED, "field 'op' is required"),
        Arguments.of("{\"id\":\"c\",\"op\":\"explode\"}", RejectReason.MALFORMED, "unknown operation 'explode'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"color\"}", RejectReason.MALFORMED, "op 'color' needs field 'color'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"set\",\"value\":1,\"color\":[1,2,3]}", RejectReason.MALFORMED, "field 'color' is only used with op 'color'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"color\",\"color\":[1,2]}", RejectReason.MALFORMED, "a list of 3 to 5 integers"),
        Arguments.of("{\"id\":\"c\",\"op\":\"color\",\"color\":[1,2,256]}", RejectReason.MALFORMED, "integers 0..255"),
        Arguments.of("{\"id\":\"c\",\"op\":\"color\",\"color\":[1,2,3],\"value\":0.5}", RejectReason.MALFORMED, "field 'value' is not used with op 'color'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"color\",\"color\":[1,2,0.5]}", RejectReason.MALFORMED, "integers 0..255"),
        Arguments.of("{\"id\":\"c\",\"op\":\"set\",\"value\":\"high\"}", RejectReason.MALFORMED, "field 'value' must be a finite number, was string"),
        Arguments.of("{\"id\":\"c\",\"op\":\"set\",\"value\":0.5,\"duration_ms\":100}", RejectReason.MALFORMED, "field 'duration_ms' is not used with op 'set'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\",\"duration_ms\":100}", RejectReason.MALFORMED, "field 'duration_ms' is not used with op 'on'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"set\",\"value\":1e400}", RejectReason.MALFORMED, "field 'value' must be a finite number, was a number too large for a double"),
        Arguments.of("{\"id\":\"c\",\"op\":\"pulse\",\"value\":1,\"duration_ms\":-5}", RejectReason.MALFORMED, "field 'duration_ms' must be a whole number of milliseconds, 0 or more"),
        Arguments.of("{\"id\":\"c\",\"op\":\"pulse\",\"value\":1,\"duration_ms\":1.5}", RejectReason.MALFORMED, "field 'duration_ms' must be a whole number of milliseconds, 0 or more"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\",\"expires\":\"soon\"}", RejectReason.MALFORMED, "field 'expires' must be unix milliseconds"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\",\"expires\":1,\"ttl_ms\":5}", RejectReason.MALFORMED, "not both"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\",\"shell\":\"rm -rf\"}", RejectReason.MALFORMED, "unknown field 'shell'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\",\"ttl_ms\":5000}", RejectReason.MALFORMED, "give 'ts' (unix ms) with it"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\",\"ts\":" + NOW + "}", RejectReason.MALFORMED, "'ts' is only used with 'ttl_ms'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\",\"ts\":" + Long.MAX_VALUE + ",\"ttl_ms\":5}", RejectReason.MALFORMED, "past the end of time"),
        Arguments.of("{\"id\":\"c\",\"op\":\"off\",\"op\":\"on\"}", RejectReason.MALFORMED, "duplicate field 'op'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"set\",\"value\":0.1}  trailing", RejectReason.MALFORMED, "payload is not JSON"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\"}{\"id\":\"d\",\"op\":\"off\"}", RejectReason.MALFORMED, "payload is not JSON"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\",\"ts\":" + (NOW + 3_600_000) + ",\"ttl_ms\":1000}", RejectReason.MALFORMED, "ahead of the gateway's clock"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\",\"expires\":" + Long.MAX_VALUE + "}", RejectReason.MALFORMED, "at most 24 h ahead"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\",\"ts\":" + NOW + ",\"ttl_ms\":" + 2 * 86_400_000L + "}", RejectReason.MALFORMED, "at most 24 h ahead"),
        Arguments.of("{\"id\":\"c\",\"op\":\"set\",\"value\":0,\"value\":1}", RejectReason.MALFORMED, "duplicate field 'value'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\",\"value\":0.5}", RejectReason.MALFORMED, "field 'value' is not used with op 'on'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"off\",\"value\":0}", RejectReason.MALFORMED, "field 'value' is not used with op 'off'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"safe\",\"value\":1}", RejectReason.MALFORMED, "field 'value' is not used with op 'safe'"),
        Arguments.of("{\"id\":\"c\",\"op\":\"pulse\",\"value\":1,\"duration_ms\":1e400}", RejectReason.MALFORMED, "field 'duration_ms' must be a whole number of milliseconds, 0 or more"),
        Arguments.of("{\"id\":\"c\",\"op\":\"pulse\",\"value\":1,\"duration_ms\":99999999999999999999999}", RejectReason.MALFORMED, "field 'duration_ms' must be a whole number of milliseconds, 0 or more"),
        Arguments.of("{\"id\":\"c\",\"op\":\"on\"," + "\"value\":1".repeat(1) + ",\"correlation\":\"" + "x".repeat(5000) + "\"}",
            RejectReason.TOO_LARGE, "at most 4096"));
  }

  @ParameterizedTest
  @MethodSource("hostilePayloads")
  void refusesHostilePayloadsNamingWhatIsWrong(String payload, RejectReason reason, String detail) {
    CommandCodec.Parsed p = parse(payload);

    assertThat(p).isInstanceOf(CommandCodec.Invalid.class);
    CommandResult r = ((CommandCodec.Invalid) p).result();
    assertThat(r.status()).isEqualTo(CommandStatus.REJECTED);
    assertThat(r.reason()).isEqualTo(reason);
    assertThat(r.detail()).contains(detail);
  }

  @Test
  void encodesResultsAsFlatJson() throws Exception {
    CommandResult r = new CommandResult("c-1", "abc", "led-1", CommandStatus.REJECTED,
        RejectReason.QUIET_HOURS, "quiet hours", NOW);
    JsonNode json = new ObjectMapper().readTree(codec.encode(r));

    assertThat(json.get("ts").asLong()).isEqualTo(NOW);
    assertThat(json.get("id").asText()).isEqualTo("c-1");
    assertThat(json.get("correlation").asText()).isEqualTo("abc");
    assertThat(json.get("status").asText()).isEqualTo("rejected");
    assertThat(json.get("reason").asText()).isEqualTo("quiet_hours");
    assertThat(json.get("detail").asText()).isEqualTo("quiet hours");
  }

  @Test
  void encodesACappedAnswerAsTheContractShowsIt() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "mqtt-contract.md"));
    String id = "reflex:touch-glow:3.17";
    CommandResult r = CommandResult.capped(new Command(id, id, "lamp", Operation.ON, Double.NaN,
            Duration.ZERO, Long.MAX_VALUE, CommandSource.REFLEX), CommandStatus.ACCEPTED, 0.2,
        "quiet hours (23:15 Europe/Bratislava): light 'lamp' is capped at 0.2, asked 1", 1795820400123L);

    String json = new String(codec.encode(r), StandardCharsets.UTF_8);

    assertThat(json).endsWith(",\"capped\":0.2}");
    assertThat(doc).contains("\n" + json + "\n");
  }

  @Test
  void publishesAnOscFloat32LevelAsTheSenderWroteIt() {
    double fromOsc = 0.3f; // 0.30000001192092896 as a double
    ActuatorState ramp = new ActuatorState("lights/ring", 0.1f, false, "osc-7", NOW, fromOsc, 300);

    String json = new String(codec.encode(ramp), StandardCharsets.UTF_8);

    assertThat(json).isEqualTo("{\"ts\":" + NOW + ",\"actuator\":\"lights/ring\",\"level\":0.1,"
        + "\"safe\":false,\"cause\":\"osc-7\",\"target\":0.3,\"ramp_ms\":300}");
  }

  @Test
  void aNegativeZeroLevelIsPublishedAsZero() {
    Command c = ((CommandCodec.Valid) parse("{\"id\":\"z\",\"op\":\"set\",\"value\":-0.0}")).command();
    String state = new String(codec.encode(new ActuatorState("lamp", c.value(), true, "z", NOW)),
        StandardCharsets.UTF_8);
    String direct = new String(codec.encode(new ActuatorState("lamp", -0.0, true, "z", NOW,
        -0.0, 300)), StandardCharsets.UTF_8);

    assertThat(Double.doubleToRawLongBits(c.value())).isEqualTo(Double.doubleToRawLongBits(0.0));
    assertThat(state).contains("\"level\":0.0").doesNotContain("-0.0");
    assertThat(direct).contains("\"level\":0.0", "\"target\":0.0").doesNotContain("-0.0");
  }

  @Test
  void aSteadyStateHasNoRamp() {
    String json = new String(codec.encode(new ActuatorState("lamp", 1.0, false, "c-1", NOW)),
        StandardCharsets.UTF_8);

    assertThat(json).doesNotContain("target").doesNotContain("ramp_ms").contains("\"level\":1.0");
  }

  @Test
  void aStateDuringACoolDownSaysUntilWhen() throws Exception {
    JsonNode cooling = new ObjectMapper().readTree(codec.encode(
        new ActuatorState("lamp", 0.0, true, "max_on_time", NOW, NOW + 20_000)));
    JsonNode plain = new ObjectMapper().readTree(codec.encode(new ActuatorState("lamp", 1.0, false, "c-1", NOW)));

    assertThat(cooling.path("cause").asText()).isEqualTo("max_on_time");
    assertThat(cooling.path("cool_down_until").asLong()).isEqualTo(NOW + 20_000);
    assertThat(plain.has("cool_down_until")).isFalse();
  }
}
