package org.streetsense.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UplinkStatusTest {

  private static UplinkStatus withUrl(String url) {
    return new UplinkStatus(true, url, 0, 0, Duration.ZERO, Map.of("expired", 2L,
        "spool_full", 3L), 0, false, 0);
  }

  @Test
  void removesCredentialsFromTheBrokerUrl() {
    assertThat(withUrl("ssl://user:p%40ss@mqtt.example:8883").brokerUrl())
        .isEqualTo("ssl://mqtt.example:8883");
    assertThat(withUrl("tcp://user:p@ss@mqtt.example:1883").brokerUrl())
        .isEqualTo("tcp://mqtt.example:1883");
    assertThat(withUrl("tcp://mqtt.example:1883").brokerUrl())
        .isEqualTo("tcp://mqtt.example:1883");
  }

  @Test
  void sumsDrops() {
    assertThat(withUrl("tcp://m:1").totalDrops()).isEqualTo(5);
  }
}
