package org.streetsense.gateway.hardware.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.DigitalInputOptions;
import org.streetsense.gateway.hardware.EdgeEvent;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.PwmOptions;
import org.streetsense.gateway.hardware.SpiDevice;
import org.streetsense.gateway.hardware.SpiOptions;

class SimulatedBackendTest {

  @Test
  void outputHistoriesKeepOnlyTheLatestChangesSoALongRunningRigDoesNotGrow() throws Exception {
    ManualTimeSource clock = new ManualTimeSource();
    SimulatedBackend backend = SimulatedBackend.builder().timeSource(clock).build();
    SimulatedPwmChannel led = (SimulatedPwmChannel) backend.pwm(new PwmOptions(0, 1, 1000));
    SimulatedDigitalOutput relay = (SimulatedDigitalOutput) backend.digitalOutput(
        new org.streetsense.gateway.hardware.DigitalOutputOptions(22, false, false));
    int changes = SimulatedPwmChannel.HISTORY_LIMIT + 1000;
    for (int i = 1; i <= changes; i++) {
      led.set(i / (double) changes, 1000);
      relay.write(i % 2 == 1);
    }

    assertThat(led.history()).hasSize(SimulatedPwmChannel.HISTORY_LIMIT);
    assertThat(led.history().get(led.history().size() - 1).dutyCycle()).isEqualTo(1.0);
    assertThat(relay.history()).hasSize(SimulatedDigitalOutput.HISTORY_LIMIT);
    assertThat(relay.history().get(relay.history().size() - 1).high()).isFalse();
    backend.close();
  }

