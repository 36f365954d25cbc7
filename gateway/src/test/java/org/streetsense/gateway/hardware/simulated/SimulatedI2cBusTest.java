package org.streetsense.gateway.hardware.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;

class SimulatedI2cBusTest {

  private final SimulatedBackend backend =
      SimulatedBackend.builder().seed(7).timeSource(new ManualTimeSource()).build();
  private final SimulatedI2cBus bus = backend.i2cBus(1);

  @AfterEach
  void close() {
    backend.close();
  }

  @Test
  void transactionToAbsentAddressFailsWithNackNamingBusAndAddress() throws Exception {
    I2cDevice device = backend.i2c(1, 0x76);

    assertThatThrownBy(() -> device.readRegister(0xD0))
        .isInstanceOfSatisfying(
            HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.NACK))
        .hasMessageStartingWith("i2c-1: no ACK from 0x76")
        .hasMessageContaining("Remote I/O error");
  }

  @Test
  void attachedChipAnswersThroughDeviceHandle() throws Exception {
    bus.attach(0x76, new TestSensorChip());
    I2cDevice device = backend.i2c(1, 0x76);

    assertThat(device.readRegister(TestSensorChip.ID)).isEqualTo(0x42);
    assertThat(device.bus()).isEqualTo(1);
    assertThat(device.address()).isEqualTo(0x76);
  }

  @Test
  void nackFaultFailsTheNextTransactionsThenRecoversOnItsOwn() throws Exception {
    bus.attach(0x76, new TestSensorChip());
    I2cDevice device = backend.i2c(1, 0x76);
    bus.injectFault(0x76, BusFault.nack(2));

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> device.readRegister(TestSensorChip.ID))
          .isInstanceOfSatisfying(
              HardwareIoException.class,
              e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.NACK))
          .hasMessageContaining("injected fault");
    }
    assertThat(device.readRegister(TestSensorChip.ID)).isEqualTo(0x42);
  }

  @Test
  void timeoutFaultLastsUntilClearedAndChipKeepsItsState() throws Exception {
    TestSensorChip chip = new TestSensorChip();
    bus.attach(0x76, chip);
    I2cDevice device = backend.i2c(1, 0x76);
    device.writeRegister(TestSensorChip.CTRL, 0x27);
    bus.injectFault(0x76, BusFault.timeoutUntilCleared());

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> device.readRegister(TestSensorChip.CTRL))
          .isInstanceOfSatisfying(
              HardwareIoException.class,
              e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.TIMEOUT))
          .hasMessageStartingWith("i2c-1: timeout talking to 0x76");
    }
    bus.clearFault(0x76);

    assertThat(device.readRegister(TestSensorChip.CTRL)).isEqualTo(0x27);
  }

  @Test
  void unpluggedDeviceDisappearsFromScanAndComesBackPoweredUpAfresh() throws Exception {
    bus.attach(0x23, new TestSensorChip());
    bus.attach(0x76, new TestSensorChip());
    I2cDevice device = backend.i2c(1, 0x76);
    device.writeRegister(TestSensorChip.CTRL, 0x27);

    bus.injectFault(0x76, BusFault.unplugged());

    assertThat(bus.scan()).containsExactly(0x23);
    assertThatThrownBy(() -> device.readRegister(TestSensorChip.CTRL))
        .isInstanceOfSatisfying(
            HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.NACK))
        .hasMessageContaining("device unplugged");

    bus.clearFault(0x76);

    assertThat(bus.scan()).containsExactly(0x23, 0x76);
    assertThat(device.readRegister(TestSensorChip.CTRL))
        .as("power-on default after plug-back")
        .isEqualTo(0x00);
    assertThat(device.readRegister(TestSensorChip.ID)).isEqualTo(0x42);
  }

  @Test
  void detachedDeviceNacksLikeAnAbsentOne() throws Exception {
    bus.attach(0x5A, new TestSensorChip());
    I2cDevice device = backend.i2c(1, 0x5A);
    assertThat(device.readRegister(TestSensorChip.ID)).isEqualTo(0x42);

    bus.detach(0x5A);

    assertThatThrownBy(() -> device.readRegister(TestSensorChip.ID))
        .hasMessageContaining("no ACK from 0x5A")
        .hasMessageContaining("nothing attached");
    assertThat(bus.scan()).isEmpty();
  }

  @Test
  void writeReadCountsAsOneTransaction() throws Exception {
    bus.attach(0x76, new TestSensorChip());
    I2cDevice device = backend.i2c(1, 0x76);
    long before = bus.transactionCount();

    device.readRegisters(TestSensorChip.ID, new byte[2]);
    device.writeRegister(TestSensorChip.CTRL, 1);

    assertThat(bus.transactionCount() - before).isEqualTo(2);
  }

  @Test
  void closedDeviceFailsAsUnavailable() throws Exception {
    bus.attach(0x76, new TestSensorChip());
    I2cDevice device = backend.i2c(1, 0x76);
    device.close();

    assertThatThrownBy(() -> device.read(new byte[1]))
        .isInstanceOfSatisfying(
            HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.UNAVAILABLE))
        .hasMessageContaining("0x76 is closed");
  }

  @Test
  void concurrentRegisterReadsNeverSeeAnotherThreadsPointer() throws Exception {
    TestSensorChip chip = new TestSensorChip();
    bus.attach(0x76, chip);
    I2cDevice first = backend.i2c(1, 0x76);
    I2cDevice second = backend.i2c(1, 0x76);

    CompletableFuture<List<Integer>> a = CompletableFuture.supplyAsync(() -> readMany(first, TestSensorChip.ID));
    CompletableFuture<List<Integer>> b =
        CompletableFuture.supplyAsync(() -> readMany(second, TestSensorChip.CONSTANT));

    assertThat(a.get(10, TimeUnit.SECONDS)).containsOnly(0x42);
    assertThat(b.get(10, TimeUnit.SECONDS)).containsOnly(0x99);
  }

  @Test
  void rejectsAddressesBeyondSevenBits() {
    assertThatThrownBy(() -> bus.attach(0x80, new TestSensorChip()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x00..0x7F");
  }

  private static List<Integer> readMany(I2cDevice device, int register) {
    List<Integer> values = new ArrayList<>();
    try {
      for (int i = 0; i < 2000; i++) {
        values.add(device.readRegister(register));
      }
    } catch (HardwareIoException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }
}
