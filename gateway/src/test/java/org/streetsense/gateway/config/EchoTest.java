package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoTest {

  @Test
  void controlAndFormatCharactersAreShownEscaped() {
    assertThat(Echo.line("a\nb\rc\td\u001be\u2028f\u202eg"))
        .isEqualTo("a\\nb\\rc\\td\\u001be\\u2028f\\u202eg");
  }

  @Test
  void aLongQuotedValueIsCutWithItsLengthAndTheRestOfTheMessageKept() {
    String message = "'" + "x".repeat(5000) + "' is not a valid id; use lowercase letters";

    String shown = Echo.message(message);

    assertThat(shown).startsWith("'" + "x".repeat(40) + "...' (5000 characters)")
        .endsWith("is not a valid id; use lowercase letters").hasSizeLessThan(200);
  }

  @Test
  void theProseBetweenTwoShortQuotedIdsIsKeptWhole() {
    String message = "universes 'u' and 'u2' both send artnet universe 1 to one receiver, so their "
        + "frames would alternate there; give one of them another universe number or a fixture's 'x'";

    assertThat(Echo.message(message)).isEqualTo(message);
  }

  @Test
  void aLongMessageIsCut() {
    assertThat(Echo.line("y".repeat(50_000))).hasSizeLessThan(Echo.MAX_CHARS + 60)
        .endsWith("(50000 characters in all)");
  }

  @Test
  void configErrorsAreAlwaysOnePrintableLine() {
    ConfigError e = new ConfigError("a\nb.yaml", 1, 2, "x\ny", "'bad\nb.yaml: valid' is wrong");

    assertThat(e.format()).doesNotContain("\n")
        .isEqualTo("a\\nb.yaml:1:2: x\\ny: 'bad\\nb.yaml: valid' is wrong");
  }

  @Test
  void topicPrefixesAreCheckedWithoutRecursionWhateverTheirLength() {
    assertThat(MqttSettings.topicPrefixProblem("city/ba/streetsense")).isNull();
    assertThat(MqttSettings.topicPrefixProblem("a/".repeat(100_000) + "a")).contains("256 bytes");
    assertThat(MqttSettings.topicPrefixProblem("a/".repeat(16) + "a")).contains("17 levels");
    assertThat(MqttSettings.topicPrefixProblem("a//b")).contains("is not a topic prefix");
    assertThat(MqttSettings.topicPrefixProblem("/a")).contains("is not a topic prefix");
    assertThat(MqttSettings.topicPrefixProblem("a/+")).contains("is not a topic prefix");
    assertThat(MqttSettings.topicPrefixProblem("$SYS/a")).contains("is not a topic prefix");
    assertThat(MqttSettings.topicPrefixProblem("a\u0000b")).contains("is not a topic prefix");
  }
}
