package org.streetsense.gateway.hardware.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streetsense.gateway.hardware.pi4j.Pi4jMockContexts.mockContext;
import static org.streetsense.gateway.hardware.pi4j.Pi4jMockContexts.only;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.pwm.MockPwm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.DigitalInputOptions;
import org.streetsense.gateway.hardware.DigitalOutput;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.EdgeEvent;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.PullResistance;
import org.streetsense.gateway.hardware.PwmChannel;
import org.streetsense.gateway.hardware.PwmOptions;
import org.streetsense.gateway.hardware.SpiDevice;
import org.streetsense.gateway.hardware.SpiOptions;

class Pi4jBackendTest {

  private final ManualTimeSource clock = new ManualTimeSource();
  private final Context context = mockContext();
  private final Pi4jBackend backend =
      Pi4jBackend.builder().context(context, false).timeSource(clock).build();

  @AfterEach
  void close() {
    backend.close();
    context.shutdown();
  }

  @Test
  void inputEdgesAreStampedWithTheBackendsMonotonicClock() throws Exception {
    DigitalInput button =
        backend.digitalInput(new DigitalInputOptions(5, PullResistance.PULL_UP, Duration.ZERO));
    List<EdgeEvent> edges = new CopyOnWriteArrayList<>();
    button.onEdge(edges::add);
    MockDigitalInput mock = only(context, MockDigitalInput.class);
    long start = clock.monotonicNanos();

    mock.mockState(DigitalState.HIGH);
    clock.advance(Duration.ofMillis(120));
    mock.mockState(DigitalState.LOW);

    assertThat(edges)
        .containsExactly(
            new EdgeEvent(5, true, start), new EdgeEvent(5, false, start + 120_000_000L));
    assertThat(button.read()).isFalse();
  }

  @Test
  void inputPassesPullAndDebounceInMicroseconds() throws Exception {
    backend.digitalInput(new DigitalInputOptions(6, PullResistance.PULL_DOWN, Duration.ofMillis(2)));

    MockDigitalInput mock = only(context, MockDigitalInput.class);
    assertThat(mock.config().pull()).isEqualTo(com.pi4j.io.gpio.digital.PullResistance.PULL_DOWN);
    assertThat(mock.config().debounce()).isEqualTo(2000L);
    assertThat(mock.config().address()).isEqualTo(6);
  }

  @Test
  void zeroDebounceTurnsPi4jsDefaultDebounceOff() throws Exception {
    backend.digitalInput(DigitalInputOptions.of(7));

    assertThat(only(context, MockDigitalInput.class).config().debounce()).isZero();
  }

  @Test
  void closedInputStopsDeliveringAndReleasesThePin() throws Exception {
    DigitalInput input = backend.digitalInput(DigitalInputOptions.of(8));
    List<EdgeEvent> edges = new CopyOnWriteArrayList<>();
    input.onEdge(edges::add);
    MockDigitalInput mock = only(context, MockDigitalInput.class);

    input.close();
    mock.mockState(DigitalState.HIGH);

    assertThat(edges).isEmpty();
    assertThat(context.registry().all()).isEmpty();
    assertThatThrownBy(input::read).isInstanceOf(HardwareIoException.class);
  }

  @Test
  void outputDeclaresInitialAndShutdownStatesToPi4j() throws Exception {
    DigitalOutput relay = backend.digitalOutput(new DigitalOutputOptions(22, true, false));
    MockDigitalOutput mock = only(context, MockDigitalOutput.class);

    assertThat(mock.config().initialState()).isEqualTo(DigitalState.HIGH);
    assertThat(mock.config().shutdownState()).isEqualTo(DigitalState.LOW);
    assertThat(mock.state()).isEqualTo(DigitalState.HIGH);
    assertThat(relay.state()).isTrue();

    relay.write(false);
    assertThat(mock.state()).isEqualTo(DigitalState.LOW);
  }

