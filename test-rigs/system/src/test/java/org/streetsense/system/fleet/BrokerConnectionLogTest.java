package org.streetsense.system.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerConnectionLogTest {

  private static final String LOG = """
      2026-11-27T17:31:58: mosquitto version 2.0.11 starting
      2026-11-27T17:31:59: New connection from 127.0.0.1:40000 on port 43005.
      2026-11-27T17:31:59: New client connected from 127.0.0.1:40000 as fleet-000 (p2, c1, k30).
      2026-11-27T17:32:43: mosquitto version 2.0.11 terminating
      2026-11-27T17:32:49: mosquitto version 2.0.11 starting
      2026-11-27T17:32:49: Opening ipv4 listen socket on port 43005.
      2026-11-27T17:32:49: New connection from 127.0.0.1:47658 on port 43005.
      2026-11-27T17:32:49: New client connected from 127.0.0.1:47658 as fleet-064 (p2, c1, k30).
      2026-11-27T17:32:49: New connection from 127.0.0.1:47660 on port 43005.
      2026-11-27T17:32:49: New client connected from 127.0.0.1:47660 as backend-ingest (p2, c0, k60).
      2026-11-27T17:32:52: New connection from 127.0.0.1:47700 on port 43005.
      2026-11-27T17:32:52: New client connected from 127.0.0.1:47700 as fleet-007 (p2, c1, k30).
      2026-11-27T17:33:11: mosquitto version 2.0.11 terminating
      """;

  @Test
  void countsAttemptsAndFleetConnectsPerSecondSinceTheLastStart() {
    BrokerConnectionLog log = BrokerConnectionLog.sinceLastStart(LOG, "fleet-");

    assertThat(log.totalAttempts()).isEqualTo(3);
    assertThat(log.peakAttemptsPerSecond()).isEqualTo(2);
    assertThat(log.totalConnects()).isEqualTo(2);
    assertThat(log.peakConnectsPerSecond()).isEqualTo(1);
    assertThat(log.connectSpreadSeconds()).isEqualTo(4);
    assertThat(log.histogram()).isEqualTo("+0s:1 +3s:1");
  }

  @Test
  void refusesALogWithoutAStartLine() {
    assertThatThrownBy(() -> BrokerConnectionLog.sinceLastStart("nothing here\n", "fleet-"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starting");
  }
}
