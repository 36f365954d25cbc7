package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.BusFault;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cBus;
import org.streetsense.gateway.status.DeviceState;
import org.streetsense.gateway.status.DeviceStatus;
import org.streetsense.harness.FreePorts;

/**
 * Issue 14, item 5: a device's health comes from the kind of its error, never the message. A
 * running light sensor on the simulated bus shows ABSENT for a NACK and for a bus that is gone,
 * FAULT for a timeout, and OK again once the fault clears; the same kinds from Pi4J give the
 * same states ({@code SameFaultSameKindTest} proves the kinds agree).
 */
@Timeout(60)
class DeviceHealthFromKindTest {

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("nack", (Consumer<SimulatedI2cBus>) b -> b.injectFault(0x23, BusFault.nackUntilCleared()),
            (Consumer<SimulatedI2cBus>) b -> b.clearFault(0x23), DeviceState.ABSENT, "NACK"),
        Arguments.of("timeout", (Consumer<SimulatedI2cBus>) b -> b.injectFault(0x23, BusFault.timeoutUntilCleared()),
            (Consumer<SimulatedI2cBus>) b -> b.clearFault(0x23), DeviceState.FAULT, "TIMEOUT"),
        Arguments.of("bus gone", (Consumer<SimulatedI2cBus>) b -> b.setGone(true),
            (Consumer<SimulatedI2cBus>) b -> b.setGone(false), DeviceState.ABSENT, "BUS_GONE"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void aRunningSensorShowsTheStateOfItsErrorsKind(String name, Consumer<SimulatedI2cBus> inject,
      Consumer<SimulatedI2cBus> clear, DeviceState expected, String kind) throws Exception {
    String yaml = """
        installation: health
        site: Unit test bench
        hardware: {backend: simulated, seed: 1}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 100ms}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:%d"}
        spool: {dir: /tmp/streetsense-health-test}
        """.formatted(FreePorts.next());
    Installation inst = InstallationLoader.load("health.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      SimulatedInstallation.populate(backend, inst);
      try (Devices devices = Devices.open(inst, backend, InteractionPlan.from(inst), o -> { })) {
        devices.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> state(devices) == DeviceState.OK);

        inject.accept(backend.i2cBus(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> state(devices) == expected);
        assertThat(devices.statuses().get(0).lastError()).contains(kind);

        clear.accept(backend.i2cBus(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> state(devices) == DeviceState.OK);
      }
    }
  }

  @Test
  void everyKindHasAStateAndOnlyAbsenceShowsAsAbsent() {
    assertThat(Devices.health(HardwareIoException.Kind.NACK)).isEqualTo(DeviceState.ABSENT);
    assertThat(Devices.health(HardwareIoException.Kind.BUS_GONE)).isEqualTo(DeviceState.ABSENT);
    assertThat(Devices.health(HardwareIoException.Kind.TIMEOUT)).isEqualTo(DeviceState.FAULT);
    assertThat(Devices.health(HardwareIoException.Kind.UNAVAILABLE)).isEqualTo(DeviceState.FAULT);
    assertThat(Devices.health(HardwareIoException.Kind.OTHER)).isEqualTo(DeviceState.FAULT);
  }

  private static DeviceState state(Devices devices) {
    DeviceStatus s = devices.statuses().get(0);
    return s.state();
  }
}
