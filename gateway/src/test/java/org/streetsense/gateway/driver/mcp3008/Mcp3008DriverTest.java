package org.streetsense.gateway.driver.mcp3008;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streetsense.gateway.driver.testing.DriverHarness.value;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.testing.DriverHarness;
import org.streetsense.gateway.hardware.simulated.chips.Mcp3008Chip;

class Mcp3008DriverTest {

  private final DriverHarness h = new DriverHarness();

  @Test
  void readsCountsPerChannel() throws Exception {
    h.backend().attachSpi(0, new Mcp3008Chip(3.3)
        .input(0, () -> 1.65).input(5, () -> 3.3).input(7, () -> 0.0));
    Map<String, Object> o = Map.of("channels", List.of(
        Map.of("name", "half", "channel", 0),
        Map.of("name", "full", "channel", 5),
        Map.of("name", "zero", "channel", 7)));
    Mcp3008Driver d = new Mcp3008Driver(new DeviceOptions("adc", o));
    d.open(h.context("adc", o));
    List<ChannelValue> v = h.sample(d);
    assertThat(value(v, "half").raw()).isEqualTo(512);
    assertThat(value(v, "full").raw()).isEqualTo(1023);
    assertThat(value(v, "zero").raw()).isZero();
  }

  @Test
  void chipAnswersTheDatasheetFrame() throws Exception {
    Mcp3008Chip chip = new Mcp3008Chip(3.3).input(2, () -> 2.0);
    byte[] rx = chip.transfer(new byte[] {0x01, (byte) (0x80 | 2 << 4), 0});
    // floor(1024 * 2.0 / 3.3) = 620 = 0b10_0110_1100
    assertThat(rx[1] & 0x04).as("null bit").isZero();
    assertThat(((rx[1] & 3) << 8) | (rx[2] & 0xFF)).isEqualTo(620);
  }

  @Test
  void chipFindsStartBitAnywhereInTheStream() throws Exception {
    Mcp3008Chip chip = new Mcp3008Chip(3.3).input(1, () -> 1.0);
    // start bit as the MSB of byte 0 (the "5-bit" framing some libraries use)
    byte[] rx = chip.transfer(new byte[] {(byte) 0b1_1_001_000, 0, 0});
    int code = ((rx[0] & 0x01) << 9) | ((rx[1] & 0xFF) << 1) | ((rx[2] & 0xFF) >> 7);
    assertThat(code).isEqualTo((int) Math.floor(1024 * 1.0 / 3.3));
  }
}
