package org.streetsense.gateway.driver.vl53l0x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streetsense.gateway.driver.testing.DriverHarness.value;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.SampleStep;
import org.streetsense.gateway.driver.testing.DriverHarness;
import org.streetsense.gateway.driver.testing.TestI2cSlot;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cChip;
import org.streetsense.gateway.hardware.simulated.chips.Vl53l0xChip;
import org.streetsense.gateway.pipeline.Quality;

class Vl53l0xDriverTest {

  private final DriverHarness h = new DriverHarness();

  @Test
  void calibratesOnTheFirstSampleAndReportsSomeoneStandingWithinThePresenceDistance()
      throws Exception {
    Vl53l0xChip chip = new Vl53l0xChip(h.scheduler()).distance(() -> 850);
    h.backend().attach(1, 0x29, chip);
    Vl53l0xDriver d = new Vl53l0xDriver();
    d.open(h.context("spot", Map.of()));
    List<ChannelValue> v = h.sample(d);
    assertThat(chip.calibrated()).isTrue();
    assertThat(value(v, "distance").raw()).isEqualTo(850.0);
    assertThat(value(v, "distance").quality()).isEqualTo(Quality.GOOD);
    assertThat(value(v, "present").raw()).isEqualTo(1.0);
  }

  @Test
  void someoneFartherThanPresenceMmIsNotPresent() throws Exception {
    h.backend().attach(1, 0x29, new Vl53l0xChip(h.scheduler()).distance(() -> 1500));
    Vl53l0xDriver d = new Vl53l0xDriver();
    d.open(h.context("spot", Map.of("presence_mm", 1200)));
    List<ChannelValue> v = h.sample(d);
    assertThat(value(v, "distance").raw()).isEqualTo(1500.0);
    assertThat(value(v, "present").raw()).isZero();
  }

  @Test
  void anEmptySpotIsNotPresentAndItsOutOfRangeDistanceIsSuspect() throws Exception {
    h.backend().attach(1, 0x29, new Vl53l0xChip(h.scheduler()).distance(() -> Double.NaN));
    Vl53l0xDriver d = new Vl53l0xDriver();
    d.open(h.context("spot", Map.of()));
    List<ChannelValue> v = h.sample(d);
    assertThat(value(v, "present").raw()).isZero();
    assertThat(value(v, "present").quality()).isEqualTo(Quality.GOOD);
    assertThat(value(v, "distance").raw()).isEqualTo(8190.0);
    assertThat(value(v, "distance").quality()).isEqualTo(Quality.SUSPECT);
  }

  @Test
  void followsAPersonWalkingUpOverSeveralShots() throws Exception {
    double[] mm = {1800};
    Vl53l0xChip chip = new Vl53l0xChip(h.scheduler()).distance(() -> mm[0]);
    h.backend().attach(1, 0x29, chip);
    Vl53l0xDriver d = new Vl53l0xDriver();
    d.open(h.context("spot", Map.of()));
    assertThat(value(h.sample(d), "present").raw()).isZero();
    mm[0] = 600;
    assertThat(value(h.sample(d), "distance").raw()).isEqualTo(600.0);
    mm[0] = 20;
    List<ChannelValue> close = h.sample(d);
    assertThat(value(close, "present").raw()).as("min clip: closer than measurable").isEqualTo(1.0);
    assertThat(value(close, "distance").quality()).isEqualTo(Quality.SUSPECT);
    assertThat(chip.measurements()).isEqualTo(3);
  }

  @Test
  void restoresTheStopVariableAndTheDatasheetRegisterSettings() throws Exception {
    Vl53l0xChip chip = new Vl53l0xChip(h.scheduler(), 0x5A, 0x85).distance(() -> 400);
    h.backend().attach(1, 0x29, chip);
    Vl53l0xDriver d = new Vl53l0xDriver();
    d.open(h.context("spot", Map.of()));
    assertThat(chip.register(0, 0x89) & 0x01).as("2.8 V I/O").isEqualTo(1);
    assertThat(chip.register(0, 0x44) << 8 | chip.register(0, 0x45))
        .as("0.25 MCPS in Q9.7").isEqualTo(32);
    assertThat(chip.register(0, 0x01)).as("DSS, pre-range, final range").isEqualTo(0xE8);
    assertThat(chip.register(0, 0x0A)).as("interrupt on new sample").isEqualTo(0x04);
    assertThat(chip.register(0, 0x84) & 0x10).as("interrupt active low").isZero();
    // 5 aperture SPADs from the first allowed one (12): bits 12..16 of 0xB0..0xB5
    assertThat(new int[] {chip.register(0, 0xB0), chip.register(0, 0xB1), chip.register(0, 0xB2),
        chip.register(0, 0xB3), chip.register(0, 0xB4), chip.register(0, 0xB5)})
        .containsExactly(0x00, 0xF0, 0x01, 0x00, 0x00, 0x00);
    h.sample(d);
    h.sample(d);
    assertThat(chip.measurements()).isEqualTo(2);
    assertThat(chip.register(1, 0x91)).as("stop variable written back").isEqualTo(0x5A);
  }

