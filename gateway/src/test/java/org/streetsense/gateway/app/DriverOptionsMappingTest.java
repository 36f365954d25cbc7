package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.streetsense.gateway.driver.testing.DriverHarness.value;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DriverRegistry;
import org.streetsense.gateway.driver.SampledDriver;
import org.streetsense.gateway.driver.testing.DriverHarness;
import org.streetsense.gateway.hardware.simulated.chips.Ads1115Chip;
import org.streetsense.gateway.pipeline.Quality;

/** The file's options reach the drivers through the descriptors, under the drivers' keys. */
class DriverOptionsMappingTest {

  private static Installation load(String devices) throws Exception {
    String yaml = """
        installation: mapping
        site: Bench
        hardware: {backend: simulated}
        devices:
        %s
        uplink: {mqtt: {url: "tcp://localhost:1883"}}
        """.formatted(devices);
    return InstallationLoader.load("mapping.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theFilesOptionsBecomeTheDriversKeysWithDurationsInMillisecondsAndDefaultsFilledIn()
      throws Exception {
    DeviceSpec button = load("  - {id: start, driver: button, pin: 5, "
        + "options: {debounce: 50ms, stuckAfter: 2m}}").device("start").orElseThrow();

    DeviceOptions o = DriverOptionsMapping.options(button);

    assertThat(o.intValue("debounce_ms")).isEqualTo(50);
    assertThat(o.intValue("stuck_after_ms")).isEqualTo(120_000);
    assertThat(o.intValue("hold_ms")).as("the descriptor's default").isEqualTo(800);
    assertThat(o.booleanValue("active_low", false)).as("the descriptor's default").isTrue();
    assertThat(o.stringValue("pull", "")).isEqualTo("up");
    assertThat(o.intValue("pin")).isEqualTo(5);
    assertThat(o.stringValue("channel", "")).isEqualTo("pressed");
  }

  @Test
  void touchElectrodesGetTheirCountAndTheirOwnThresholds() throws Exception {
    DeviceSpec wall = load("""
          - id: wall
            driver: mpr121
            address: 0x5B
            options: {touchThreshold: 20, releaseThreshold: 10, irqPin: 4}
            channels:
              left: {index: 0}
              right: {index: 5, touch: {threshold: 30, release: 15}}
        """).device("wall").orElseThrow();

    DeviceOptions o = DriverOptionsMapping.options(wall);

    assertThat(o.intValue("electrodes")).isEqualTo(6);
    assertThat(o.intValue("touch_threshold")).isEqualTo(20);
    assertThat(o.intValue("release_threshold")).isEqualTo(10);
    assertThat(o.intValue("touch_threshold_5")).isEqualTo(30);
    assertThat(o.intValue("release_threshold_5")).isEqualTo(15);
    assertThat(o.intValue("irq_pin")).isEqualTo(4);
    assertThat(o.intValue("address")).isEqualTo(0x5B);
    assertThat(DriverOptionsMapping.driverChannel(wall.driver(), wall.channel("right")
        .orElseThrow())).isEqualTo("electrode5");
  }

  @Test
  void anAdcsFullScaleFromTheFileDecidesWhetherAThreeVoltInputSaturates() throws Exception {
    List<ChannelValue> narrow = sample3V3("");
    List<ChannelValue> wide = sample3V3(", options: {fullScale: 4.096, dataRate: 860}");

    assertThat(value(narrow, "knob").quality()).as("3.3 V beyond the default 2.048 V range")
        .isEqualTo(Quality.SUSPECT);
    assertThat(value(wide, "knob").quality()).isEqualTo(Quality.GOOD);
    assertThat(value(wide, "knob").raw()).isCloseTo(3.3, within(1e-3));
  }

  private static List<ChannelValue> sample3V3(String options) throws Exception {
    DeviceSpec adc = load("  - {id: adc, driver: ads1115, address: 0x49, "
        + "channels: {knob: {index: 1}}" + options + "}").device("adc").orElseThrow();
    DeviceOptions o = DriverOptionsMapping.options(adc);
    DriverHarness h = new DriverHarness();
    h.backend().attach(1, 0x49, new Ads1115Chip(h.scheduler()).input(1, () -> 3.3));
    SampledDriver driver = (SampledDriver) DriverRegistry.create("ads1115", o);
    driver.open(h.context("adc", Map.copyOf(optionsMap(o))));
    return h.sample(driver);
  }

  private static Map<String, Object> optionsMap(DeviceOptions o) {
    Map<String, Object> out = new java.util.HashMap<>();
    for (String key : List.of("bus", "address", "channels", "full_scale", "data_rate")) {
      o.raw(key).ifPresent(v -> out.put(key, v));
    }
    return out;
  }
}
