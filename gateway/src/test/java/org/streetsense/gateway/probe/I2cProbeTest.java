package org.streetsense.gateway.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.testing.ManualScheduler;
import org.streetsense.gateway.driver.testing.TestBackend;
import org.streetsense.gateway.hardware.simulated.chips.Ads1115Chip;
import org.streetsense.gateway.hardware.simulated.chips.Bh1750Chip;
import org.streetsense.gateway.hardware.simulated.chips.Bme280Calibration;
import org.streetsense.gateway.hardware.simulated.chips.Bme280Chip;
import org.streetsense.gateway.hardware.simulated.chips.Mpr121Chip;
import org.streetsense.gateway.hardware.simulated.chips.Pca9685Chip;

class I2cProbeTest {

  private final ManualScheduler time = new ManualScheduler();
  private final TestBackend backend = new TestBackend(time);

  @Test
  void identifiesEveryKnownChipByItsSignature() throws Exception {
    backend.attach(1, 0x76, new Bme280Chip(time));
    backend.attach(1, 0x77, new Bme280Chip(time, Bme280Chip.CHIP_ID_BMP280,
        Bme280Calibration.DATASHEET_EXAMPLE));
    backend.attach(1, 0x23, new Bh1750Chip(time));
    backend.attach(1, 0x5A, new Mpr121Chip());
    backend.attach(1, 0x48, new Ads1115Chip(time));
    backend.attach(1, 0x40, new Pca9685Chip());

    Map<Integer, ChipIdentity> found = new I2cProbe(backend).scan(1);

    assertThat(found.keySet()).containsExactlyInAnyOrder(0x76, 0x77, 0x23, 0x5A, 0x48, 0x40);
    assertThat(found.get(0x76).chip()).isEqualTo("bme280");
    assertThat(found.get(0x77).chip()).isEqualTo("bmp280");
    assertThat(found.get(0x23).chip()).isEqualTo("bh1750");
    assertThat(found.get(0x5A).chip()).isEqualTo("mpr121");
    assertThat(found.get(0x48).chip()).isEqualTo("ads1115");
    assertThat(found.get(0x40).chip()).isEqualTo("pca9685");
  }

  @Test
  void atASharedAddressStrongSignaturesAreTriedBeforeAChipThatOnlyAcknowledges() throws Exception {
    backend.attach(1, 0x5C, new Mpr121Chip());
    backend.attach(2, 0x5C, new Bh1750Chip(time));

    assertThat(ChipSignatures.candidates(0x5C)).extracting(s -> s.strong())
        .containsExactly(true, true, false);
    assertThat(new I2cProbe(backend).scan(1).get(0x5C).chip()).isEqualTo("mpr121");
    assertThat(new I2cProbe(backend).scan(2).get(0x5C).chip()).isEqualTo("bh1750");
  }

  @Test
  void comparesBusWithInstallationFile() {
    backend.attach(1, 0x76, new Bme280Chip(time, Bme280Chip.CHIP_ID_BMP280,
        Bme280Calibration.DATASHEET_EXAMPLE));
    backend.attach(1, 0x5A, new Mpr121Chip());
    backend.attach(1, 0x41, new Pca9685Chip());

    ProbeReport report = new I2cProbe(backend).probe(List.of(
        new ExpectedDevice("env", 1, 0x76, "bme280"),
        new ExpectedDevice("touch", 1, 0x5A, "mpr121"),
        new ExpectedDevice("light", 1, 0x23, "bh1750")));

    assertThat(report.ok()).isFalse();
    assertThat(report.entries()).extracting(ProbeEntry::status).containsExactly(
        ProbeEntry.Status.MISSING, ProbeEntry.Status.UNEXPECTED, ProbeEntry.Status.FOUND,
        ProbeEntry.Status.MISMATCH);
    assertThat(report.withStatus(ProbeEntry.Status.MISMATCH).get(0).message())
        .contains("bme280 'env'").contains("bmp280").contains("0x58");
    assertThat(report.withStatus(ProbeEntry.Status.MISSING).get(0).message())
        .contains("'light'").contains("pull-ups");
    assertThat(report.withStatus(ProbeEntry.Status.UNEXPECTED).get(0).message()).contains("pca9685");
    assertThat(report.format()).contains("FOUND").contains("bus 1 0x5A");
  }

  @Test
  void reportsOkWhenEverythingDeclaredAnswers() {
    backend.attach(1, 0x76, new Bme280Chip(time));
    ProbeReport report =
        new I2cProbe(backend).probe(List.of(new ExpectedDevice("env", 1, 0x76, "bme280")));
    assertThat(report.ok()).isTrue();
    assertThat(report.entries()).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("chip id 0xD0 = 0x60"));
  }

  @Test
  void aBusThatIsGoneMarksItsDevicesMissingWithoutScanningOn() {
    org.streetsense.gateway.hardware.simulated.SimulatedBackend sim =
        org.streetsense.gateway.hardware.simulated.SimulatedBackend.builder().seed(1).build();
    sim.i2cBus(1).attach(0x23, new Bh1750Chip(sim.time()));
    sim.i2cBus(1).setGone(true);
    long before = sim.i2cBus(1).transactionCount();

    ProbeReport report = new I2cProbe(sim).probe(List.of(new ExpectedDevice("light", 1, 0x23, "bh1750")));

    assertThat(report.entries()).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(ProbeEntry.Status.MISSING);
      assertThat(e.message()).contains("bus 1 cannot be opened", "bus gone");
    });
    assertThat(sim.i2cBus(1).transactionCount() - before).as("stopped at the first address").isEqualTo(1);
    sim.close();
  }
}