  @Test
  void writesTheStApisDefaultTuningSettingsOnTheirPages() throws Exception {
    Vl53l0xChip chip = new Vl53l0xChip(h.scheduler()).distance(() -> 400);
    h.backend().attach(1, 0x29, chip);
    new Vl53l0xDriver().open(h.context("spot", Map.of()));
    // VL53L0X_DefaultTuningSettings, registers no later step of the initialisation rewrites
    assertThat(new int[] {chip.register(0, 0x46), chip.register(0, 0x52), chip.register(0, 0x66),
        chip.register(0, 0x72), chip.register(0, 0x35), chip.register(0, 0x78)})
        .as("page 0").containsExactly(0x25, 0x96, 0xA0, 0xFE, 0x44, 0x21);
    assertThat(new int[] {chip.register(1, 0x22), chip.register(1, 0x45), chip.register(1, 0x20),
        chip.register(1, 0x4B), chip.register(1, 0x8E)})
        .as("page 1").containsExactly(0x32, 0x26, 0x1A, 0x09, 0x01);
  }

  @Test
  void aShotAfterTheStopSequenceWithoutRestoringTheStopVariableNeverCompletes() throws Exception {
    Vl53l0xChip chip = new Vl53l0xChip(h.scheduler()).distance(() -> 400);
    h.backend().attach(1, 0x29, chip);
    Vl53l0xDriver d = new Vl53l0xDriver();
    d.open(h.context("spot", Map.of()));
    h.sample(d);
    // the ST API's stop sequence: 0x91 = 0 on page 1
    for (byte[] w : new byte[][] {{(byte) 0x80, 0x01}, {(byte) 0xFF, 0x01}, {0x00, 0x00},
        {(byte) 0x91, 0x00}, {0x00, 0x01}, {(byte) 0xFF, 0x00}, {(byte) 0x80, 0x00}}) {
      chip.onWrite(w);
    }
    chip.onWrite(new byte[] {0x0B, 0x01});
    chip.onWrite(new byte[] {0x00, 0x01});
    h.scheduler().advance(Duration.ofMillis(100));
    chip.onWrite(new byte[] {0x13});
    byte[] status = new byte[1];
    chip.onRead(status);
    assertThat(status[0] & 0x07).isZero();
  }

  @Test
  void aRangeBeforeCalibrationEndsWithNoVhvValueFound() throws Exception {
    Vl53l0xChip chip = new Vl53l0xChip(h.scheduler()).distance(() -> 400);
    chip.onWrite(new byte[] {0x00, 0x01});
    h.scheduler().advance(Duration.ofMillis(40));
    chip.onWrite(new byte[] {0x14});
    byte[] status = new byte[1];
    chip.onRead(status);
    assertThat((status[0] >> 3) & 0x0F).isEqualTo(3);
  }

  @Test
  void aVcselFailureIsAHardwareFault() throws Exception {
    Vl53l0xChip chip = new Vl53l0xChip(h.scheduler()).distance(() -> 400);
    h.backend().attach(1, 0x29, chip);
    Vl53l0xDriver d = new Vl53l0xDriver();
    d.open(h.context("spot", Map.of()));
    h.sample(d);
    chip.vcselFailure(true);
    assertThatThrownBy(() -> h.sample(d)).isInstanceOf(HardwareIoException.class)
        .hasMessageContaining("VCSEL continuity test failure (status 1)");
  }

  @Test
  void refusesAChipWithAnotherModelId() {
    h.backend().attach(1, 0x29, new SimulatedI2cChip() {
      @Override
      public void onWrite(byte[] data) {}

      @Override
      public void onRead(byte[] buffer) {
        buffer[0] = (byte) 0xEA;
      }
    });
    assertThatThrownBy(() -> new Vl53l0xDriver().open(h.context("spot", Map.of())))
        .isInstanceOf(HardwareIoException.class)
        .hasMessageContaining("0xC0 = 0xEA").hasMessageContaining("not a VL53L0X");
  }

  @Test
  void aSensorThatStopsAnsweringMidMeasurementIsABusFault() throws Exception {
    Vl53l0xChip chip = new Vl53l0xChip(h.scheduler()).distance(() -> 400);
    TestI2cSlot slot = h.backend().attach(1, 0x29, chip);
    Vl53l0xDriver d = new Vl53l0xDriver();
    d.open(h.context("spot", Map.of()));
    h.sample(d);
    SampleStep step = d.start();
    slot.fault(TestI2cSlot.Fault.ABSENT);
    h.scheduler().advance(((SampleStep.Pending) step).delay());
    assertThatThrownBy(d::collect).isInstanceOfSatisfying(HardwareIoException.class,
        e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.NACK));
  }

  @Test
  void reopeningAfterAPowerCycleRecalibrates() throws Exception {
    Vl53l0xChip chip = new Vl53l0xChip(h.scheduler()).distance(() -> 700);
    h.backend().attach(1, 0x29, chip);
    Vl53l0xDriver d = new Vl53l0xDriver();
    d.open(h.context("spot", Map.of()));
    h.sample(d);
    d.close();
    chip.onPowerUp();
    assertThat(chip.calibrated()).isFalse();
    d.open(h.context("spot", Map.of()));
    assertThat(value(h.sample(d), "distance").raw()).isEqualTo(700.0);
    assertThat(chip.calibrated()).isTrue();
  }

  @Test
  void refusesAPresenceDistanceBeyondTheSensorsRange() {
    assertThatThrownBy(() -> new Vl53l0xDriver().open(h.context("spot", Map.of("presence_mm", 5000))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("option 'presence_mm' must be 30..2000");
  }
}
