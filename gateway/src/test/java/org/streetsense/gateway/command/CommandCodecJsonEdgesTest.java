package org.streetsense.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.RejectReason;

/**
 * The edges of reading a command's JSON: what comes before, after and around the fields. The
 * whole payload is read before any field is judged, so a broken part anywhere refuses it.
 */
class CommandCodecJsonEdgesTest {

  private static final long NOW = 1_764_259_200_000L;
  private static final String ON = "{\"id\":\"c\",\"op\":\"on\"";
  private final CommandCodec codec = new CommandCodec();

  private CommandCodec.Parsed parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private CommandCodec.Parsed parse(byte[] payload) {
    return codec.parse(payload, "led-1", CommandSource.MQTT, NOW);
  }

  private static String refusal(CommandCodec.Parsed p) {
    assertThat(p).isInstanceOf(CommandCodec.Invalid.class);
    CommandResult r = ((CommandCodec.Invalid) p).result();
    assertThat(r.status()).isEqualTo(CommandStatus.REJECTED);
    assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED);
    return r.detail();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t \r\n"})
  void anEmptyOrBlankPayloadIsRefusedAsNotAnObject(String payload) {
    assertThat(refusal(parse(payload))).isEqualTo("payload must be a JSON object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "true", "0", "-1.5", "\"on\"", "[]", "[{\"id\":\"c\",\"op\":\"on\"}]"})
  void aRootThatIsNotAnObjectIsRefused(String payload) {
    assertThat(refusal(parse(payload))).isEqualTo("payload must be a JSON object");
  }

  @Test
  void aRootThatIsNotAnObjectIsStillReadToTheEndFirst() {
    assertThat(refusal(parse("[{\"a\":1,\"a\":2}]"))).isEqualTo("duplicate field 'a'; give each field once");
    assertThat(refusal(parse("[1] 2"))).startsWith("payload is not JSON: Trailing token (of type VALUE_NUMBER_INT)");
    assertThat(refusal(parse("[1, 2"))).startsWith("payload is not JSON: Unexpected end-of-input");
  }

  static Stream<Arguments> trailingContent() {
    return Stream.of(
        Arguments.of(ON + "}[", "Trailing token (of type START_ARRAY) found after value"),
        Arguments.of(ON + "}{\"id\":\"d\",\"op\":\"off\"}", "Trailing token (of type START_OBJECT) found after value"),
        Arguments.of(ON + "} 1", "Trailing token (of type VALUE_NUMBER_INT) found after value"),
        Arguments.of(ON + "}\"more\"", "Trailing token (of type VALUE_STRING) found after value"),
        Arguments.of(ON + "}null", "Trailing token (of type VALUE_NULL) found after value"),
        Arguments.of(ON + "}]", "Unexpected close marker ']'"),
        Arguments.of(ON + "}}", "Unexpected close marker '}'"),
        Arguments.of(ON + "} garbage", "Unrecognized token 'garbage'"),
        Arguments.of(ON + "}//", "maybe a (non-standard) comment?"));
  }

  @ParameterizedTest
  @MethodSource("trailingContent")
  void anythingAfterTheRootObjectRefusesTheWholePayload(String payload, String detail) {
    assertThat(refusal(parse(payload))).startsWith("payload is not JSON: ").contains(detail);
  }

  @Test
  void whiteSpaceAroundTheRootObjectIsAccepted() {
    assertThat(parse(" \n" + ON + "}\r\n\t ")).isInstanceOf(CommandCodec.Valid.class);
  }

  @Test
  void aFieldGivenTwiceAtAnyDepthRefusesThePayloadNamingIt() {
    assertThat(refusal(parse(ON + ",\"x\":{\"a\":1,\"a\":2}}"))).isEqualTo("duplicate field 'a'; give each field once");
    assertThat(refusal(parse(ON + ",\"x\":[{\"b\":[],\"b\":{}}]}"))).isEqualTo("duplicate field 'b'; give each field once");
    assertThat(refusal(parse("{\"id\":\"c\",\"id\":\"c\",\"op\":\"on\"}")))
        .as("the same value twice is still twice").isEqualTo("duplicate field 'id'; give each field once");
  }

  @Test
  void aSyntaxErrorAnywhereWinsOverWhatTheFieldsSay() {
    // the unknown field comes first, the broken escape deep inside it: the payload is not JSON
    assertThat(refusal(parse("{\"shell\":[{\"x\":\"\\q\"}],\"id\":\"c\",\"op\":\"on\"}")))
        .isEqualTo("payload is not JSON: Unrecognized character escape 'q' (code 113)");
    assertThat(refusal(parse(ON + ",\"x\":{\"y\":\"\\uZZZZ\"}}"))).startsWith("payload is not JSON: ");
  }

  @Test
  void nestingDeeperThanTheParserAllowsIsRefusedAsNotJson() {
    int max = StreamReadConstraints.defaults().getMaxNestingDepth();
    String tooDeep = ON + ",\"x\":" + "[".repeat(max) + "]".repeat(max) + "}"; // the root is one level
    String deepest = ON + ",\"x\":" + "[".repeat(max - 1) + "]".repeat(max - 1) + "}";
    assertThat(tooDeep.length()).isLessThan(CommandCodec.MAX_PAYLOAD_BYTES);

    assertThat(refusal(parse(tooDeep))).startsWith("payload is not JSON: Document nesting depth (" + (max + 1)
        + ") exceeds the maximum allowed (" + max);
    assertThat(refusal(parse(deepest))).as("read to the end, then judged by its fields")
        .startsWith("unknown field 'x'");
  }

