package org.streetsense.gateway.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.wire.Scd41Commands;
import org.streetsense.gateway.driver.testing.ManualScheduler;
import org.streetsense.gateway.driver.testing.TestBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cChip;
import org.streetsense.gateway.hardware.simulated.chips.Scd41Chip;
import org.streetsense.gateway.hardware.simulated.chips.Vl53l0xChip;

/**
 * {@code probe} recognises the SCD41 (0x62, inside the PCA9685's address range) and the VL53L0X
 * (0x29) by the signatures their descriptors declare. The SCD41 signature waits its 1 ms
 * execution time on the real clock, so its chip runs on the system clock.
 */
class UrbanSensorSignaturesTest {

  private final ManualScheduler time = new ManualScheduler();
  private final TestBackend backend = new TestBackend(time);

  @Test
  void anIdleScd41IsRecognisedByItsSerialNumberAndAVl53l0xByItsModelId() throws Exception {
    backend.attach(1, 0x62, new Scd41Chip(TimeSource.system()));
    backend.attach(1, 0x29, new Vl53l0xChip(time));

    Map<Integer, ChipIdentity> found = new I2cProbe(backend).scan(1);

    assertThat(found.get(0x62).chip()).isEqualTo("scd41");
    assertThat(found.get(0x62).evidence()).contains("serial 0xF8969F073BBE");
    assertThat(found.get(0x29).chip()).isEqualTo("vl53l0x");
    assertThat(found.get(0x29).evidence()).contains("0xC0 = 0xEE");
  }

  @Test
  void aMeasuringScd41IsRecognisedWithoutStoppingIt() throws Exception {
    Scd41Chip chip = new Scd41Chip(TimeSource.system());
    chip.onWrite(Scd41Commands.bytes(Scd41Commands.START_PERIODIC_MEASUREMENT));
    backend.attach(1, 0x62, chip);

    ProbeReport report = new I2cProbe(backend)
        .probe(List.of(new ExpectedDevice("co2", 1, 0x62, "scd41")));

    assertThat(report.ok()).as(report.format()).isTrue();
    assertThat(report.format()).contains("get_data_ready_status");
    assertThat(chip.periodic()).isTrue();
  }

  @Test
  void aVl53l1xWiredWhereTheFileSaysVl53l0xIsAMismatchThatNamesIt() throws Exception {
    backend.attach(1, 0x29, new SimulatedI2cChip() {
      private int pointer;

      @Override
      public void onWrite(byte[] data) {
        pointer = data.length >= 2 ? ((data[0] & 0xFF) << 8) | (data[1] & 0xFF) : data[0] & 0xFF;
      }

      @Override
      public void onRead(byte[] buffer) {
        if (pointer == 0x010F && buffer.length == 2) {
          buffer[0] = (byte) 0xEA;
          buffer[1] = (byte) 0xCC;
        }
      }
    });

    ProbeReport report = new I2cProbe(backend)
        .probe(List.of(new ExpectedDevice("waiting", 1, 0x29, "vl53l0x")));

    assertThat(report.withStatus(ProbeEntry.Status.MISMATCH)).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("vl53l1x"));
  }
}