  @Test
  void closingTheBackendDrivesOutputsToTheirShutdownStatesAndReleasesThem() throws Exception {
    DigitalOutput lock = backend.digitalOutput(new DigitalOutputOptions(23, false, true));
    PwmChannel led = backend.pwm(new PwmOptions(0, 1, 1000));
    led.set(0.4, 1000);
    MockDigitalOutput mockOutput = only(context, MockDigitalOutput.class);
    MockPwm mockPwm = only(context, MockPwm.class);

    backend.close();

    assertThat(mockOutput.state()).isEqualTo(DigitalState.HIGH);
    assertThat(lock.state()).isTrue();
    assertThat(mockPwm.isOn()).isFalse();
    assertThat(led.dutyCycle()).isZero();
    assertThat(context.registry().all()).isEmpty();
    assertThatThrownBy(() -> lock.write(false))
        .isInstanceOfSatisfying(
            HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.UNAVAILABLE));
  }

  @Test
  void aPinCanBeReopenedAfterCloseBecauseIdsAreNeverReused() throws Exception {
    backend.digitalOutput(DigitalOutputOptions.lowWhenIdle(12)).close();

    DigitalOutput again = backend.digitalOutput(DigitalOutputOptions.lowWhenIdle(12));

    assertThat(again.pin()).isEqualTo(12);
  }

  @Test
  void pinAlreadyOpenIsReportedUnavailable() throws Exception {
    backend.digitalOutput(DigitalOutputOptions.lowWhenIdle(13));

    assertThatThrownBy(() -> backend.digitalInput(DigitalInputOptions.of(13)))
        .isInstanceOfSatisfying(
            HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.UNAVAILABLE))
        .hasMessageStartingWith("gpio 13: open as input failed");
  }

  @Test
  void i2cWriteAndReadGoThroughPi4jRawTransfers() throws Exception {
    I2cDevice device = backend.i2c(1, 0x76);
    byte[] buffer = new byte[3];

    device.write(new byte[] {1, 2, 3});
    device.read(buffer);

    assertThat(buffer).containsExactly(1, 2, 3);
    assertThat(device.bus()).isEqualTo(1);
    assertThat(device.address()).isEqualTo(0x76);
  }

  @Test
  void i2cWriteReadGoesThroughPi4jReadRegister() throws Exception {
    I2cDevice device = backend.i2c(1, 0x48);
    MockI2C mock = only(context, MockI2C.class);
    mock.writeRegister(0x10, new byte[] {9, 8});
    byte[] buffer = new byte[2];

    // Pi4J's mock reads the register address as two bytes, least significant first.
    device.writeRead(new byte[] {0x10, 0x00}, buffer);

    assertThat(buffer).containsExactly(9, 8);
  }

  @Test
  void i2cShortReadFailsNamingBusAndAddress() throws Exception {
    I2cDevice device = backend.i2c(1, 0x76);

    assertThatThrownBy(() -> device.read(new byte[2]))
        .isInstanceOfSatisfying(
            HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.OTHER))
        .hasMessage("i2c-1 0x76: read transferred 0 of 2 bytes");
  }

  @Test
  void i2cExceptionFromPi4jBecomesHardwareIoExceptionNamingBusAndAddress() throws Exception {
    I2cDevice device = backend.i2c(1, 0x23);

    assertThatThrownBy(() -> device.readRegister(0x10))
        .isInstanceOf(HardwareIoException.class)
        .hasMessageStartingWith("i2c-1 0x23: write 1 then read 1 bytes failed");
  }

  @Test
  void spiTransfersThroughPi4jsLoopback() throws Exception {
    SpiDevice adc = backend.spi(new SpiOptions(0, 0, 0, 1_350_000));

    byte[] first = adc.transfer(new byte[] {0x01, (byte) 0x80, 0x00});
    byte[] second = adc.transfer(new byte[] {0x01, (byte) 0x90, 0x00});

    assertThat(first).containsExactly(0, 0, 0);
    assertThat(second).containsExactly(0x01, 0x80, 0x00);
  }

  @Test
  void pwmSetsPercentDutyAndFrequencyOnPi4j() throws Exception {
    PwmChannel fan = backend.pwm(new PwmOptions(0, 2, 25_000));
    MockPwm mock = only(context, MockPwm.class);

    fan.set(0.25, 20_000);

    assertThat(mock.getDutyCycle()).isEqualTo(25.0f);
    assertThat(mock.getFrequency()).isEqualTo(20_000);
    assertThat(mock.isOn()).isTrue();
    assertThat(fan.dutyCycle()).isEqualTo(0.25);
    assertThat(mock.config().address()).isEqualTo(2);
  }

  @Test
  void pwmOnAnotherChipIsUnavailable() {
    assertThatThrownBy(() -> backend.pwm(new PwmOptions(2, 0, 1000)))
        .isInstanceOfSatisfying(
            HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.UNAVAILABLE))
        .hasMessageContaining("drives pwmchip0 only");
  }

  @Test
  void serialWithoutALinkFactoryIsUnavailableAndPointsToTheFirmwareBridge() {
    assertThatThrownBy(() -> backend.serial(new SerialLinkOptions("/dev/ttyACM0", 57600)))
        .isInstanceOfSatisfying(
            HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.UNAVAILABLE))
        .hasMessageContaining("/dev/ttyACM0")
        .hasMessageContaining("firmware bridge");
  }

  @Test
  void serialDelegatesToTheConfiguredLinkFactory() throws Exception {
    Context other = mockContext();
    List<SerialLinkOptions> asked = new CopyOnWriteArrayList<>();
    try (Pi4jBackend withSerial =
        Pi4jBackend.builder()
            .context(other, true)
            .serialLinks(
                options -> {
                  asked.add(options);
                  throw new IllegalStateException("port busy");
                })
            .build()) {
      SerialLinkOptions options = new SerialLinkOptions("/dev/ttyUSB0", 115200);

      assertThatThrownBy(() -> withSerial.serial(options))
          .isInstanceOf(HardwareIoException.class)
          .hasMessageContaining("serial /dev/ttyUSB0: open failed")
          .hasMessageContaining("port busy");
      assertThat(asked).containsExactly(options);
    }
    assertThat(other.isShutdown()).as("an owned context is shut down with the backend").isTrue();
  }

  @Test
  void closedBackendRefusesToOpen() {
    backend.close();

    assertThatThrownBy(() -> backend.i2c(1, 0x76))
        .isInstanceOf(HardwareIoException.class)
        .hasMessageContaining("closed");
  }
}
