package org.streetsense.gateway.driver.bme280;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.streetsense.gateway.driver.testing.DriverHarness.value;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.testing.DriverHarness;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.chips.Bme280Calibration;
import org.streetsense.gateway.hardware.simulated.chips.Bme280Chip;
import org.streetsense.gateway.pipeline.Quality;

class Bme280DriverTest {

  /** Datasheet worked example words, laid out as registers 0x88..0xA1 and 0xE1..0xE7 by hand. */
  private static Bme280Compensation datasheetCompensation() {
    int[] words = {27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000};
    byte[] b88 = new byte[26];
    for (int i = 0; i < words.length; i++) {
      b88[2 * i] = (byte) words[i];
      b88[2 * i + 1] = (byte) (words[i] >> 8);
    }
    b88[25] = 75;
    // H2=362 (0x016A), H3=0, H4=313 (0x139), H5=50 (0x032), H6=30
    byte[] be1 = {0x6A, 0x01, 0x00, 0x13, 0x29, 0x03, 0x1E};
    return new Bme280Compensation(b88, be1);
  }

  @Test
  void compensatesDatasheetWorkedExampleForTemperatureAndPressure() {
    Bme280Compensation c = datasheetCompensation();
    int tFine = c.tFine(519888);
    assertThat(tFine).isEqualTo(128422);
    assertThat(c.temperatureCenti(tFine)).isEqualTo(2508);
    assertThat(c.pressureQ8(415148, tFine) / 256).isEqualTo(100653);
  }

  @Test
  void unpacksHumidityNibblesOfE4ToE6() {
    int[] w = datasheetCompensation().words();
    assertThat(w[15]).as("dig_H4").isEqualTo(313);
    assertThat(w[16]).as("dig_H5").isEqualTo(50);
    assertThat(w[13]).as("dig_H2").isEqualTo(362);
    assertThat(w[17]).as("dig_H6").isEqualTo(30);
  }

  @Test
  void unpacksNegativeH4AndH5() {
    byte[] b88 = new byte[26];
    // H4 = -300 (0xED4 as 12-bit: E4=0xED, E5 low=4), H5 = -7 (0xFF9: E5 high=9, E6=0xFF)
    byte[] be1 = {0, 0, 0, (byte) 0xED, (byte) 0x94, (byte) 0xFF, 0};
    int[] w = new Bme280Compensation(b88, be1).words();
    assertThat(w[15]).isEqualTo(-300);
    assertThat(w[16]).isEqualTo(-7);
  }

  @Test
  void readsPhysicalValuesThroughSimulatedChip() throws Exception {
    DriverHarness h = new DriverHarness();
    Bme280Chip chip =
        new Bme280Chip(h.scheduler()).temperature(() -> 25.08).humidity(() -> 45.0)
            .pressure(() -> 100653.0);
    h.backend().attach(1, 0x76, chip);
    Bme280Driver driver = new Bme280Driver();
    driver.open(h.context("env", Map.of()));

    List<ChannelValue> values = h.sample(driver);

    assertThat(value(values, "temperature").raw()).isCloseTo(25.08, within(0.006));
    assertThat(value(values, "humidity").raw()).isCloseTo(45.0, within(0.05));
    assertThat(value(values, "pressure").raw()).isCloseTo(1006.53, within(0.01));
    assertThat(values).allMatch(v -> v.quality() == Quality.GOOD);
    assertThat(chip.writesIgnored()).isZero();
  }

  @Test
  void followsChangingInputsAcrossSamples() throws Exception {
    DriverHarness h = new DriverHarness();
    double[] t = {-10.0};
    h.backend().attach(1, 0x77, new Bme280Chip(h.scheduler()).temperature(() -> t[0]));
    Bme280Driver driver = new Bme280Driver();
    driver.open(h.context("env", Map.of("address", "0x77", "oversampling_humidity", 4)));
    assertThat(value(h.sample(driver), "temperature").raw()).isCloseTo(-10.0, within(0.01));
    t[0] = 38.5;
    assertThat(value(h.sample(driver), "temperature").raw()).isCloseTo(38.5, within(0.01));
  }

  @Test
  void refusesBmp280ByChipId() {
    DriverHarness h = new DriverHarness();
    h.backend().attach(1, 0x76, new Bme280Chip(h.scheduler(), Bme280Chip.CHIP_ID_BMP280,
        Bme280Calibration.DATASHEET_EXAMPLE));
    assertThatThrownBy(() -> new Bme280Driver().open(h.context("env", Map.of())))
        .isInstanceOf(HardwareIoException.class)
        .hasMessageContaining("BMP280");
  }

  @Test
  void reportsResetChipAsFaultSoItIsReinitialised() throws Exception {
    DriverHarness h = new DriverHarness();
    Bme280Chip chip = new Bme280Chip(h.scheduler());
    h.backend().attach(1, 0x76, chip);
    Bme280Driver driver = new Bme280Driver();
    driver.open(h.context("env", Map.of()));
    driver.start();
    chip.powerCycle();
    h.scheduler().advance(driver.measurementTime());
    assertThatThrownBy(driver::collect).hasMessageContaining("reset");
  }

  @Test
  void rejectsUnsupportedOversampling() {
    DriverHarness h = new DriverHarness();
    h.backend().attach(1, 0x76, new Bme280Chip(h.scheduler()));
    assertThatThrownBy(
            () -> new Bme280Driver().open(h.context("env", Map.of("oversampling_pressure", 3))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("oversampling_pressure");
  }
}
