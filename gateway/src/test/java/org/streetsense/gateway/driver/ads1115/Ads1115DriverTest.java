package org.streetsense.gateway.driver.ads1115;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.streetsense.gateway.driver.testing.DriverHarness.value;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.SampleStep;
import org.streetsense.gateway.driver.testing.DriverHarness;
import org.streetsense.gateway.hardware.simulated.chips.Ads1115Chip;
import org.streetsense.gateway.pipeline.Quality;

class Ads1115DriverTest {

  private final DriverHarness h = new DriverHarness();

  private static Map<String, Object> channels(Object... maps) {
    return Map.of("channels", List.of(maps));
  }

  @Test
  void readsVoltagesAtEachPgaRange() throws Exception {
    Ads1115Chip chip = new Ads1115Chip(h.scheduler())
        .input(0, () -> 1.0).input(1, () -> 3.3).input(2, () -> 0.2);
    h.backend().attach(1, 0x48, chip);
    Map<String, Object> o = channels(
        Map.of("name", "sound_envelope", "input", "ain0", "full_scale", 2.048),
        Map.of("name", "knob", "input", "ain1", "full_scale", 4.096, "data_rate", 860),
        Map.of("name", "light", "input", "ain2", "full_scale", 0.256, "data_rate", 8));
    Ads1115Driver d = new Ads1115Driver(new DeviceOptions("adc", o));
    d.open(h.context("adc", o));
    List<ChannelValue> v = h.sample(d);
    // 1.0 V at +-2.048 V: code round(1.0/2.048*32768) = 16000 -> 16000 * 2.048 / 32768 = 1.0 V
    assertThat(value(v, "sound_envelope").raw()).isCloseTo(1.0, within(1e-9));
    // 3.3 V at +-4.096 V: code 26400 -> 3.3 V
    assertThat(value(v, "knob").raw()).isCloseTo(3.3, within(1e-9));
    // 0.2 V at +-0.256 V: code 25600 -> 0.2 V
    assertThat(value(v, "light").raw()).isCloseTo(0.2, within(1e-9));
    assertThat(v).allMatch(x -> x.quality() == Quality.GOOD);
  }

  @Test
  void waitsForOsBitAccordingToDataRate() throws Exception {
    h.backend().attach(1, 0x48, new Ads1115Chip(h.scheduler()).input(0, () -> 0.5));
    Map<String, Object> o = channels(Map.of("name", "a", "data_rate", 8));
    Ads1115Driver d = new Ads1115Driver(new DeviceOptions("adc", o));
    d.open(h.context("adc", o));
    SampleStep first = d.start();
    assertThat(((SampleStep.Pending) first).delay()).isEqualTo(Duration.ofMillis(137_500)
        .dividedBy(1000));
    h.scheduler().advance(Duration.ofMillis(100));
    assertThat(d.collect()).as("8 SPS conversion takes 125 ms").isInstanceOf(SampleStep.Pending.class);
    h.scheduler().advance(Duration.ofMillis(30));
    assertThat(d.collect()).isInstanceOf(SampleStep.Ready.class);
  }

  @Test
  void flagsInputBeyondFullScaleAsSuspect() throws Exception {
    h.backend().attach(1, 0x49, new Ads1115Chip(h.scheduler()).input(0, () -> 3.0));
    Map<String, Object> o = Map.of("address", 0x49);
    Ads1115Driver d = new Ads1115Driver(new DeviceOptions("adc", o));
    d.open(h.context("adc", o));
    ChannelValue v = h.sample(d).get(0);
    assertThat(v.channel()).isEqualTo("ain0");
    assertThat(v.quality()).isEqualTo(Quality.SUSPECT);
    assertThat(v.raw()).isCloseTo(2.048, within(1e-3));
  }

  @Test
  void readsDifferentialPairWithNegativeResult() throws Exception {
    h.backend().attach(1, 0x48,
        new Ads1115Chip(h.scheduler()).input(0, () -> 1.0).input(1, () -> 1.5));
    Map<String, Object> o = channels(Map.of("name", "diff", "input", "ain0-ain1"));
    Ads1115Driver d = new Ads1115Driver(new DeviceOptions("adc", o));
    d.open(h.context("adc", o));
    assertThat(h.sample(d).get(0).raw()).isCloseTo(-0.5, within(1e-4));
  }

  @Test
  void railedAndStuckChipFaultsReachTheDriver() throws Exception {
    double[] v = {1.0};
    Ads1115Chip chip = new Ads1115Chip(h.scheduler()).input(0, () -> v[0]);
    h.backend().attach(1, 0x48, chip);
    Ads1115Driver d = new Ads1115Driver(new DeviceOptions("adc", Map.of()));
    d.open(h.context("adc", Map.of()));
    chip.faults().railed(true);
    assertThat(h.sample(d).get(0).quality()).isEqualTo(Quality.SUSPECT);
    chip.faults().railed(false);
    assertThat(h.sample(d).get(0).raw()).isCloseTo(1.0, within(1e-3));
    chip.faults().stuck(true);
    v[0] = 0.5;
    assertThat(h.sample(d).get(0).raw()).isCloseTo(1.0, within(1e-3));
  }

  @Test
  void chipStartsWithDefaultConfig() {
    assertThat(new Ads1115Chip(h.scheduler()).config()).isEqualTo(0x0583);
  }

  @Test
  void rejectsUnknownInputWithNamedKey() {
    assertThatThrownBy(() -> new Ads1115Driver(new DeviceOptions("adc",
        channels(Map.of("name", "x", "input", "ain7")))))
        .hasMessageContaining("channels[0].input").hasMessageContaining("ain7");
    assertThatThrownBy(() -> new Ads1115Driver(new DeviceOptions("adc",
        channels(Map.of("name", "x", "full_scale", 5.0)))))
        .hasMessageContaining("full_scale");
  }
}
