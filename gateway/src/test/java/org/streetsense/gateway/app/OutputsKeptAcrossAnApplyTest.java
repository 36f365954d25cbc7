package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streetsense.gateway.app.SimulatedOutputs.actuator;
import static org.streetsense.gateway.app.SimulatedOutputs.pca9685;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.dmx.DmxFixture;
import org.streetsense.gateway.dmx.DmxOutputs;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;

/**
 * Which outputs an apply keeps (decision 0364), and the hand-over of the kept ones from one
 * file's devices and DMX outputs to the next one's, judged at the simulated pin, the simulated
 * PCA9685 and the DMX frame. The file has DMX and safety sections, so it is written here; what is
 * read at the output comes from {@link SimulatedOutputs}.
 */
class OutputsKeptAcrossAnApplyTest {

  private static final int LAMP_PIN = 12;
  private static final int SIGN_PIN = 13;

  /** {@code lampPin}, {@code signOps}, the universe's {@code fps} and the sensor's period vary. */
  private static Installation file(int lampPin, String signOps, int fps, String period) throws Exception {
    String yaml = """
        installation: keep-unit
        site: Unit test bench
        hardware: {backend: simulated, seed: 1}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: %s}
          - {id: lamp, driver: led, pin: %d}
          - {id: sign, driver: led, pin: %d}
          - id: strip
            driver: pca9685
            address: 0x40
            options: {frequency: 1000}
            channels:
              warm: {index: 3}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:1"}
        spool: {dir: /tmp/streetsense-keep-unit}
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 127.0.0.1, universe: 0, fps: %d}
          fixtures:
            - {id: wash, universe: street, address: 1, profile: dimmer-rgb-strobe}
        safety:
          timezone: UTC
          actuators:
            lamp: {kind: light, operations: [on, off]}
            sign: {kind: light, operations: [%s]}
            strip/warm: {kind: light, operations: [set]}
            wash: {kind: light, operations: [set]}
        """.formatted(period, lampPin, SIGN_PIN, fps, signOps);
    return InstallationLoader.load("keep.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Installation before() throws Exception {
    return file(LAMP_PIN, "on, off", 40, "1s");
  }

  @Test
  void aFileThatChangesOnlyASensorKeepsEveryOutput() throws Exception {
    UnchangedOutputs kept = UnchangedOutputs.between(before(), file(LAMP_PIN, "on, off", 40, "2s"));

    assertThat(kept.devices()).containsExactlyInAnyOrder("lamp", "sign", "strip");
    assertThat(kept.universes()).containsExactly("street");
    assertThat(kept.fixtures()).containsExactly("wash");
    assertThat(kept.actuators()).containsExactlyInAnyOrder("lamp", "sign", "strip/warm", "wash",
        "wash/strobe");
  }

  @Test
  void anOutputWhoseDeviceEntryOrSafetyEntryChangedIsNotKept() throws Exception {
    assertThat(UnchangedOutputs.between(before(), file(LAMP_PIN + 4, "on, off", 40, "1s")).devices())
        .as("the lamp moved to another pin").containsExactlyInAnyOrder("sign", "strip");
    assertThat(UnchangedOutputs.between(before(), file(LAMP_PIN, "on, off, pulse", 40, "1s")).actuators())
        .as("the sign's safety entry allows a pulse now").doesNotContain("sign").contains("lamp");
  }

  private static Installation head(String panRange) throws Exception {
    String yaml = """
        installation: keep-head
        site: Unit test bench
        hardware: {backend: simulated, seed: 1}
        devices:
          - {id: light, driver: bh1750, address: 0x23}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:1"}
        spool: {dir: /tmp/streetsense-keep-head}
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 127.0.0.1, universe: 0}
          fixtures:
            - {id: head, universe: street, address: 40, channels: [pan, pan-fine, tilt, dimmer]}
        safety:
          timezone: UTC
          actuators:
            head: {operations: [set, fade]}
            head/pan: {operations: [set, fade], range: {min: %s, max: 0.8}}
            head/tilt: {operations: [set, fade]}
        """.formatted(panRange);
    return InstallationLoader.load("head.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aMovingHeadIsKeptWithAllItsAxesAndNotKeptWhenOnlyItsPanSafetyEntryChanged() throws Exception {
    assertThat(UnchangedOutputs.between(head("0.2"), head("0.2")).actuators())
        .containsExactlyInAnyOrder("head", "head/pan", "head/tilt");
    UnchangedOutputs narrowed = UnchangedOutputs.between(head("0.2"), head("0.4"));
    assertThat(narrowed.fixtures()).as("the pan range narrowed: the head goes home").isEmpty();
    assertThat(narrowed.actuators()).isEmpty();
  }

  @Test
  void aFixtureWhoseUniverseSendsDifferentlyIsNotKept() throws Exception {
    UnchangedOutputs kept = UnchangedOutputs.between(before(), file(LAMP_PIN, "on, off", 30, "1s"));

    assertThat(kept.universes()).isEmpty();
    assertThat(kept.fixtures()).isEmpty();
    assertThat(kept.devices()).containsExactlyInAnyOrder("lamp", "sign", "strip");
  }

  @Test
  void theNextDevicesTakeTheKeptOutputsOpenAtTheirLevelsAndTheChangedOneWentSafe() throws Exception {
    Installation before = before();
    Installation after = file(LAMP_PIN, "on, off, pulse", 40, "2s");
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      SimulatedInstallation.populate(backend, before);
      Devices first = Devices.open(before, backend, InteractionPlan.from(before), o -> { });
      actuator(first, "lamp").apply(1.0);
      actuator(first, "sign").apply(1.0);
      actuator(first, "strip/warm").apply(0.5);
      List<Object> lampEdges = new java.util.concurrent.CopyOnWriteArrayList<>();
      backend.pin(LAMP_PIN).onEdge(lampEdges::add);

      Devices.Kept kept = first.closeKeeping(UnchangedOutputs.between(before, after).devices());
      Devices second = Devices.open(after, backend, InteractionPlan.from(after), o -> { }, kept);

      assertThat(backend.pin(LAMP_PIN).level()).as("the lamp stayed lit").isTrue();
      assertThat(lampEdges).as("and its pin never left its level").isEmpty();
      assertThat(actuator(second, "lamp")).isSameAs(actuator(first, "lamp"));
      assertThat(pca9685(backend, 0x40).dutyCycle(3)).isEqualTo(0.5);
      assertThat(actuator(second, "strip/warm").level()).isEqualTo(0.5);
      assertThat(backend.pin(SIGN_PIN).level()).as("the changed sign is at its safe level").isFalse();
      assertThat(actuator(second, "sign")).isNotSameAs(actuator(first, "sign"));

      second.close();
      assertThat(backend.pin(LAMP_PIN).level()).as("a stop still ends it safe").isFalse();
    }
  }

  @Test
  void theNextDmxOutputsTakeAKeptFixtureWithItsLevel() throws Exception {
    Installation before = before();
    DmxOutputs first = DmxOutputs.open(before.dmx().universes(), before.dmx().fixtures());
    DmxFixture wash = first.fixtures().get(0);
    wash.apply(0.7);

    DmxOutputs.Kept kept = first.closeKeeping(Set.of("street"), Set.of("wash"));
    assertThat(kept.actuatorIds()).containsExactly("wash", "wash/strobe");
    DmxOutputs second = DmxOutputs.open(before.dmx().universes(), before.dmx().fixtures(), kept);
    try {
      assertThat(second.fixtures()).containsExactly(wash);
      assertThat(wash.level()).isEqualTo(0.7);
      assertThat(wash.channels()[0]).as("the dimmer channel as sent").isEqualTo((int) Math.round(0.7 * 255));
    } finally {
      second.close();
    }
    assertThat(wash.level()).isZero();
  }
}
