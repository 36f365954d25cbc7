package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsAndSizesTest {

  @ParameterizedTest
  @CsvSource({"250ms, PT0.25S", "5s, PT5S", "2m, PT2M", "1h, PT1H", "7d, PT168H", "0s, PT0S"})
  void parsesDurationsWithOneUnit(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "5 s", "1.5s", "5sec", "-5s", "", "1h30m", "PT5S"})
  void rejectsOtherDurationTextNamingTheAllowedForm(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is not a duration; use a whole number with a unit ms, s, m, h "
            + "or d, e.g. 250ms, 5s, 2m, 1h, 7d");
  }

  @ParameterizedTest
  @CsvSource({"PT0.25S, 250ms", "PT90S, 90s", "PT2M, 2m", "PT168H, 7d"})
  void formatsDurationsBackToTheShortestText(Duration duration, String text) {
    assertThat(Durations.format(duration)).isEqualTo(text);
    assertThat(Durations.parse(text)).isEqualTo(duration);
  }

  @ParameterizedTest
  @CsvSource({"64KB, 65536", "512MB, 536870912", "2GB, 2147483648", "100, 100", "10B, 10",
      "1kb, 1024", "1MiB, 1048576"})
  void parsesSizesInBinaryUnits(String text, long bytes) {
    assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"512 megs", "1TB", "-1MB", "1.5GB", "MB", ""})
  void rejectsOtherSizeText(String text) {
    assertThatThrownBy(() -> ByteSizes.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + text + "' is not a size; use a whole number with a unit");
  }

  @ParameterizedTest
  @CsvSource({"60/min, 60, PT1M", "5/s, 5, PT1S", "1000/h, 1000, PT1H"})
  void parsesRateLimits(String text, int requests, Duration per) {
    assertThat(RateLimit.parse(text)).isEqualTo(new RateLimit(requests, per));
  }
}
