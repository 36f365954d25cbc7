package org.streetsense.gateway.driver.scd41;

import org.streetsense.gateway.hardware.wire.Scd41Commands;
import org.streetsense.gateway.hardware.wire.SensirionCrc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
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
import org.streetsense.gateway.hardware.simulated.chips.Scd41Chip;
import org.streetsense.gateway.pipeline.Quality;

class Scd41DriverTest {

  private final DriverHarness h = new DriverHarness();

  @Test
  void crcMatchesTheDatasheetExample() {
    assertThat(SensirionCrc.crc(0xBEEF)).isEqualTo(0x92);
  }

  @Test
  void decodesTheDatasheetReadMeasurementExample() {
    // SCD4x datasheet, read_measurement example: 0x01F4 0x33, 0x6667 0xA2, 0x5EB9 0x3C
    byte[] wire = {0x01, (byte) 0xF4, 0x33, 0x66, 0x67, (byte) 0xA2, 0x5E, (byte) 0xB9, 0x3C};
    assertThat(SensirionCrc.encode(0x01F4, 0x6667, 0x5EB9)).isEqualTo(wire);
    assertThat(SensirionCrc.word(wire, 0)).isEqualTo(500);
    assertThat(Scd41Commands.temperature(SensirionCrc.word(wire, 1))).isCloseTo(25.0, within(0.01));
    assertThat(Scd41Commands.humidity(SensirionCrc.word(wire, 2))).isCloseTo(37.0, within(0.01));
  }

  @Test
  void readsTheDatasheetSerialNumberAndTheFirstMeasurementAfterTheSignalUpdateInterval()
      throws Exception {
    h.backend().attach(1, 0x62, chip(412, 21.5, 48.0));
    Scd41Driver d = new Scd41Driver();
    d.open(h.context("air", Map.of()));
    long before = h.scheduler().monotonicNanos();
    List<ChannelValue> v = h.sample(d);
    // datasheet get_serial_number example: 0xF896 0x9F07 0x3BBE = 273325796834238
    assertThat(d.serialNumber()).isEqualTo(273_325_796_834_238L);
    assertThat(value(v, "co2").raw()).isEqualTo(412.0);
    assertThat(value(v, "temperature").raw()).isCloseTo(21.5, within(175.0 / 65535));
    assertThat(value(v, "humidity").raw()).isCloseTo(48.0, within(100.0 / 65535));
    assertThat(v).allMatch(c -> c.quality() == Quality.GOOD);
    assertThat(Duration.ofNanos(h.scheduler().monotonicNanos() - before))
        .as("500 ms stop time + 5 s signal update interval")
        .isGreaterThanOrEqualTo(Duration.ofMillis(5500));
  }

  @Test
  void laterSamplesWaitForDataReadyAndNeverReadAnEmptyBuffer() throws Exception {
    double[] ppm = {600};
    Scd41Chip chip = chip(600, 20, 50).co2(() -> ppm[0]);
    h.backend().attach(1, 0x62, chip);
    Scd41Driver d = new Scd41Driver();
    d.open(h.context("air", Map.of()));
    h.sample(d);
    ppm[0] = 1450;
    // asked again at once: the next result is only ready 5 s after the previous one
    assertThat(value(h.sample(d), "co2").raw()).isEqualTo(1450.0);
    assertThat(chip.refused()).as("no NACKed command, no read of an empty buffer").isZero();
  }

  @Test
  void aSensorLeftMeasuringByAnEarlierRunIsStoppedBeforeItIsAsked() throws Exception {
    Scd41Chip chip = chip(500, 20, 50);
    chip.onWrite(Scd41Commands.bytes(Scd41Commands.START_PERIODIC_MEASUREMENT));
    h.backend().attach(1, 0x62, chip);
    Scd41Driver d = new Scd41Driver();
    d.open(h.context("air", Map.of()));
    assertThat(value(h.sample(d), "co2").raw()).isEqualTo(500.0);
    assertThat(chip.refused()).isZero();
  }

