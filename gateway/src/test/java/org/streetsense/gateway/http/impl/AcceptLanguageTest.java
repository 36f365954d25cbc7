package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptLanguageTest {

  private static final List<String> SK_EN = List.of("sk", "en");

  @Test
  void qualityZeroMeansNotAcceptable() {
    assertThat(AcceptLanguage.choose("sk;q=0, en", SK_EN)).isEqualTo("en");
    assertThat(AcceptLanguage.choose("sk;q=0", SK_EN)).isEqualTo("en");
    assertThat(AcceptLanguage.choose("*, sk;q=0", SK_EN)).isEqualTo("en");
    assertThat(AcceptLanguage.choose("sk;q=0.000, en;q=0.1", SK_EN)).isEqualTo("en");
  }

  @Test
  void higherQualityWinsWhateverTheOrder() {
    assertThat(AcceptLanguage.choose("sk;q=0.5, en;q=0.9", SK_EN)).isEqualTo("en");
    assertThat(AcceptLanguage.choose("en;q=0.4, sk", SK_EN)).isEqualTo("sk");
    assertThat(AcceptLanguage.choose("en, sk", SK_EN)).as("equal q: header order")
        .isEqualTo("en");
  }

  @Test
  void regionsMatchTheirLanguage() {
    assertThat(AcceptLanguage.choose("en-GB,en;q=0.9,sk;q=0.5", SK_EN)).isEqualTo("en");
    assertThat(AcceptLanguage.choose("en-GB", SK_EN)).isEqualTo("en");
    assertThat(AcceptLanguage.choose("sk", List.of("en", "sk-SK"))).isEqualTo("sk-SK");
  }

  @Test
  void fallsBackToTheFirstListedLanguage() {
    assertThat(AcceptLanguage.choose(null, SK_EN)).isEqualTo("sk");
    assertThat(AcceptLanguage.choose("de-AT,de;q=0.9", SK_EN)).isEqualTo("sk");
    assertThat(AcceptLanguage.choose("*;q=0", SK_EN)).isEqualTo("sk");
  }

  @Test
  void malformedRangesAreSkipped() {
    assertThat(AcceptLanguage.choose("sk;q=2, en;q=abc, ;;, en-", SK_EN)).isEqualTo("sk");
    assertThat(AcceptLanguage.choose("x".repeat(5000) + ", en", SK_EN)).isEqualTo("en");
    assertThat(AcceptLanguage.choose("de,".repeat(1000) + "en", SK_EN))
        .as("only the first ranges are read").isEqualTo("sk");
  }
}
