package org.streetsense.gateway.driver.bh1750;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.testing.DriverHarness;
import org.streetsense.gateway.hardware.simulated.chips.Bh1750Chip;
import org.streetsense.gateway.pipeline.Quality;

class Bh1750DriverTest {

  private final DriverHarness h = new DriverHarness();

  @Test
  void convertsCountsToLuxInOneTimeMode() throws Exception {
    Bh1750Chip chip = new Bh1750Chip(h.scheduler()).lux(() -> 500.0);
    h.backend().attach(1, 0x23, chip);
    Bh1750Driver d = new Bh1750Driver();
    d.open(h.context("light", Map.of()));
    ChannelValue v = h.sample(d).get(0);
    // 500 lx -> count 600 -> 600 / 1.2 = 500 lx
    assertThat(v.raw()).isCloseTo(500.0, within(1e-9));
    assertThat(v.quality()).isEqualTo(Quality.GOOD);
    assertThat(chip.powered()).as("one-time mode powers down after measuring").isFalse();
    assertThat(chip.commandsIgnored()).isZero();
  }

  @Test
  void readsInContinuousModeAtAlternateAddress() throws Exception {
    double[] lux = {120.0};
    h.backend().attach(1, 0x5C, new Bh1750Chip(h.scheduler()).lux(() -> lux[0]));
    Bh1750Driver d = new Bh1750Driver();
    d.open(h.context("light", Map.of("address", 0x5C, "mode", "continuous")));
    assertThat(h.sample(d).get(0).raw()).isCloseTo(120.0, within(0.5));
    lux[0] = 12_000;
    h.scheduler().advance(Duration.ofMillis(200));
    assertThat(h.sample(d).get(0).raw()).isCloseTo(12_000, within(0.5));
  }

  @Test
  void chipReturnsStaleDataWhenReadBeforeMeasurementEnds() throws Exception {
    Bh1750Chip chip = new Bh1750Chip(h.scheduler()).lux(() -> 300.0);
    h.backend().attach(1, 0x23, chip);
    Bh1750Driver d = new Bh1750Driver();
    d.open(h.context("light", Map.of()));
    d.start();
    h.scheduler().advance(Duration.ofMillis(50));
    assertThat(((org.streetsense.gateway.driver.SampleStep.Ready) d.collect()).values().get(0).raw())
        .as("data register still reset").isZero();
  }

  @Test
  void ignoresMeasurementWhilePoweredDown() throws Exception {
    Bh1750Chip chip = new Bh1750Chip(h.scheduler());
    chip.onWrite(new byte[] {0x20});
    assertThat(chip.commandsIgnored()).isEqualTo(1);
  }

  @Test
  void flagsSaturatedCountAsSuspect() throws Exception {
    h.backend().attach(1, 0x23, new Bh1750Chip(h.scheduler()).lux(() -> 100_000.0));
    Bh1750Driver d = new Bh1750Driver();
    d.open(h.context("light", Map.of()));
    ChannelValue v = h.sample(d).get(0);
    assertThat(v.quality()).isEqualTo(Quality.SUSPECT);
    assertThat(v.raw()).isCloseTo(65535 / 1.2, within(1e-6));
  }

  @Test
  void stuckChipKeepsLastValue() throws Exception {
    double[] lux = {200.0};
    Bh1750Chip chip = new Bh1750Chip(h.scheduler()).lux(() -> lux[0]);
    h.backend().attach(1, 0x23, chip);
    Bh1750Driver d = new Bh1750Driver();
    d.open(h.context("light", Map.of()));
    assertThat(h.sample(d).get(0).raw()).isCloseTo(200, within(0.5));
    chip.faults().stuck(true);
    lux[0] = 900;
    assertThat(h.sample(d).get(0).raw()).isCloseTo(200, within(0.5));
  }
}
