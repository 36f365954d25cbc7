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
    assertThat(refusal(parse("[1] 2"))).startsWith("payload is not JSON: content after the value");
    assertThat(refusal(parse("[1, 2"))).startsWith("payload is not JSON: unexpected end of input");
  }

  static Stream<Arguments> trailingContent() {
    return Stream.of(
        Arguments.of(ON + "}[", "content after the object"),
        Arguments.of(ON + "}{\"id\":\"d\",\"op\":\"off\"}", "content after the object"),
        Arguments.of(ON + "} 1", "content after the object"),
        Arguments.of(ON + "}\"more\"", "content after the object"),
        Arguments.of(ON + "}null", "content after the object"),
        Arguments.of(ON + "}]", "content after the object at column 22"),
        Arguments.of(ON + "}}", "content after the object at column 22"),
        Arguments.of(ON + "} garbage", "content after the object at column 29"),
        Arguments.of(ON + "}//", "content after the object at column 22"));
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
        .isEqualTo("payload is not JSON: unrecognized character escape 'q' at column 18");
    assertThat(refusal(parse(ON + ",\"x\":{\"y\":\"\\uZZZZ\"}}"))).startsWith("payload is not JSON: ");
  }

  @Test
  void nestingDeeperThanTheParserAllowsIsRefusedAsNotJson() {
    int max = StreamReadConstraints.defaults().getMaxNestingDepth();
    String tooDeep = ON + ",\"x\":" + "[".repeat(max) + "]".repeat(max) + "}"; // the root is one level
    String deepest = ON + ",\"x\":" + "[".repeat(max - 1) + "]".repeat(max - 1) + "}";
    assertThat(tooDeep.length()).isLessThan(CommandCodec.MAX_PAYLOAD_BYTES);

    assertThat(refusal(parse(tooDeep))).isEqualTo("payload is not JSON: nested deeper than " + max + " levels");
    assertThat(refusal(parse(deepest))).as("read to the end, then judged by its fields")
        .startsWith("unknown field 'x'");
  }

  @Test
  void aPayloadOfOnlyOpeningBracketsIsRefusedWithoutExhaustingTheStack() {
    String brackets = "[".repeat(CommandCodec.MAX_PAYLOAD_BYTES);
    String objects = "{\"a\":[".repeat(CommandCodec.MAX_PAYLOAD_BYTES / 6); // two levels each

    assertThat(refusal(parse(brackets))).isEqualTo("payload is not JSON: nested deeper than 1000 levels");
    assertThat(refusal(parse(objects))).isEqualTo("payload is not JSON: nested deeper than 1000 levels");
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
        .startsWith("payload is not JSON: a number longer than " + max + " characters");
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

  static Stream<Arguments> notJson() {
    return Stream.of(
        Arguments.of("{\"id\":\"c\",\"op\":", "unexpected end of input at column 16"),
        Arguments.of("[1, 2", "unexpected end of input at column 6"),
        Arguments.of(ON + ",\"value\":NaN}", "NaN and Infinity are not JSON numbers at column 32"),
        Arguments.of(ON + ",\"value\":-Infinity}", "NaN and Infinity are not JSON numbers at column 38"),
        Arguments.of(ON + " /* lamp */}", "comments are not JSON at column 21"),
        Arguments.of(ON + ",\"value\":+1}", "unexpected character ('+') in numeric value: JSON spec does not allow numbers to have plus signs at column 30"),
        Arguments.of(ON + "}}", "content after the object at column 22"));
  }

  @ParameterizedTest
  @MethodSource("notJson")
  void whyAPayloadIsNotJsonIsSaidInPlainWordsWithWhereTheParserStopped(String payload, String detail) {
    assertThat(refusal(parse(payload))).isEqualTo("payload is not JSON: " + detail);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"id\":\"c\",\"op\":", "[1, 2", "{\"v\":NaN}", "{\"v\":Infinity}", "{/*c*/}",
      "{} //", "{\"a\":+1}", "{\"a\":01}", "{\"a\":'x'}", "{a:1}", "{\"a\":1,}", "{\"a\":1e}", "{\"a\":tru}"})
  void noRefusalQuotesTheJsonLibrary(String payload) {
    assertThat(refusal(parse(payload))).startsWith("payload is not JSON: ")
        .doesNotContain("`", "[Source", "REDACTED", "Feature", "StreamRead", "JsonRead", "enable", "\n");
  }

  @Test
  void aDurationWithAnExponentIsRefusedSayingHowToWriteIt() {
    assertThat(refusal(parse("{\"id\":\"c\",\"op\":\"pulse\",\"value\":1,\"duration_ms\":1e3}")))
        .startsWith("field 'duration_ms' must be a whole number of milliseconds, 0 or more")
        .contains("without a fraction or exponent (1000, not 1e3 or 1000.0)");
  }

  static Stream<Arguments> uncleanCorrelations() {
    return Stream.of(
        Arguments.of("\\ud800", "a high surrogate alone"),
        Arguments.of("a\\udc00b", "a low surrogate alone"),
        Arguments.of("\\udc00\\ud800", "a pair in the wrong order"),
        Arguments.of("p\\u0000", "NUL"),
        Arguments.of("p\\u001f", "a control character"),
        Arguments.of("p\\u007f", "DEL"),
        Arguments.of("line\\nbreak", "a line break"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("uncleanCorrelations")
  void aCorrelationThatIsNotCleanTextIsNotEchoedTheValidIdIs(String escaped, String what) throws Exception {
    CommandCodec.Parsed valid = parse("{\"id\":\"u3\",\"op\":\"on\",\"correlation\":\"" + escaped + "\"}");
    assertThat(((CommandCodec.Valid) valid).command().correlationId()).isEqualTo("u3");

    CommandCodec.Parsed refused = parse("{\"id\":\"u3\",\"op\":\"blink\",\"correlation\":\"" + escaped + "\"}");
    CommandResult r = ((CommandCodec.Invalid) refused).result();
    assertThat(r.correlationId()).isEqualTo("u3");
    // the answer is JSON a strict reader takes back
    var strict = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(strict.readTree(codec.encode(r)).get("correlation").asText()).isEqualTo("u3");
  }

  @Test
  void aSurrogatePairAndOtherTextAreEchoedAsSent() {
    String corr = "panel-7 \u00e9 \ud83d\ude00"; // é and an emoji (a surrogate pair)
    CommandCodec.Parsed p = parse("{\"id\":\"u4\",\"op\":\"on\",\"correlation\":\"panel-7 \\u00e9 \\ud83d\\ude00\"}");
    assertThat(((CommandCodec.Valid) p).command().correlationId()).isEqualTo(corr);
  }

  @Test
  void anInvalidIdIsNeverEchoedNotEvenAsTheCorrelation() {
    CommandResult nul = ((CommandCodec.Invalid) parse("{\"id\":\"u5\\u0000\",\"op\":\"on\"}")).result();
    assertThat(nul.commandId()).isEmpty();
    assertThat(nul.correlationId()).isEmpty();
    assertThat(nul.detail()).startsWith("field 'id' must be 1..64 characters");

    CommandResult spaces = ((CommandCodec.Invalid) parse("{\"id\":\"not an id\",\"op\":\"on\","
        + "\"correlation\":\"\\ud800\"}")).result();
    assertThat(spaces.correlationId()).as("an unclean correlation falls back to nothing").isEmpty();
    CommandResult kept = ((CommandCodec.Invalid) parse("{\"id\":\"not an id\",\"op\":\"on\","
        + "\"correlation\":\"panel-7\"}")).result();
    assertThat(kept.correlationId()).as("a clean correlation is still echoed").isEqualTo("panel-7");
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedAsNotJson() {
    byte[] lone = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xc3, '"', '}'};
    byte[] stray = {'{', '"', 'x', '"', ':', '[', '"', (byte) 0x80, '"', ']', '}'};

    assertThat(refusal(parse(lone))).startsWith("payload is not JSON: invalid UTF-8");
    assertThat(refusal(parse(stray))).startsWith("payload is not JSON: invalid UTF-8");
  }

  @Test
  void aCorrelationThatIsNotAStringIsRefusedNamingTheField() {
    assertThat(refusal(parse("{\"id\":\"c-13\",\"op\":\"off\",\"correlation\":5}")))
        .isEqualTo("field 'correlation' must be a string, was number");
    assertThat(refusal(parse("{\"id\":\"c-13\",\"op\":\"off\",\"correlation\":null}")))
        .isEqualTo("field 'correlation' must be a string, was null");
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedEvenWhereTheParserWouldTakeThem() {
    byte[] encodedSurrogate = {'{', '"', 'i', 'd', '"', ':', '"', 'c', '"', ',', '"', 'o', 'p', '"',
        ':', '"', 'o', 'f', 'f', '"', ',', '"', 'c', 'o', 'r', 'r', 'e', 'l', 'a', 't', 'i', 'o',
        'n', '"', ':', '"', 'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b', '"', '}'};
    assertThat(refusal(parse(encodedSurrogate)))
        .isEqualTo("payload is not JSON: invalid UTF-8 at byte 38");
  }

  @Test
  void anythingAfterTheObjectIsNamedSoEvenWhenItIsNoJsonToken() {
    assertThat(refusal(parse(ON + "} x"))).startsWith("payload is not JSON: content after the object");
  }

  @Test
  void theParsersOwnVocabularyIsNotRepeated() {
    String quotes = refusal(parse("{'id':'c-17','op':'on'}"));
    assertThat(quotes).contains("a field name must be in double quotes").doesNotContain("(code");
    String tab = refusal(parse("{\"id\":\"c-1\",\"op\":\"on\",\"correlation\":\"a\tb\"}"));
    assertThat(tab).contains("(a control character)").doesNotContain("CTRL-CHAR", "(code");
    assertThat(refusal(parse(ON + "} garbage"))).doesNotContain("token 'null'");
  }

  @Test
  void aCorrelationWithAC1ControlOrALineSeparatorIsNotEchoed() {
    for (String unclean : new String[] {"a\\u0085b", "a\\u2028b", "a\\u2029b", "a\\u009Fb"}) {
      CommandCodec.Parsed p = parse("{\"id\":\"c-1\",\"op\":\"on\",\"correlation\":\"" + unclean + "\"}");
      assertThat(p).as(unclean).isInstanceOf(CommandCodec.Valid.class);
      assertThat(((CommandCodec.Valid) p).command().correlationId()).as(unclean).isEqualTo("c-1");
    }
  }
}
