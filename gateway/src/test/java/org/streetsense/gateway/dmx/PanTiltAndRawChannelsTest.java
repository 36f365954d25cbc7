package org.streetsense.gateway.dmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.command.CommandResult;
import org.streetsense.gateway.command.CommandStatus;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;

/**
 * Pan, tilt (with their 16-bit fine channels) and raw channels: what a moving head's channels
 * carry at its safe look, after position commands through the safety policy, and in a blackout.
 */
@Timeout(20)
class PanTiltAndRawChannelsTest {

  // moving-head at 101: pan 101, pan-fine 102, tilt 103, tilt-fine 104, speed (raw 0) 105,
  // dimmer 106, strobe 107, red 108, green 109, blue 110, white 111, programs (raw 0) 112
  private static FixtureOptions head(double safeLevel, double safePan, double safeTilt) {
    return new FixtureOptions("head", "street", 101, FixtureProfiles.MOVING_HEAD,
        new int[] {255, 255, 255, 255}, safeLevel, new int[] {255, 200, 100, 0}, 3, safePan,
        safeTilt);
  }

  /** A custom layout: dimmer, pan and tilt 8-bit, a mode channel held at 200. */
  private static final FixtureProfile SMALL = new FixtureProfile("small", "test",
      List.of(ChannelRole.RAW, ChannelRole.DIMMER, ChannelRole.PAN, ChannelRole.TILT),
      Optional.empty(), Map.of(0, 200));

  @Test
  void theSafeLookIsDarkWithPanAndTiltAtTheCentreAndRawChannelsAtTheirValues() throws Exception {
    DmxFixtureTest.Frame f = new DmxFixtureTest.Frame();
    new DmxFixture(new FixtureOptions("head", "street", 101, FixtureProfiles.MOVING_HEAD,
        new int[] {255, 255, 255, 255}, 0, new int[] {255, 255, 255, 255}, 3), f);

    // 0.5 of 16 bits is 32768 = 128 * 256 + 0
    assertThat(f.values).containsEntry(101, 128).containsEntry(102, 0).containsEntry(103, 128)
        .containsEntry(104, 0).containsEntry(105, 0).containsEntry(106, 0).containsEntry(107, 0)
        .containsEntry(108, 0).containsEntry(111, 0).containsEntry(112, 0);
  }

  @Test
  void aDeclaredHomeIsTheSafePositionAndPositionsAreSixteenBit() throws Exception {
    DmxFixtureTest.Frame f = new DmxFixtureTest.Frame();
    DmxFixture head = new DmxFixture(head(0.2, 0.25, 0.6), f);

    // 0.25 * 65535 = 16384 (64, 0); 0.6 * 65535 = 39321 = 0x9999 (153, 153)
    assertThat(f.values).containsEntry(101, 64).containsEntry(102, 0).containsEntry(103, 153)
        .containsEntry(104, 153).containsEntry(106, 51).containsEntry(108, 255).containsEntry(109, 200);
    assertThat(head.pan().safeLevel()).isEqualTo(0.25);
    assertThat(head.tilt().safeLevel()).isEqualTo(0.6);
    assertThat(head.pan().kind()).isEqualTo(ActuatorKind.MOTION);
    assertThat(head.actuators()).extracting(Actuator::id)
        .containsExactly("head", "head/strobe", "head/pan", "head/tilt");

    head.pan().apply(1);
    head.tilt().apply(0);
    assertThat(f.values).containsEntry(101, 255).containsEntry(102, 255).containsEntry(103, 0)
        .containsEntry(104, 0);
    head.pan().toSafeState();
    head.tilt().toSafeState();
    assertThat(f.values).containsEntry(101, 64).containsEntry(103, 153).containsEntry(104, 153);
  }

  @Test
  void withoutAFineChannelAPositionIsEightBitAndRawChannelsHoldTheirValueInEveryLook() throws Exception {
    DmxFixtureTest.Frame f = new DmxFixtureTest.Frame();
    DmxFixture mover = new DmxFixture(new FixtureOptions("mover", "street", 1, SMALL, new int[0],
        0, new int[0], 3, 0.5, 0.5), f);

    assertThat(f.values).containsEntry(1, 200).containsEntry(2, 0).containsEntry(3, 128)
        .containsEntry(4, 128);
    mover.apply(1);
    mover.pan().apply(0.3);
    assertThat(f.values).containsEntry(1, 200).containsEntry(2, 255).containsEntry(3, 77);
    mover.toSafeState();
    assertThat(f.values).containsEntry(1, 200).containsEntry(2, 0).containsEntry(3, 77);
  }

