package org.streetsense.gateway.driver.pca9685;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.testing.DriverHarness;
import org.streetsense.gateway.hardware.simulated.chips.Pca9685Chip;

class Pca9685DriverTest {

  private final DriverHarness h = new DriverHarness();
  private final Pca9685Chip chip = new Pca9685Chip();

  private Pca9685Driver open(Map<String, Object> o) throws Exception {
    h.backend().attach(1, 0x40, chip);
    Pca9685Driver d = new Pca9685Driver();
    d.open(h.context("servos", o));
    return d;
  }

  @Test
  void computesPrescaleFromFrequency() {
    assertThat(Pca9685Driver.prescaleFor(50)).isEqualTo(121);
    assertThat(Pca9685Driver.prescaleFor(200)).isEqualTo(30);
    assertThat(Pca9685Driver.prescaleFor(1526)).isEqualTo(3);
  }

  @Test
  void writesRegistersForServoAt90DegreesAt50Hz() throws Exception {
    Pca9685Driver d = open(Map.of("frequency_hz", 50));
    d.setServoAngle(0, 90);
    assertThat(chip.register(0xFE)).isEqualTo(121);
    // 1500 us at 25 MHz / (4096 * 122) = 50.03 Hz -> 1500e-6 * 50.03 * 4096 = 307.4 -> 307
    assertThat(chip.register(0x06)).isEqualTo(0x00);
    assertThat(chip.register(0x07)).isEqualTo(0x00);
    assertThat(chip.register(0x08)).isEqualTo(0x33);
    assertThat(chip.register(0x09)).isEqualTo(0x01);
    assertThat(chip.pulseWidth(0).toNanos()).isCloseTo(1_500_000L, within(5_000L));
    assertThat(chip.sleeping()).isFalse();
    assertThat(chip.writesIgnored()).isZero();
  }

  @Test
  void dimsAndSwitchesFullyWithTheFullOnAndOffBits() throws Exception {
    Pca9685Driver d = open(Map.of("frequency_hz", 1000));
    d.setDuty(5, 0.25);
    assertThat(chip.dutyCycle(5)).isCloseTo(0.25, within(1e-9));
    d.setDuty(6, 1.0);
    assertThat(chip.register(0x06 + 4 * 6 + 1) & 0x10).isEqualTo(0x10);
    assertThat(chip.dutyCycle(6)).isEqualTo(1.0);
    d.setDuty(6, 0.0);
    assertThat(chip.register(0x06 + 4 * 6 + 3) & 0x10).isEqualTo(0x10);
    assertThat(chip.dutyCycle(6)).isZero();
  }

  @Test
  void chipIgnoresPrescaleWhileAwakeAndKeepsPointerWithoutAutoIncrement() throws Exception {
    chip.onWrite(new byte[] {0x00, 0x01});
    chip.onWrite(new byte[] {(byte) 0xFE, 50});
    assertThat(chip.register(0xFE)).isEqualTo(0x1E);
    assertThat(chip.writesIgnored()).isEqualTo(1);
    chip.onWrite(new byte[] {0x06, 1, 2});
    assertThat(chip.register(0x06)).as("AI off: both bytes land in LED0_ON_L").isEqualTo(2);
    assertThat(chip.register(0x07)).isZero();
  }

  @Test
  void closeDrivesAllOutputsOffAndSleeps() throws Exception {
    Pca9685Driver d = open(Map.of());
    d.setServoAngle(3, 45);
    d.close();
    assertThat(chip.dutyCycle(3)).isZero();
    assertThat(chip.sleeping()).isTrue();
    assertThat(chip.register(0x00) & 0x80).as("outputs were off before sleep").isZero();
  }

  @Test
  void chipSetsRestartWhenSleepingWithPwmRunningAndClearsItOnWritingOne() throws Exception {
    Pca9685Driver d = open(Map.of());
    d.setDuty(1, 0.5);
    chip.onWrite(new byte[] {0x00, 0x31});
    assertThat(chip.register(0x00) & 0x80).isEqualTo(0x80);
    chip.onWrite(new byte[] {0x00, (byte) 0xA1});
    assertThat(chip.register(0x00)).isEqualTo(0x21);
  }

  @Test
  void servoHelperMapsAnglesAndRejectsOutOfRange() {
    ServoOptions s = ServoOptions.STANDARD;
    assertThat(s.pulseFor(0)).isEqualTo(Duration.ofNanos(1_000_000));
    assertThat(s.pulseFor(180)).isEqualTo(Duration.ofNanos(2_000_000));
    assertThatThrownBy(() -> s.pulseFor(200)).hasMessageContaining("angle");
  }

  @Test
  void rejectsAllCallAddressAndOutOfRangeFrequency() {
    h.backend().attach(1, 0x40, chip);
    assertThatThrownBy(() -> new Pca9685Driver().open(h.context("p", Map.of("address", 0x70))))
        .hasMessageContaining("address");
    assertThatThrownBy(() -> new Pca9685Driver().open(h.context("p", Map.of("frequency_hz", 5))))
        .hasMessageContaining("frequency_hz");
  }
}
