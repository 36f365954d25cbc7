package org.streetsense.gateway.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelOptionsReaderTest {

  @Test
  void readsEveryOption() {
    ChannelOptions o = ChannelOptionsReader.read("env", "temperature", Map.of(
        "unit", "degC", "scale", 1.0, "offset", -0.4, "range", List.of(-40, 85),
        "stuck_samples", 30, "smoothing", Map.of("ema_alpha", 0.3), "deadband", 0.1,
        "max_silence_ms", 300000, "aggregate_window_ms", 60000));
    assertThat(o.unit()).contains("degC");
    assertThat(o.calibration()).isEqualTo(new Calibration(1.0, -0.4));
    assertThat(o.range()).contains(new ValueRange(-40, 85));
    assertThat(o.stuckSamples()).contains(30);
    assertThat(o.smoothing()).contains(SmoothingOptions.ema(0.3));
    assertThat(o.report()).isEqualTo(ReportOptions.deadband(0.1, Duration.ofMinutes(5)));
    assertThat(o.aggregate()).contains(new AggregateOptions(Duration.ofMinutes(1)));
  }

  @Test
  void readsInteractionSemantics() {
    ChannelOptions touch = ChannelOptionsReader.read("t", "electrode3",
        Map.of("publish", false, "touch", Map.of("enter_at", 0.5, "leave_at", 0.5)));
    assertThat(touch.report().publish()).isFalse();
    assertThat(touch.touch()).contains(HysteresisOptions.touch(0.5, 0.5));
    ChannelOptions pass = ChannelOptionsReader.read("pir", "motion",
        Map.of("passers_by", Map.of("window_ms", 60000, "enter_at", 1, "leave_at", 0)));
    assertThat(pass.passersBy().orElseThrow().window()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void namesDeviceChannelAndKeyInErrors() {
    assertThatThrownBy(() -> ChannelOptionsReader.read("env", "temperature",
        Map.of("deadbnd", 0.1)))
        .hasMessageStartingWith("device 'env' channel 'temperature' option 'deadbnd'");
    assertThatThrownBy(() -> ChannelOptionsReader.read("env", "temperature",
        Map.of("range", List.of(85, -40))))
        .hasMessageStartingWith("device 'env' channel 'temperature'").hasMessageContaining("range");
    assertThatThrownBy(() -> ChannelOptionsReader.read("env", "t", Map.of("smoothing", Map.of())))
        .hasMessageContaining("ema_alpha");
  }
}