  @Test
  void aPayloadOfOnlyOpeningBracketsIsRefusedWithoutExhaustingTheStack() {
    String brackets = "[".repeat(CommandCodec.MAX_PAYLOAD_BYTES);
    String objects = "{\"a\":[".repeat(CommandCodec.MAX_PAYLOAD_BYTES / 6); // two levels each

    assertThat(refusal(parse(brackets))).startsWith("payload is not JSON: Document nesting depth");
    assertThat(refusal(parse(objects))).startsWith("payload is not JSON: Document nesting depth");
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "true", "false", "[]", "{}", "\"0.5\""})
  void aValueThatIsNotANumberIsRefusedNamingItsKind(String value) {
    String kind = switch (value.charAt(0)) {
      case 'n' -> "null";
      case 't', 'f' -> "boolean";
      case '[' -> "array";
      case '{' -> "object";
      default -> "string";
    };
    assertThat(refusal(parse("{\"id\":\"c\",\"op\":\"set\",\"value\":" + value + "}")))
        .isEqualTo("field 'value' must be a finite number, was " + kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1."})
  void numbersJsonDoesNotHaveAreRefusedAsNotJson(String value) {
    assertThat(refusal(parse("{\"id\":\"c\",\"op\":\"set\",\"value\":" + value + "}")))
        .startsWith("payload is not JSON: ");
  }

  @Test
  void aWholeNumberTooLargeForADoubleIsRefusedAndOneThatFitsIsAValue() {
    assertThat(refusal(parse("{\"id\":\"c\",\"op\":\"set\",\"value\":1" + "0".repeat(400) + "}")))
        .isEqualTo("field 'value' must be a finite number, was a number too large for a double");
    Command c = ((CommandCodec.Valid) parse("{\"id\":\"c\",\"op\":\"set\",\"value\":9223372036854775808}")).command();
    assertThat(c.value()).isEqualTo(9.223372036854775808e18);
    assertThat(((CommandCodec.Valid) parse("{\"id\":\"c\",\"op\":\"set\",\"value\":1e-400}")).command().value())
        .as("an underflow is zero, as a double reads it").isZero();
  }

  @Test
  void aNumberLongerThanTheParserAllowsIsRefusedAsNotJson() {
    int max = StreamReadConstraints.defaults().getMaxNumberLength();
    assertThat(refusal(parse("{\"id\":\"c\",\"op\":\"set\",\"value\":" + "9".repeat(max + 1) + "}")))
        .startsWith("payload is not JSON: Number value length (" + (max + 1) + ") exceeds the maximum allowed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4294967299", "18446744073709551619", "-4294967295", "3.0", "3e0"})
  void aColourChannelOutsideAnIntIsRefusedNotWrappedIntoRange(String channel) {
    // 2^32 + 3 and 2^64 + 3 would wrap to 3 if cut to an int or a long
    assertThat(refusal(parse("{\"id\":\"c\",\"op\":\"color\",\"color\":[1,2," + channel + "]}")))
        .isEqualTo("field 'color' must be a list of integers 0..255");
  }

  @Test
  void aDurationOrExpiryOutsideALongIsRefusedNotWrappedIntoRange() {
    String past = "18446744073709551716"; // 2^64 + 100: 100 if cut to a long
    assertThat(refusal(parse("{\"id\":\"c\",\"op\":\"pulse\",\"value\":1,\"duration_ms\":" + past + "}")))
        .startsWith("field 'duration_ms' must be a whole number of milliseconds");
    assertThat(refusal(parse(ON + ",\"expires\":" + (new java.math.BigInteger(past).add(java.math.BigInteger.valueOf(NOW))) + "}")))
        .isEqualTo("field 'expires' must be unix milliseconds");
    assertThat(refusal(parse(ON + ",\"ts\":" + NOW + ",\"ttl_ms\":" + past + "}")))
        .isEqualTo("field 'ttl_ms' must be a positive integer");
    assertThat(refusal(parse(ON + ",\"ts\":" + past + ",\"ttl_ms\":1000}")))
        .startsWith("field 'ttl_ms' counts from the sender's send time");
    assertThat(refusal(parse(ON + ",\"expires\":1.764259201e12}"))).as("a whole number written as a fraction")
        .isEqualTo("field 'expires' must be unix milliseconds");
  }

  @Test
  void aNullOrNonStringCorrelationFallsBackToTheId() {
    assertThat(((CommandCodec.Valid) parse(ON + ",\"correlation\":null}")).command().correlationId()).isEqualTo("c");
    assertThat(((CommandCodec.Valid) parse(ON + ",\"correlation\":7}")).command().correlationId()).isEqualTo("c");
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedAsNotJson() {
    byte[] lone = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xc3, '"', '}'};
    byte[] stray = {'{', '"', 'x', '"', ':', '[', '"', (byte) 0x80, '"', ']', '}'};

    assertThat(refusal(parse(lone))).startsWith("payload is not JSON: Invalid UTF-8");
    assertThat(refusal(parse(stray))).startsWith("payload is not JSON: Invalid UTF-8");
  }
}
