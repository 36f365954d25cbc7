package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class WholeNumbersTest {

  private static final String DEVICES = "devices: [{id: button-1, driver: button, pin: 17}]";

  @Test
  void aWholeNumberBeyondSixtyFourBitsIsToldAsOutOfRangeNotAsNoWholeNumber() {
    assertThat(InstallationTexts.errors(DEVICES, "http: {port: 99999999999999999999}"))
        .extracting(ConfigError::path, ConfigError::message)
        .containsExactly(tuple("http.port",
            "99999999999999999999 is not a TCP port; allowed 1..65535"));
  }

  @Test
  void aWholeNumberJustBeyondTheRangeIsToldTheSameWay() {
    assertThat(InstallationTexts.errors(DEVICES, "http: {port: 65536}"))
        .extracting(ConfigError::message)
        .containsExactly("65536 is not a TCP port; allowed 1..65535");
  }
}
