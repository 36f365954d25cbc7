package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.pi4j.Pi4jBackend;
import org.streetsense.gateway.hardware.pi4j.Pi4jMockContexts;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.harness.FreePorts;

/**
 * GPIO {@code led} and {@code relay} outputs drive the physical pin level = logical level XOR
 * {@code activeLow} (default false for a led, true for a relay) at open, on every command, at
 * close, when the backend goes away and in {@code safe-outputs}. Read at the simulated pin.
 */
class DevicesActiveLevelTest {

  private static final int LED = 18;
  private static final int RELAY = 23;

  /** A led and a relay with the given options ("" for none), both safe off. */
  private static Installation installation(String ledOptions, String relayOptions, String relaySafe)
      throws ConfigException {
    String yaml = """
        installation: outputs
        site: Unit test bench
        hardware: {backend: simulated, seed: 1}
        devices:
          - {id: lamp, driver: led, pin: %d, safeState: off%s}
          - {id: pump, driver: relay, pin: %d, safeState: %s%s}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:%d"}
        spool: {dir: /tmp/streetsense-active-level-test}
        """.formatted(LED, ledOptions, RELAY, relaySafe, relayOptions, FreePorts.next());
    return InstallationLoader.load("outputs.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Actuator actuator(Devices devices, String id) {
    return devices.actuators().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void defaultActiveLowRelayAndActiveHighLedAreOffAtOpenFollowCommandsAndAreOffAfterClose()
      throws Exception {
    Installation inst = installation("", "", "off");
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
      Actuator lamp = actuator(devices, "lamp");
      Actuator pump = actuator(devices, "pump");

      // open: the safe state, off
      assertThat(backend.pin(LED).level()).as("led pin at open").isFalse();
      assertThat(backend.pin(RELAY).level()).as("active-low relay pin at open").isTrue();
      assertThat(lamp.level()).isZero();
      assertThat(pump.level()).isZero();
      assertThat(pump.safeLevel()).isZero();

      lamp.apply(1.0);
      pump.apply(1.0);
      assertThat(backend.pin(LED).level()).as("led pin on").isTrue();
      assertThat(backend.pin(RELAY).level()).as("relay pin on").isFalse();
      assertThat(lamp.level()).isEqualTo(1.0);
      assertThat(pump.level()).isEqualTo(1.0);

      lamp.apply(0.0);
      pump.apply(0.0);
      assertThat(backend.pin(LED).level()).as("led pin off").isFalse();
      assertThat(backend.pin(RELAY).level()).as("relay pin off").isTrue();
      assertThat(pump.level()).isZero();

      lamp.apply(1.0);
      pump.apply(1.0);
      devices.close();
      assertThat(backend.pin(LED).level()).as("led pin after close").isFalse();
      assertThat(backend.pin(RELAY).level()).as("relay pin after close").isTrue();
    }
  }

  @Test
  void activeLowLedAndActiveHighRelayAsTheFileSaysAreOffAtOpenFollowCommandsAndAreOffAfterClose()
      throws Exception {
    Installation inst = installation(", options: {activeLow: true}",
        ", options: {activeLow: false}", "off");
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
      Actuator lamp = actuator(devices, "lamp");
      Actuator pump = actuator(devices, "pump");

      assertThat(backend.pin(LED).level()).as("active-low led pin at open").isTrue();
      assertThat(backend.pin(RELAY).level()).as("active-high relay pin at open").isFalse();
      assertThat(lamp.level()).isZero();
      assertThat(pump.level()).isZero();

      lamp.apply(1.0);
      pump.apply(1.0);
      assertThat(backend.pin(LED).level()).as("led pin on").isFalse();
      assertThat(backend.pin(RELAY).level()).as("relay pin on").isTrue();
      assertThat(lamp.level()).isEqualTo(1.0);

      lamp.apply(0.0);
      pump.apply(0.0);
      assertThat(backend.pin(LED).level()).as("led pin off").isTrue();
      assertThat(backend.pin(RELAY).level()).as("relay pin off").isFalse();

      lamp.apply(1.0);
      pump.apply(1.0);
      devices.close();
      assertThat(backend.pin(LED).level()).as("led pin after close").isTrue();
      assertThat(backend.pin(RELAY).level()).as("relay pin after close").isFalse();
    }
  }

