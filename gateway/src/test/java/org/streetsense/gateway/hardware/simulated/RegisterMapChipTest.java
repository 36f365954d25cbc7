package org.streetsense.gateway.hardware.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.hardware.I2cDevice;

class RegisterMapChipTest {

  private final SimulatedBackend backend =
      SimulatedBackend.builder().timeSource(new ManualTimeSource()).build();
  private final TestSensorChip chip = new TestSensorChip();
  private I2cDevice device;

  RegisterMapChipTest() throws Exception {
    backend.i2cBus(1).attach(0x76, chip);
    device = backend.i2c(1, 0x76);
  }

  @AfterEach
  void close() {
    backend.close();
  }

  @Test
  void burstWriteAutoIncrementsFromThePointer() throws Exception {
    device.writeRegisters(0x40, new byte[] {1, 2, 3});

    assertThat(chip.peek(0x40)).isEqualTo(1);
    assertThat(chip.peek(0x41)).isEqualTo(2);
    assertThat(chip.peek(0x42)).isEqualTo(3);
    assertThat(chip.pointer()).isEqualTo(0x43);
  }

  @Test
  void burstReadAutoIncrementsAndComputesValuesLazily() throws Exception {
    chip.measurement = 0x1234;
    byte[] buffer = new byte[3];

    device.readRegisters(TestSensorChip.DATA - 1, buffer);

    assertThat(buffer).containsExactly(0x00, 0x12, 0x34);
    chip.measurement = 0xABCD;
    device.readRegisters(TestSensorChip.DATA, buffer);
    assertThat(buffer[0] & 0xFF).isEqualTo(0xAB);
    assertThat(buffer[1] & 0xFF).isEqualTo(0xCD);
  }

  @Test
  void readContinuesFromWherePointerWasLeft() throws Exception {
    device.write(new byte[] {(byte) TestSensorChip.CONSTANT});
    byte[] one = new byte[1];

    device.read(one);

    assertThat(one[0] & 0xFF).isEqualTo(0x99);
    assertThat(chip.pointer()).isEqualTo(TestSensorChip.CONSTANT + 1);
  }

  @Test
  void readOnlyRegistersIgnoreWrites() throws Exception {
    device.writeRegister(TestSensorChip.ID, 0x00);

    assertThat(device.readRegister(TestSensorChip.ID)).isEqualTo(0x42);
  }

  @Test
  void writeOnlyRegistersReadAsZeroAndCommandsReachTheHook() throws Exception {
    device.writeRegister(TestSensorChip.CTRL, 0x55);
    device.writeRegister(TestSensorChip.CMD, 0x01);
    assertThat(device.readRegister(TestSensorChip.CMD)).isZero();
    assertThat(chip.resets).isZero();

    device.writeRegister(TestSensorChip.CMD, 0xB6);

    assertThat(chip.resets).isEqualTo(1);
    assertThat(device.readRegister(TestSensorChip.CTRL)).as("reset to power-on").isZero();
    assertThat(device.readRegister(TestSensorChip.ID)).isEqualTo(0x42);
  }

  @Test
  void pointerWrapsAfterTheLastRegister() throws Exception {
    device.writeRegisters(0xFF, new byte[] {7, 8});

    assertThat(chip.peek(0xFF)).isEqualTo(7);
    assertThat(chip.peek(0x00)).isEqualTo(8);
  }

  @Test
  void sixteenBitRegisterAddressesReachTheChipAsTwoPointerBytes() throws Exception {
    device.writeRegisters16(0x0040, new byte[] {9});

    assertThat(chip.peek(0x00)).as("pointer high byte, then low byte written as data").isEqualTo(0x40);
    assertThat(chip.peek(0x01)).isEqualTo(9);
  }

  @Test
  void emptyWriteIsAProbeThatChangesNothing() throws Exception {
    device.writeRegister(TestSensorChip.CTRL, 3);
    device.write(new byte[0]);

    assertThat(chip.pointer()).isEqualTo(TestSensorChip.CTRL + 1);
    assertThat(chip.peek(TestSensorChip.CTRL)).isEqualTo(3);
  }
}
