package org.streetsense.gateway.hardware.simulated.chips;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.testing.ManualScheduler;

class Bme280ChipTest {

  private final ManualScheduler time = new ManualScheduler();
  private final Bme280Chip chip = new Bme280Chip(time).humidity(() -> 60.0);

  private int read(int reg) throws Exception {
    byte[] b = new byte[1];
    chip.onWrite(new byte[] {(byte) reg});
    chip.onRead(b);
    return b[0] & 0xFF;
  }

  private int rawHumidity() throws Exception {
    return (read(0xFD) << 8) | read(0xFE);
  }

  @Test
  void exposesChipIdAndCalibrationBlock() throws Exception {
    assertThat(read(0xD0)).isEqualTo(0x60);
    assertThat(read(0x88) | read(0x89) << 8).isEqualTo(27504);
    assertThat(read(0xE4)).isEqualTo(0x13);
    assertThat(read(0xE5)).isEqualTo(0x29);
  }

  @Test
  void showsMeasuringBitForTheMeasurementTimeThenSleeps() throws Exception {
    chip.onWrite(new byte[] {(byte) 0xF4, 0b001_001_01});
    assertThat(read(0xF3) & 0x08).isEqualTo(0x08);
    time.advance(Duration.ofMillis(6));
    assertThat(read(0xF3) & 0x08).isEqualTo(0x08);
    time.advance(Duration.ofMillis(1));
    assertThat(read(0xF3) & 0x08).isZero();
    assertThat(read(0xF4) & 0x03).as("back to sleep after forced").isZero();
  }

  @Test
  void appliesCtrlHumOnlyAfterCtrlMeasWrite() throws Exception {
    chip.onWrite(new byte[] {(byte) 0xF4, 0b001_001_01});
    chip.onWrite(new byte[] {(byte) 0xF2, 0x01});
    time.advance(Duration.ofMillis(20));
    assertThat(rawHumidity()).as("humidity skipped: ctrl_hum not yet latched").isEqualTo(0x8000);
    chip.onWrite(new byte[] {(byte) 0xF4, 0b001_001_01});
    time.advance(Duration.ofMillis(20));
    assertThat(rawHumidity()).isNotEqualTo(0x8000);
  }

  @Test
  void softResetRestoresResultDefaultsButKeepsCalibration() throws Exception {
    chip.onWrite(new byte[] {(byte) 0xF2, 0x01});
    chip.onWrite(new byte[] {(byte) 0xF4, 0b001_001_01});
    time.advance(Duration.ofMillis(20));
    chip.onWrite(new byte[] {(byte) 0xE0, (byte) 0xB6});
    assertThat(read(0xFA)).isEqualTo(0x80);
    assertThat(read(0xF2)).isZero();
    assertThat(read(0x88) | read(0x89) << 8).isEqualTo(27504);
  }

  @Test
  void writesArePairsOfRegisterAndValueWithoutAutoIncrement() throws Exception {
    chip.onWrite(new byte[] {(byte) 0xF2, 0x03, (byte) 0xF5, (byte) 0xA0});
    assertThat(read(0xF2)).isEqualTo(0x03);
    assertThat(read(0xF5)).isEqualTo(0xA0);
    assertThat(read(0xF3)).isZero();
  }

  @Test
  void stuckChipKeepsOldResults() throws Exception {
    double[] t = {10};
    chip.temperature(() -> t[0]);
    chip.onWrite(new byte[] {(byte) 0xF4, 0b001_001_01});
    time.advance(Duration.ofMillis(10));
    int before = read(0xFA);
    chip.faults().stuck(true);
    t[0] = 30;
    chip.onWrite(new byte[] {(byte) 0xF4, 0b001_001_01});
    time.advance(Duration.ofMillis(10));
    assertThat(read(0xFA)).isEqualTo(before);
  }
}
