package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpoolReplayRateTest {

  private static final String DEVICES = "devices: [{id: button-1, driver: button, pin: 17}]";

  @Test
  void defaultsToAThousandPerSecond() throws Exception {
    assertThat(InstallationTexts.load(DEVICES).spool().replayPerSecond()).isEqualTo(1000.0);
  }

  @Test
  void readsARateInAnyPeriod() throws Exception {
    assertThat(InstallationTexts.load(DEVICES, "spool: {replayRate: 300/min}").spool().replayPerSecond())
        .isEqualTo(5.0);
  }

  @Test
  void namesTheFieldAndTheAcceptedFormOfABadRate() {
    assertThat(InstallationTexts.errors(DEVICES, "spool: {replayRate: fast}"))
        .extracting(ConfigError::message)
        .singleElement().asString()
        .contains("'fast' is not a rate limit").contains("60/min");
    assertThat(InstallationTexts.errors(DEVICES, "spool: {replayRate: fast}"))
        .extracting(ConfigError::path).containsExactly("spool.replayRate");
  }
}
