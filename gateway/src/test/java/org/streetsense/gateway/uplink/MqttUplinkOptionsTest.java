package org.streetsense.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MqttUplinkOptionsTest {

  private MqttUplinkOptions.Builder valid() {
    return MqttUplinkOptions.builder().serverUri("tcp://127.0.0.1:1883").clientId("gw-1");
  }

  @Test
  void hasDocumentedDefaults() {
    MqttUplinkOptions o = valid().build();
    assertThat(o.keepAlive()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.reconnectMinDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.maxInflight()).isEqualTo(1000);
    assertThat(o.maxUnwritten()).isEqualTo(16);
    assertThat(o.username()).isEmpty();
    assertThat(o.tls()).isEmpty();
  }

  @Test
  void namesTheOptionThatIsWrong() {
    assertThatThrownBy(() -> valid().serverUri("http://x:1")).hasMessageContaining("serverUri");
    assertThatThrownBy(() -> valid().serverUri("tcp://host")).hasMessageContaining("port");
    assertThatThrownBy(() -> valid().clientId("")).hasMessageContaining("clientId");
    assertThatThrownBy(() -> valid().keepAlive(Duration.ofMillis(1500)))
        .hasMessageContaining("keepAlive must be whole seconds");
    assertThatThrownBy(() -> valid().connectTimeout(Duration.ZERO))
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> valid().reconnectMinDelay(Duration.ofMillis(-1)))
        .hasMessageContaining("reconnectMinDelay must be positive");
    assertThatThrownBy(() -> valid().maxInflight(0)).hasMessageContaining("maxInflight");
    assertThatThrownBy(() -> valid().maxUnwritten(0))
        .hasMessageContaining("maxUnwritten must be 1 to 65535, was 0");
    assertThatThrownBy(() -> valid().reconnectMinDelay(Duration.ofSeconds(10))
        .reconnectMaxDelay(Duration.ofSeconds(5)).build())
        .hasMessageContaining("reconnectMaxDelay (PT5S) must be >= reconnectMinDelay (PT10S)");
    assertThatThrownBy(() -> MqttUplinkOptions.builder().clientId("x").build())
        .hasMessageContaining("serverUri is required");
    assertThatThrownBy(() -> valid().password("p".toCharArray()).build())
        .hasMessageContaining("password is set but username is not");
    assertThatThrownBy(() -> valid().tls(TlsOptions.trusting(Path.of("ca.crt"))).build())
        .hasMessageContaining("tls is set but serverUri");
  }

  @Test
  void neverShowsThePasswordInItsDescription() {
    MqttUplinkOptions o = valid().username("gw").password("hunter2".toCharArray()).build();
    assertThat(o.toString()).doesNotContain("hunter2").contains("***");
    assertThat(new String(o.password().orElseThrow().get())).isEqualTo("hunter2");
  }
}