  @Test
  void aCommandSentDuringTheStopTimeIsNotAcknowledged() throws Exception {
    Scd41Chip chip = chip(500, 20, 50);
    chip.onWrite(Scd41Commands.bytes(Scd41Commands.STOP_PERIODIC_MEASUREMENT));
    h.scheduler().advance(Duration.ofMillis(499));
    assertThatThrownBy(() -> chip.onWrite(Scd41Commands.bytes(Scd41Commands.GET_SERIAL_NUMBER)))
        .isInstanceOfSatisfying(HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.NACK));
    h.scheduler().advance(Duration.ofMillis(1));
    chip.onWrite(Scd41Commands.bytes(Scd41Commands.GET_SERIAL_NUMBER));
  }

  @Test
  void aCorruptedCo2WordIsFaultWhileTemperatureAndHumidityStayGood() throws Exception {
    Scd41Chip chip = chip(800, 22, 40);
    h.backend().attach(1, 0x62, chip);
    Scd41Driver d = new Scd41Driver();
    d.open(h.context("air", Map.of()));
    h.sample(d);
    h.scheduler().advance(Duration.ofSeconds(5));
    assertThat(d.start()).isInstanceOf(SampleStep.Pending.class);
    h.scheduler().advance(Duration.ofMillis(1));
    assertThat(d.collect()).as("ready: read_measurement sent").isInstanceOf(SampleStep.Pending.class);
    chip.corruptNextWord(0);
    h.scheduler().advance(Duration.ofMillis(1));
    List<ChannelValue> v = ((SampleStep.Ready) d.collect()).values();
    assertThat(value(v, "co2").quality()).isEqualTo(Quality.FAULT);
    assertThat(value(v, "temperature").quality()).isEqualTo(Quality.GOOD);
    assertThat(value(v, "humidity").raw()).isCloseTo(40.0, within(0.01));
  }

  @Test
  void aSerialNumberWithABadCrcFailsTheIdentityCheck() throws Exception {
    Scd41Chip chip = chip(800, 22, 40);
    h.backend().attach(1, 0x62, chip);
    Scd41Driver d = new Scd41Driver();
    d.open(h.context("air", Map.of()));
    h.scheduler().advance(((SampleStep.Pending) d.start()).delay());
    d.collect();
    chip.corruptNextWord(2);
    h.scheduler().advance(Duration.ofMillis(1));
    assertThatThrownBy(d::collect).isInstanceOf(HardwareIoException.class)
        .hasMessageContaining("serial number word 2 fails its CRC");
  }

  @Test
  void anAbsentSensorIsABusFaultAtOpen() {
    TestI2cSlot slot = h.backend().attach(1, 0x62, chip(400, 20, 50));
    slot.fault(TestI2cSlot.Fault.ABSENT);
    assertThatThrownBy(() -> new Scd41Driver().open(h.context("air", Map.of())))
        .isInstanceOfSatisfying(HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.NACK));
  }

  @Test
  void refusesAnotherAddress() {
    assertThatThrownBy(() -> new Scd41Driver().open(h.context("air", Map.of("address", 0x61))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("option 'address' must be 0x62");
  }

  @Test
  void stuckSensorRepeatsItsLastResult() throws Exception {
    double[] ppm = {700};
    Scd41Chip chip = chip(700, 20, 50).co2(() -> ppm[0]);
    h.backend().attach(1, 0x62, chip);
    Scd41Driver d = new Scd41Driver();
    d.open(h.context("air", Map.of()));
    h.sample(d);
    chip.faults().stuck(true);
    ppm[0] = 2000;
    assertThat(value(h.sample(d), "co2").raw()).isEqualTo(700.0);
  }

  @Test
  void closeStopsPeriodicMeasurement() throws Exception {
    Scd41Chip chip = chip(700, 20, 50);
    h.backend().attach(1, 0x62, chip);
    Scd41Driver d = new Scd41Driver();
    d.open(h.context("air", Map.of()));
    h.sample(d);
    assertThat(chip.periodic()).isTrue();
    d.close();
    assertThat(chip.periodic()).isFalse();
  }

  private Scd41Chip chip(double ppm, double t, double rh) {
    return new Scd41Chip(h.scheduler()).co2(() -> ppm).temperature(() -> t).humidity(() -> rh);
  }
}
