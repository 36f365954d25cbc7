package org.streetsense.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpSurfaceOptionsTest {

  @Test
  void requiresAToken() {
    assertThatThrownBy(() -> HttpSurfaceOptions.builder().build())
        .isInstanceOf(NullPointerException.class).hasMessageContaining("token");
  }

  @Test
  void validatesWithNamedMessages() {
    HttpSurfaceOptions.Builder b = HttpSurfaceOptions.builder();
    assertThatThrownBy(() -> b.port(70000)).hasMessageContaining("port");
    assertThatThrownBy(() -> b.sessionTtl(Duration.ZERO)).hasMessageContaining("sessionTtl");
    assertThatThrownBy(() -> b.historyMaxPoints(0)).hasMessageContaining("historyMaxPoints");
    assertThatThrownBy(() -> new RateLimitOptions(0, 1)).hasMessageContaining("burst");
    assertThatThrownBy(() -> new RateLimitOptions(1, 0)).hasMessageContaining("perSecond");
    assertThatThrownBy(() -> new LoginThrottleOptions(3, Duration.ofSeconds(10),
        Duration.ofSeconds(1))).hasMessageContaining("maxLockout");
    assertThatThrownBy(() -> new HealthThresholds(1.5, true, true))
        .hasMessageContaining("spoolFillLimit");
  }

  @Test
  void hasDocumentedDefaults() {
    HttpSurfaceOptions o = HttpSurfaceOptions.builder()
        .token(TokenSources.of("0123456789abcdef".toCharArray())).build();
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.metricsAccess()).isEqualTo(MetricsAccess.LOCALHOST_OR_TOKEN);
    assertThat(o.loginThrottle()).isEqualTo(LoginThrottleOptions.DEFAULT);
    assertThat(o.publicRateLimit()).isEqualTo(RateLimitOptions.DEFAULT);
    assertThat(o.observationAddress()).isEqualTo("streetsense.observations");
  }
}