  @Test
  void pwmRecordsDutyAndFrequencyAndFallsToZeroOnClose() throws Exception {
    ManualTimeSource clock = new ManualTimeSource();
    SimulatedBackend backend = SimulatedBackend.builder().timeSource(clock).build();
    SimulatedPwmChannel led = (SimulatedPwmChannel) backend.pwm(new PwmOptions(0, 1, 1000));

    led.set(0.25, 2000);
    clock.advance(Duration.ofMillis(10));
    led.set(0.5, 2000);
    backend.close();

    assertThat(led.dutyCycle()).isZero();
    assertThat(led.history())
        .extracting(PwmSetting::dutyCycle, PwmSetting::frequencyHz)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0.0, 1000),
            org.assertj.core.groups.Tuple.tuple(0.25, 2000),
            org.assertj.core.groups.Tuple.tuple(0.5, 2000),
            org.assertj.core.groups.Tuple.tuple(0.0, 2000));
    assertThatThrownBy(() -> led.set(1.5, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dutyCycle must be 0.0..1.0");
  }

  @Test
  void spiTransferReachesTheChipOnItsChipSelect() throws Exception {
    try (SimulatedBackend backend = SimulatedBackend.builder().build()) {
      backend.spiBus(0).attach(0, tx -> new byte[] {0, (byte) (tx[1] >> 4 & 0x3), (byte) 0xFF});
      SpiDevice adc = backend.spi(new SpiOptions(0, 0, 0, 1_000_000));

      byte[] rx = adc.transfer(new byte[] {0x01, (byte) 0xB0, 0x00});

      assertThat(rx).containsExactly(0x00, 0x03, 0xFF);
    }
  }

  @Test
  void spiTransferOnAnEmptyChipSelectFailsNamingIt() throws Exception {
    try (SimulatedBackend backend = SimulatedBackend.builder().build()) {
      SpiDevice absent = backend.spi(new SpiOptions(0, 1, 0, 1_000_000));

      assertThatThrownBy(() -> absent.transfer(new byte[3]))
          .isInstanceOfSatisfying(
              HardwareIoException.class,
              e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.UNAVAILABLE))
          .hasMessageContaining("spi-0: nothing on chip select 1");
    }
  }

  @Test
  void spiChipReturningTheWrongLengthIsReported() throws Exception {
    try (SimulatedBackend backend = SimulatedBackend.builder().build()) {
      backend.spiBus(0).attach(0, tx -> new byte[1]);
      SpiDevice device = backend.spi(new SpiOptions(0, 0, 0, 1_000_000));

      assertThatThrownBy(() -> device.transfer(new byte[3]))
          .hasMessageContaining("returned 1 bytes for a 3-byte transfer");
    }
  }

  @Test
  void serialReturnsTheAttachedLinkAndClosesItWithTheBackend() throws Exception {
    SimulatedBackend backend = SimulatedBackend.builder().build();
    InMemoryLink link = new InMemoryLink("/dev/ttyACM0");
    backend.attachSerial("/dev/ttyACM0", () -> link);

    SerialLink opened = backend.serial(new SerialLinkOptions("/dev/ttyACM0", 57600));
    backend.close();

    assertThat(opened).isSameAs(link);
    assertThat(link.closes.get()).isEqualTo(1);
  }

  @Test
  void aLinkHandedOutAgainAndAgainIsHeldOnceAndClosedOnceWithTheBackend() throws Exception {
    SimulatedBackend backend = SimulatedBackend.builder().build();
    InMemoryLink link = new InMemoryLink("/dev/ttyACM0");
    backend.attachSerial("/dev/ttyACM0", () -> link);

    for (int i = 0; i < 1000; i++) {
      backend.serial(new SerialLinkOptions("/dev/ttyACM0", 57600));
    }
    backend.close();

    assertThat(link.closes.get()).as("one close: the backend held it once, not 1000 times")
        .isEqualTo(1);
  }

  @Test
  void linksTheirDeviceClosedAreDroppedAndTheOpenOneIsClosedWithTheBackend() throws Exception {
    SimulatedBackend backend = SimulatedBackend.builder().build();
    List<InMemoryLink> made = new ArrayList<>();
    backend.attachSerial("/dev/ttyACM0", () -> {
      InMemoryLink link = new InMemoryLink("/dev/ttyACM0");
      made.add(link);
      return link;
    });

    for (int i = 0; i < 100; i++) { // a device reopening its port after each loss
      backend.serial(new SerialLinkOptions("/dev/ttyACM0", 57600)).close();
    }
    SerialLink current = backend.serial(new SerialLinkOptions("/dev/ttyACM0", 57600));
    backend.close();

    assertThat(made).hasSize(101).last().isSameAs(current);
    assertThat(made).extracting(l -> l.closes.get())
        .as("each closed once: by its device, or by the backend for the one still open")
        .containsOnly(1);
  }

  @Test
  void serialAtAnUnknownPathFailsUnavailableNamingThePath() {
    try (SimulatedBackend backend = SimulatedBackend.builder().build()) {
      backend.attachSerial("/dev/ttyACM0", () -> new InMemoryLink("/dev/ttyACM0"));

      assertThatThrownBy(() -> backend.serial(new SerialLinkOptions("/dev/ttyUSB3", 57600)))
          .isInstanceOfSatisfying(
              HardwareIoException.class,
              e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.UNAVAILABLE))
          .hasMessageContaining("/dev/ttyUSB3")
          .hasMessageContaining("[/dev/ttyACM0]");
    }
  }

  @Test
  void closedBackendRefusesToOpenAnything() {
    SimulatedBackend backend = SimulatedBackend.builder().build();
    backend.close();
    backend.close();

    assertThatThrownBy(() -> backend.i2c(1, 0x76))
        .isInstanceOf(HardwareIoException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void onRealTimeScriptsRunOnTheBackendsOwnScheduler() throws Exception {
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      DigitalInput input = backend.digitalInput(DigitalInputOptions.of(27));
      List<EdgeEvent> edges = new CopyOnWriteArrayList<>();
      input.onEdge(edges::add);

      backend
          .pin(27)
          .play(EdgeScript.builder().pulse(Duration.ofMillis(5), Duration.ofMillis(10), true).build());

      await().atMost(Duration.ofSeconds(5)).until(() -> edges.size() == 2);
      assertThat(edges).extracting(EdgeEvent::high).containsExactly(true, false);
      assertThat(edges.get(1).monotonicNanos()).isGreaterThan(edges.get(0).monotonicNanos());
    }
  }

  @Test
  void derivedSeedsAreStablePerStreamName() {
    SimulatedBackend a = SimulatedBackend.builder().seed(9).build();
    SimulatedBackend b = SimulatedBackend.builder().seed(9).build();
    try (a; b) {
      assertThat(a.seedFor("light")).isEqualTo(b.seedFor("light"));
      assertThat(a.seedFor("light")).isNotEqualTo(a.seedFor("temperature"));
    }
  }

  /** Minimal in-memory link: records closes. */
  private static final class InMemoryLink implements SerialLink {
    private final String path;
    final AtomicInteger closes = new AtomicInteger();

    InMemoryLink(String path) {
      this.path = path;
    }

    @Override
    public String portName() {
      return path;
    }

    @Override
    public void open() {}

    @Override
    public boolean isOpen() {
      return closes.get() == 0;
    }

    @Override
    public void onData(Consumer<byte[]> handler) {}

    @Override
    public void onDisconnect(Consumer<Throwable> handler) {}

    @Override
    public CompletionStage<Void> write(byte[] data) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }
}
