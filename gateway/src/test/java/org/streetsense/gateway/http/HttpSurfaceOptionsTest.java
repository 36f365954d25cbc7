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
    assertThatThrownBy(() -> b.maxConnections(0)).hasMessageContaining("maxConnections");
    assertThatThrownBy(() -> b.maxConnectionsPerAddress(0))
        .hasMessageContaining("maxConnectionsPerAddress");
    assertThatThrownBy(() -> b.idleTimeout(Duration.ofMillis(1500)))
        .hasMessageContaining("idleTimeout");
    assertThatThrownBy(() -> b.requestTimeout(Duration.ZERO)).hasMessageContaining("requestTimeout");
  }

  @Test
  void aRateLimitPerPeriodIsABurstRefilledEvenly() {
    RateLimitOptions perMinute = RateLimitOptions.per(60, Duration.ofMinutes(1));
    assertThat(perMinute.burst()).isEqualTo(60);
    assertThat(perMinute.perSecond()).isEqualTo(1.0);
    assertThat(RateLimitOptions.per(5, Duration.ofSeconds(1)).perSecond()).isEqualTo(5.0);
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
    assertThat(o.maxConnections()).isEqualTo(256);
    assertThat(o.maxConnectionsPerAddress()).isEqualTo(32);
    assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
  }
}
