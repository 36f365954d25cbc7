package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code validate} checks each device's {@code options} against its driver's descriptor, and
 * refuses what the hardware cannot do, each problem on its line. The file's first device is on
 * line 6 ({@link InstallationTexts#HEAD} has four lines, then {@code devices:}).
 */
class DriverOptionsValidationTest {

  @Test
  void anUnknownOptionIsRefusedWithTheClosestKnownKey() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: pump, driver: relay, pin: 23, options: {activelow: false}}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(tuple(6, "devices[0].options.activelow",
            "unknown option 'activelow' of relay; did you mean 'activeLow'?"));
  }

  @Test
  void aDriverInternalKeyIsRefusedInFavourOfTheFilesSpelling() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - id: start",
        "    driver: button",
        "    pin: 5",
        "    options:",
        "      debounce_ms: 20"))
        .extracting(ConfigError::line, ConfigError::message)
        .containsExactly(tuple(10, "unknown option 'debounce_ms' of button; did you mean "
            + "'debounce'?"));
  }

  @Test
  void anOptionNothingIsCloseToListsTheDriversOptions() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: lamp, driver: led, pin: 18, options: {colour: red}}",
        "  - {id: ranger, driver: board-distance, board: uno, pin: D7, options: {gain: 2}}",
        "boards: [{id: uno, port: /dev/ttyACM0}]"))
        .extracting(ConfigError::message)
        .containsExactly("unknown option 'colour' of led; options of led: activeLow, dimmable, "
                + "frequency, pwmChannel",
            "unknown option 'gain' of board-distance; board-distance takes no options");
  }

  @Test
  void aDurationWithoutUnitIsRefusedNamingTheUnitItNeeds() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - id: start",
        "    driver: button",
        "    pin: 5",
        "    options: {debounce: 20}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(tuple(9, "devices[0].options.debounce",
            "20 has no unit; debounce of button needs a duration like 20ms (a whole number "
                + "with a unit ms, s, m or h)"));
  }

  @Test
  void aDurationOutsideItsRangeIsRefusedWithTheRange() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: start, driver: button, pin: 5, options: {debounce: 2s}}"))
        .extracting(ConfigError::line, ConfigError::message)
        .containsExactly(tuple(6, "2s is not allowed for debounce of button; allowed 0ms..1s"));
  }

  @Test
  void aNumberOutsideItsRangeIsRefusedNamingItsUnit() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: servos, driver: pca9685, address: 0x40, options: {frequency: 2000}}"))
        .extracting(ConfigError::line, ConfigError::message)
        .containsExactly(tuple(6, "2000 is not allowed for frequency of pca9685; it needs a "
            + "whole number of Hz in 24..1526"));
  }

  @Test
  void aValueOfTheWrongTypeIsRefused() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: servos, driver: pca9685, address: 0x40, options: {frequency: 50Hz}}",
        "  - {id: pump, driver: relay, pin: 23, options: {activeLow: maybe}}"))
        .extracting(ConfigError::line, ConfigError::message)
        .containsExactly(
            tuple(6, "'50Hz' is not a whole number; frequency of pca9685 needs a whole number of "
                + "Hz in 24..1526"),
            tuple(7, "'maybe' is not a boolean; allowed true or false"));
  }

  @Test
  void aValueOutsideItsAllowedSetIsRefusedWithASuggestion() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: start, driver: button, pin: 5, options: {pull: upp}}",
        "  - {id: air, driver: bme280, address: 0x76, options: {oversamplingHumidity: 3}}"))
        .extracting(ConfigError::line, ConfigError::message)
        .containsExactly(
            tuple(6, "'upp' is not allowed for pull of button; did you mean 'up'? allowed: up, "
                + "down, off"),
            tuple(7, "3 is not allowed for oversamplingHumidity of bme280; it needs one of 0, 1, "
                + "2, 4, 8, 16 (x)"));
  }

  @Test
  void optionsThatContradictEachOtherAreRefusedAtTheOneTheFileGives() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: start, driver: button, pin: 5, options: {hold: 10ms}}",
        "  - {id: arm, driver: pca9685, address: 0x41,",
        "     options: {servoMinPulse: 2000, servoMaxPulse: 1000}}"))
        .extracting(ConfigError::line, ConfigError::message)
        .containsExactly(
            tuple(6, "hold (10ms) must be longer than debounce (20ms, the default)"),
            tuple(8, "servoMaxPulse (1000) must be greater than servoMinPulse (2000)"));
  }

  @Test
  void twoDevicesOnOneI2cAddressOfOneBusAreRefusedButOtherBusesAreFree() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: air-a, driver: bme280, address: 0x76}",
        "  - {id: air-b, driver: bme280, bus: 0, address: 0x76}",
        "  - {id: air-c, driver: bme280, address: 0x76}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(tuple(8, "devices[2].address", "I2C address 0x76 on bus 1 is already "
            + "used by devices[0] (air-a); each pin, address or chip-select belongs to one "
            + "device"));
  }

  @Test
  void oneGpioPinUsedByAnInputAndAnOutputIsRefused() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: start, driver: button, pin: 17}",
        "  - {id: lamp, driver: led, pin: 17}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(tuple(7, "devices[1].pin", "BCM pin 17 is already used by devices[0] "
            + "(start); each pin, address or chip-select belongs to one device"));
  }

  @Test
  void anIrqPinIsAPinOfItsOwnThatNoOtherDeviceMayUse() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - id: wall",
        "    driver: mpr121",
        "    address: 0x5A",
        "    channels: {left: {index: 0}}",
        "    options: {irqPin: 4}",
        "  - {id: start, driver: button, pin: 4}",
        "  - {id: lamp, driver: led, pin: 4}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(
            tuple(11, "devices[1].pin", "BCM pin 4 is already used by devices[0] (wall) irqPin; "
                + "each pin, address or chip-select belongs to one device"),
            tuple(12, "devices[2].pin", "BCM pin 4 is already used by devices[0] (wall) irqPin; "
                + "each pin, address or chip-select belongs to one device"));
  }

  @Test
  void anIrqPinOnAnotherDevicesPinIsRefusedWhereTheOptionIsWritten() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: start, driver: button, pin: 4}",
        "  - id: wall",
        "    driver: mpr121",
        "    address: 0x5A",
        "    channels: {left: {index: 0}}",
        "    options: {irqPin: 4}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(tuple(11, "devices[1].options.irqPin", "BCM pin 4 is already used by "
            + "devices[0] (start); each pin, address or chip-select belongs to one device"));
  }

  @Test
  void checkedOptionsAreTypedForTheGatewayAndAbsentOnesStayAbsent() throws ConfigException {
    Installation inst = InstallationTexts.load(
        "devices:",
        "  - {id: start, driver: button, pin: 5, options: {debounce: 50ms, activeLow: false,"
            + " pull: down}}",
        "  - {id: servos, driver: pca9685, address: 0x40, options: {frequency: 60, servoRange: 90}}");

    assertThat(inst.device("start").orElseThrow().options())
        .containsExactly(java.util.Map.entry("pull", "down"),
            java.util.Map.entry("activeLow", false),
            java.util.Map.entry("debounce", Duration.ofMillis(50)));
    assertThat(inst.device("servos").orElseThrow().options())
        .containsEntry("frequency", 60L).containsEntry("servoRange", 90.0).hasSize(2);
  }

  @Test
  void aSerialPortIsRefusedOnADeviceThatIsNotSerial() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: air, driver: bme280, address: 0x76, port: /dev/serial0}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(tuple(6, "devices[0].port",
            "port is not used by bme280 (an I2C driver; it needs address and bus); remove it"));
  }

  @Test
  void aGpioDeviceOnAPinOfTheI2cBusInUseIsRefusedNamingTheBus() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: air, driver: bme280, address: 0x76}",
        "  - {id: light, driver: bh1750, address: 0x23}",
        "  - {id: start, driver: button, pin: 3}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(tuple(8, "devices[2].pin", "BCM pin 3 is already used by I2C bus 1 "
            + "(SCL) of devices[0] (air); each pin, address or chip-select belongs to one device"));
  }

  @Test
  void anSpiChipWhosePinsAGpioDeviceAlreadyUsesIsRefusedWhereTheBusIsNamed() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: lamp, driver: led, pin: 8}",
        "  - {id: adc, driver: mcp3008, spi: {bus: 0, cs: 0}, channels: {knob: {index: 0}}}",
        "  - {id: adc2, driver: mcp3008, spi: {bus: 0, cs: 1}, channels: {pot: {index: 0}}}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(tuple(7, "devices[1].spi", "SPI bus 0 needs BCM pin 8 (CE0), which is "
            + "already used by devices[0] (lamp); move that device to another pin"));
  }
  @Test
  void gpioDevicesOnTheUartPinsOfADeviceOnTheHeaderUartAreRefusedNamingThePortAndTheLine() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: dust, driver: pms5003, port: /dev/serial0}",
        "  - {id: start, driver: button, pin: 14}",
        "  - {id: lamp, driver: led, pin: 15}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(
            tuple(7, "devices[1].pin", "BCM pin 14 is already used by the Pi's UART /dev/serial0 "
                + "(TXD) of devices[0] (dust); each pin, address or chip-select belongs to one "
                + "device"),
            tuple(8, "devices[2].pin", "BCM pin 15 is already used by the Pi's UART /dev/serial0 "
                + "(RXD) of devices[0] (dust); each pin, address or chip-select belongs to one "
                + "device"));
  }

  @Test
  void aDeviceOnTheHeaderUartWhosePinAGpioDeviceAlreadyUsesIsRefusedWhereThePortIsNamed() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - {id: lamp, driver: led, pin: 14}",
        "  - {id: dust, driver: pms5003, port: /dev/ttyAMA0}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(tuple(7, "devices[1].port", "the Pi's UART /dev/ttyAMA0 of devices[1] "
            + "(dust) needs BCM pin 14 (TXD), which is already used by devices[0] (lamp); move "
            + "that device to another pin"));
  }

  @Test
  void aBoardOnTheHeaderUartTakesItsPinsFromGpio() {
    assertThat(InstallationTexts.errors(
        "boards:",
        "  - {id: uno-1, port: /dev/ttyS0, protocol: streetsense}",
        "devices:",
        "  - {id: fog, driver: board-output, board: uno-1, pin: D4}",
        "  - {id: start, driver: button, pin: 15}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(tuple(9, "devices[1].pin", "BCM pin 15 is already used by the Pi's UART "
            + "/dev/ttyS0 (RXD) of boards[0] (uno-1); each pin, address or chip-select belongs "
            + "to one device"));
  }

  @Test
  void aBoardAndADeviceOnOneSerialPortAreRefusedNamingBoth() {
    assertThat(InstallationTexts.errors(
        "boards:",
        "  - {id: uno-1, port: /dev/ttyUSB0, protocol: streetsense}",
        "devices:",
        "  - {id: fog, driver: board-output, board: uno-1, pin: D4}",
        "  - {id: dust, driver: pms5003, port: /dev/ttyUSB0}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(tuple(9, "devices[1].port", "serial port /dev/ttyUSB0 is already used by "
            + "boards[0] (uno-1); each pin, address or chip-select belongs to one device"));
  }

  @Test
  void twoBoardsOnOneSerialPortAreRefused() {
    assertThat(InstallationTexts.errors(
        "boards:",
        "  - {id: uno-1, port: /dev/ttyACM0, protocol: streetsense}",
        "  - {id: uno-2, port: /dev/ttyACM0, protocol: firmata}",
        "devices:",
        "  - {id: fog, driver: board-output, board: uno-1, pin: D4}",
        "  - {id: flag, driver: board-output, board: uno-2, pin: D4}"))
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .contains(tuple(7, "boards[1].port", "serial port /dev/ttyACM0 is already used by "
            + "boards[0] (uno-1); each pin, address or chip-select belongs to one device"));
  }

  @Test
  void serialPortsOnUsbTakeNoHeaderPin() {
    assertThat(InstallationTexts.errors(
        "boards:",
        "  - {id: uno-1, port: /dev/ttyACM0, protocol: streetsense}",
        "  - {id: nano-1, port: /dev/serial/by-id/usb-Arduino_Nano-if00, protocol: firmata}",
        "devices:",
        "  - {id: fog, driver: board-output, board: uno-1, pin: D4}",
        "  - {id: flag, driver: board-output, board: nano-1, pin: D4}",
        "  - {id: dust, driver: pms5003, port: /dev/ttyUSB0}",
        "  - {id: start, driver: button, pin: 14}",
        "  - {id: lamp, driver: led, pin: 15}")).isEmpty();
  }
}