  @Test
  void activeLowRelayWhoseSafeStateIsOnHoldsItsPinLow() throws Exception {
    Installation inst = installation("", "", "on");
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
      Actuator pump = actuator(devices, "pump");
      assertThat(backend.pin(RELAY).level()).isFalse();
      assertThat(pump.level()).isEqualTo(1.0);
      assertThat(pump.safeLevel()).isEqualTo(1.0);
      pump.apply(0.0);
      assertThat(backend.pin(RELAY).level()).isTrue();
      devices.close();
      assertThat(backend.pin(RELAY).level()).isFalse();
    }
  }

  @Test
  void losingTheHardwareLeavesEveryPinAtItsPhysicalSafeLevelForBothPolarities() throws Exception {
    Installation inst = installation(", options: {activeLow: true}", "", "off");
    SimulatedBackend backend = SimulatedBackend.builder().seed(1).build();
    Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
    Actuator lamp = actuator(devices, "lamp");
    Actuator pump = actuator(devices, "pump");
    lamp.apply(1.0);
    pump.apply(1.0);
    assertThat(backend.pin(LED).level()).isFalse();
    assertThat(backend.pin(RELAY).level()).isFalse();

    backend.close(); // the backend goes away under the actuators, as a Pi4J context shutdown does

    assertThat(backend.pin(LED).level()).as("active-low led pin after loss").isTrue();
    assertThat(backend.pin(RELAY).level()).as("active-low relay pin after loss").isTrue();
    assertThatThrownBy(() -> pump.apply(1.0)).isInstanceOf(HardwareIoException.class);
    lamp.toSafeState();
    assertThat(backend.pin(RELAY).level()).isTrue();
    assertThat(backend.pin(LED).level()).isTrue();
    devices.close();
  }

  @Test
  void safeOutputsAfterACrashDrivesThePhysicalSafeLevelOfBothPolarities() throws Exception {
    Installation inst = installation(", options: {activeLow: true}", "", "off");
    SimulatedBackend backend = SimulatedBackend.builder().seed(1).build();
    // the killed gateway left both loads on: active-low pins low
    backend.pin(LED).setLevel(false);
    backend.pin(RELAY).setLevel(false);

    SafeOutputs.Report report = SafeOutputs.run(inst, backend, Duration.ofMillis(200));

    assertThat(report.outputs()).extracting(SafeOutputs.Output::level).containsExactly(0.0, 0.0);
    assertThat(report.outputs()).allMatch(SafeOutputs.Output::safe);
    assertThat(backend.pin(LED).level()).as("active-low led pin").isTrue();
    assertThat(backend.pin(RELAY).level()).as("active-low relay pin").isTrue();
  }

  @Test
  void safeOutputsDrivesAnActiveHighRelayLow() throws Exception {
    Installation inst = installation("", ", options: {activeLow: false}", "off");
    SimulatedBackend backend = SimulatedBackend.builder().seed(1).build();
    backend.pin(LED).setLevel(true);
    backend.pin(RELAY).setLevel(true);

    SafeOutputs.Report report = SafeOutputs.run(inst, backend, Duration.ofMillis(200));

    assertThat(report.outputs()).allMatch(SafeOutputs.Output::safe);
    assertThat(backend.pin(LED).level()).isFalse();
    assertThat(backend.pin(RELAY).level()).isFalse();
  }

  @Test
  void pi4jDeclaresThePhysicalInitialAndShutdownStatesOfAnActiveLowRelay() throws Exception {
    Installation inst = installation("", "", "off");
    Context context = Pi4jMockContexts.mockContext();
    try (Pi4jBackend backend = Pi4jBackend.builder().context(context, false).build()) {
      Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
      MockDigitalOutput relay = output(context, RELAY);
      MockDigitalOutput led = output(context, LED);
      assertThat(relay.config().initialState()).isEqualTo(DigitalState.HIGH);
      assertThat(relay.config().shutdownState()).isEqualTo(DigitalState.HIGH);
      assertThat(relay.state()).isEqualTo(DigitalState.HIGH);
      assertThat(led.config().initialState()).isEqualTo(DigitalState.LOW);
      assertThat(led.config().shutdownState()).isEqualTo(DigitalState.LOW);

      actuator(devices, "pump").apply(1.0);
      assertThat(relay.state()).isEqualTo(DigitalState.LOW);
      devices.close();
    } finally {
      context.shutdown();
    }
  }

  @Test
  void anActiveLowThatIsNotTrueOrFalseIsRefusedWhenTheFileIsLoaded() {
    assertThatThrownBy(() -> installation("", ", options: {activeLow: \"yes\"}", "off"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("outputs.yaml:6:77: devices[1].options.activeLow")
        .hasMessageContaining("'yes' is not a boolean; allowed true or false");
  }

  private static MockDigitalOutput output(Context context, int pin) {
    return context.registry().all().values().stream()
        .filter(MockDigitalOutput.class::isInstance).map(MockDigitalOutput.class::cast)
        .filter(o -> o.config().address().intValue() == pin).findFirst().orElseThrow();
  }
}