  @Test
  void aBlackoutKeepsTheHomePositionAndRawValuesAndDarkensTheLight() throws Exception {
    DmxFixtureTest.Frame f = new DmxFixtureTest.Frame();
    DmxFixture head = new DmxFixture(new FixtureOptions("head", "street", 101,
        new FixtureProfile("head", "test", List.of(ChannelRole.PAN, ChannelRole.PAN_FINE,
            ChannelRole.TILT, ChannelRole.RAW, ChannelRole.DIMMER, ChannelRole.RED),
            Optional.empty(), Map.of(3, 17)), new int[] {255}, 0.5, new int[] {255}, 3, 0.25, 0.75),
        f);
    head.pan().apply(0.9);
    head.apply(1);

    // what the universe sends at a blackout stop: home, raw 17, light 0
    assertThat(f.blackout).containsEntry(101, 64).containsEntry(102, 0).containsEntry(103, 191)
        .containsEntry(104, 17).containsEntry(105, 0).containsEntry(106, 0);
  }

  @Test
  void aProfileRefusesARawChannelWithoutValueAFineChannelAloneAndRolesTwice() throws Exception {
    assertThatThrownBy(() -> new FixtureProfile("x", "x", List.of(ChannelRole.RAW),
        Optional.empty())).hasMessageContaining("raw channel 1 needs a value 0..255");
    assertThatThrownBy(() -> new FixtureProfile("x", "x", List.of(ChannelRole.RAW),
        Optional.empty(), Map.of(0, 256))).hasMessageContaining("value must be 0..255, was 256");
    assertThatThrownBy(() -> new FixtureProfile("x", "x", List.of(ChannelRole.TILT_FINE),
        Optional.empty())).hasMessageContaining("tilt-fine needs a tilt channel");
    assertThatThrownBy(() -> new FixtureProfile("x", "x", List.of(ChannelRole.PAN, ChannelRole.PAN),
        Optional.empty())).hasMessageContaining("each channel role at most once");
    assertThat(new FixtureProfile("x", "x", List.of(ChannelRole.RAW, ChannelRole.RAW),
        Optional.empty(), Map.of(0, 1, 1, 2)).channels()).hasSize(2);
    assertThatThrownBy(() -> new FixtureOptions("head", "street", 502, FixtureProfiles.MOVING_HEAD,
        new int[4], 0, new int[4], 3)).hasMessageContaining("a 12-channel fixture starts at 1..501");
    assertThatThrownBy(() -> head(0, 1.5, 0.5)).hasMessageContaining("safePan and safeTilt must be 0..1");
  }

  /** A frame that also records every 16-bit pan value written at channels 101 and 102. */
  private static final class PanHistory extends DmxFixtureTest.Frame {
    final List<Integer> pans = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void write(int address, int[] v) {
      super.write(address, v);
      pans.add(value(101) * 256 + value(102));
    }
  }

  @Test
  void positionCommandsPassThePolicyAndFadePanAndTiltTogether() throws Exception {
    PanHistory f = new PanHistory();
    DmxFixture head = new DmxFixture(head(0, 0.5, 0.5), f);
    SafetyPolicy policy = new SafetyPolicy(List.of(
        ActuatorLimits.builder("head/pan").operations(EnumSet.of(Operation.SET, Operation.FADE))
            .range(0.2, 0.8).build(),
        ActuatorLimits.builder("head/tilt").operations(EnumSet.of(Operation.SET, Operation.FADE))
            .build()), QuietHours.none(), System::currentTimeMillis, System::nanoTime);
    List<CommandResult> results = new CopyOnWriteArrayList<>();
    try (CommandProcessor processor = new CommandProcessor(head.actuators(), policy,
        TimeSource.system(), CommandProcessorOptions.defaults())) {
      processor.onResult(results::add);

      processor.submit(command("too-far", "head/pan", Operation.SET, 0.9, Duration.ZERO));
      processor.submit(command("not-a-number", "head/tilt", Operation.SET, Double.NaN, Duration.ZERO));
      await().atMost(Duration.ofSeconds(5)).until(() -> results.size() == 2);
      assertThat(results).allMatch(r -> r.status() == CommandStatus.REJECTED);
      CommandResult tooFar = results.stream().filter(r -> r.commandId().equals("too-far"))
          .findFirst().orElseThrow();
      assertThat(tooFar.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
      assertThat(tooFar.detail()).contains("out of range 0.2..0.8 for 'head/pan'");
      assertThat(f.value(101)).isEqualTo(128);
      assertThat(f.value(103)).isEqualTo(128);

      f.pans.clear();
      processor.submit(command("pan", "head/pan", Operation.FADE, 0.25, Duration.ofMillis(600)));
      processor.submit(command("tilt", "head/tilt", Operation.FADE, 1, Duration.ofMillis(600)));
      await().atMost(Duration.ofSeconds(5)).until(() -> results.stream()
          .filter(r -> r.status() == CommandStatus.DONE).count() == 2);
      assertThat(f.value(101)).isEqualTo(64);
      assertThat(f.value(102)).isEqualTo(0);
      assertThat(f.value(103)).isEqualTo(255);
      assertThat(f.value(104)).isEqualTo(255);
      // the pan moved down step by step, never back up
      List<Integer> seen = new ArrayList<>(f.pans);
      assertThat(seen).hasSizeGreaterThan(5).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
      assertThat(seen).contains(16384).anyMatch(v -> v > 16384 && v < 32768);
    }
  }

  @Test
  void onAndOffOnAPositionAreRefusedEvenWhenTheAllowListLetsThemThrough() throws Exception {
    DmxFixtureTest.Frame f = new DmxFixtureTest.Frame();
    DmxFixture head = new DmxFixture(head(0, 0.5, 0.5), f);
    // an allow-list validate would refuse: on, off and color listed for a position
    SafetyPolicy policy = new SafetyPolicy(List.of(
        ActuatorLimits.builder("head/pan").operations(EnumSet.of(Operation.SET, Operation.ON,
            Operation.OFF, Operation.COLOR)).build()), QuietHours.none(), System::currentTimeMillis,
        System::nanoTime);
    List<CommandResult> results = new CopyOnWriteArrayList<>();
    try (CommandProcessor processor = new CommandProcessor(head.actuators(), policy,
        TimeSource.system(), CommandProcessorOptions.defaults())) {
      processor.onResult(results::add);

      processor.submit(command("on", "head/pan", Operation.ON, Double.NaN, Duration.ZERO));
      processor.submit(command("off", "head/pan", Operation.OFF, Double.NaN, Duration.ZERO));
      processor.submit(new Command("color", "color", "head/pan", Operation.COLOR, Double.NaN,
          Duration.ZERO, Long.MAX_VALUE, CommandSource.REFLEX, List.of(255, 0, 0)));
      await().atMost(Duration.ofSeconds(5)).until(() -> results.size() == 3);

      assertThat(results).allMatch(r -> r.status() == CommandStatus.REJECTED
          && r.reason() == RejectReason.NOT_ALLOWED);
      assertThat(results.stream().filter(r -> r.commandId().equals("on")).findFirst().orElseThrow()
          .detail()).contains("'head/pan' is a position 0..1: operation 'on' is not one of a "
              + "position (set, fade, pulse, safe)");
      // still at home: 0.5 of 16 bits
      assertThat(f.value(101)).isEqualTo(128);
      assertThat(f.value(102)).isEqualTo(0);
      assertThat(head.pan().level()).isEqualTo(0.5);
    }
  }

  @Test
  void aFixtureOfPanAndTiltOnlyOffersNoDimmerToCommand() throws Exception {
    FixtureProfile yoke = new FixtureProfile("yoke", "test",
        List.of(ChannelRole.PAN, ChannelRole.TILT, ChannelRole.RAW), Optional.empty(), Map.of(2, 9));
    DmxFixtureTest.Frame f = new DmxFixtureTest.Frame();
    DmxFixture fixture = new DmxFixture(new FixtureOptions("yoke", "street", 1, yoke, new int[0], 0,
        new int[0], 3), f);
    assertThat(fixture.actuators()).extracting(Actuator::id).containsExactly("yoke/pan", "yoke/tilt");

    SafetyPolicy policy = new SafetyPolicy(List.of(ActuatorLimits.builder("yoke")
        .operations(EnumSet.of(Operation.SET)).build()), QuietHours.none(),
        System::currentTimeMillis, System::nanoTime);
    List<CommandResult> results = new CopyOnWriteArrayList<>();
    try (CommandProcessor processor = new CommandProcessor(fixture.actuators(), policy,
        TimeSource.system(), CommandProcessorOptions.defaults())) {
      processor.onResult(results::add);
      processor.submit(command("up", "yoke", Operation.SET, 1, Duration.ZERO));
      await().atMost(Duration.ofSeconds(5)).until(() -> results.size() == 1);
    }
    assertThat(results.get(0).status()).isEqualTo(CommandStatus.REJECTED);
    assertThat(results.get(0).reason()).isEqualTo(RejectReason.UNKNOWN_ACTUATOR);
    assertThat(f.value(1)).isEqualTo(128);
    assertThat(f.value(3)).isEqualTo(9);
  }

  private static Command command(String id, String actuator, Operation op, double value, Duration d) {
    return new Command(id, id, actuator, op, value, d, Long.MAX_VALUE, CommandSource.REFLEX, List.of());
  }
}
