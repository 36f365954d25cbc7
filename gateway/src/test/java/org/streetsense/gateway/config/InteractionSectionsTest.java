package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Defaults and cross-checks of the {@code safety}, {@code reflexes} and {@code osc} sections. */
class InteractionSectionsTest {

  private static final String[] DEVICES = {
      "devices:",
      "  - {id: wall, driver: mpr121, address: 0x5A, mode: event, channels: {a: {index: 0}}}",
      "  - {id: sound, driver: mcp3008, spi: {bus: 0, cs: 0}, channels: {level: {index: 0},"
          + " peak: {index: 1}}}",
      "  - {id: lamp, driver: led, pin: 18}",
      "  - {id: pump, driver: relay, pin: 23}",
      "  - {id: servos, driver: pca9685, address: 0x40, channels: {arm: {index: 0}}}",
  };

  @Test
  void withoutTheSectionsNothingIsAllowedAndNoOscInputListens() throws Exception {
    Installation bench = InstallationTexts.load(DEVICES);

    assertThat(bench.interaction()).isEqualTo(InteractionSettings.NONE);
    assertThat(bench.interaction().safety().timezone()).isEqualTo(ZoneOffset.UTC);
    assertThat(bench.interaction().safety().actuators()).isEmpty();
    assertThat(bench.interaction().osc().listen()).isEmpty();
  }

  @Test
  void actuatorDefaultsComeFromTheDriver() throws Exception {
    Installation bench = InstallationTexts.load(with(
        "safety:",
        "  actuators:",
        "    lamp: {}",
        "    pump: {}",
        "    servos/arm: {kind: motion}"));

    SafetySettings safety = bench.interaction().safety();
    ActuatorSpec lamp = safety.actuator("lamp").orElseThrow();
    assertThat(lamp.kind()).isEqualTo(ActuatorRole.LIGHT);
    assertThat(lamp.operations()).containsExactlyInAnyOrder(ActuatorOperation.SET,
        ActuatorOperation.ON, ActuatorOperation.OFF, ActuatorOperation.SAFE);
    assertThat(lamp.range()).isEqualTo(new LevelRange(0, 1));
    assertThat(lamp.ratePerMinute()).isEqualTo(60);
    assertThat(lamp.maxOnTime()).isEmpty();
    assertThat(safety.actuator("pump").orElseThrow().kind()).isEqualTo(ActuatorRole.SWITCH);
    ActuatorSpec arm = safety.actuator("servos/arm").orElseThrow();
    assertThat(arm.device()).isEqualTo("servos");
    assertThat(arm.channel()).contains("arm");
    assertThat(arm.range()).isEqualTo(new LevelRange(0, 180));
    assertThat(arm.operations()).as("a servo has no on and off").containsExactlyInAnyOrder(
        ActuatorOperation.SET, ActuatorOperation.SAFE);
  }

  @Test
  void aServoRefusesOnAndOffWhichWouldTurnItToOneAndZeroDegrees() {
    List<ConfigError> errors = InstallationTexts.errors(with(
        "safety:",
        "  actuators:",
        "    servos/arm: {kind: motion, operations: [set, on, off]}"));

    assertThat(errors).extracting(ConfigError::path, ConfigError::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("safety.actuators.servos/arm.operations", "'servos/arm' "
            + "is a servo (kind motion), whose level is an angle: on and off are not operations of "
            + "a servo (on would turn it to 1 degree, off to 0 degrees rather than its safe angle); "
            + "a servo takes set, fade, pulse and safe"));
  }

  @Test
  void aPca9685IsNamedByItsChannel() {
    List<ConfigError> errors = InstallationTexts.errors(with(
        "safety:",
        "  actuators:",
        "    servos: {}",
        "    servos/elbow: {}"));

    assertThat(errors).extracting(ConfigError::path, ConfigError::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("safety.actuators.servos", "'servos' is not a "
            + "channel of pca9685 'servos'; name one of its channels as servos/<channel>; "
            + "allowed: arm"),
        org.assertj.core.groups.Tuple.tuple("safety.actuators.servos/elbow", "'servos/elbow' is "
            + "not a channel of pca9685 'servos'; name one of its channels as servos/<channel>; "
            + "allowed: arm"));
  }

  @Test
  void onlyAPca9685ChannelCanBeAMotionActuator() {
    List<ConfigError> errors = InstallationTexts.errors(with(
        "safety:",
        "  actuators:",
        "    pump: {kind: motion}"));

    assertThat(errors).extracting(ConfigError::path, ConfigError::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("safety.actuators.pump.kind", "kind motion needs a "
            + "servo (a pca9685 channel or a board-servo); 'pump' is an on/off output, use "
            + "light, sound or switch"));
  }

  @Test
  void aThresholdOnASingleChannelDeviceNeedsNoChannelButOnSeveralItDoes() {
    String[] rules = with(
        "safety: {actuators: {lamp: {}}}",
        "reflexes:",
        "  - {name: touched, when: {device: wall, below: 3}, do: [{actuator: lamp, op: on}]}",
        "  - {name: loud, when: {device: sound, above: 800}, do: [{actuator: lamp, op: off}]}");

    assertThat(InstallationTexts.errors(rules)).extracting(ConfigError::path, ConfigError::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("reflexes[1].when.channel",
            "required with above or below; the channel whose readings are compared, one of: "
                + "level, peak"));
  }

  @Test
  void aThresholdReflexMapsWithItsOnlyChannel() throws Exception {
    Installation bench = InstallationTexts.load(with(
        "safety: {actuators: {lamp: {}}}",
        "reflexes:",
        "  - name: released",
        "    when: {device: wall, below: 3}",
        "    every: 2",
        "    cooldown: 1s",
        "    do: [{actuator: lamp, op: set, value: 1}]"));

    ReflexSpec rule = bench.interaction().reflexes().get(0);
    assertThat(rule.when()).isEqualTo(new ReflexWhen("wall", Optional.of("a"), Optional.empty(),
        java.util.OptionalDouble.empty(), java.util.OptionalDouble.of(3)));
    assertThat(rule.every()).isEqualTo(2);
    assertThat(rule.cooldown()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aReflexOnAnOutputIsRefused() {
    List<ConfigError> errors = InstallationTexts.errors(with(
        "safety: {actuators: {lamp: {}}}",
        "reflexes:",
        "  - {name: loop, when: {device: lamp, event: press}, do: [{actuator: lamp, op: on}]}"));

    assertThat(errors).extracting(ConfigError::message).containsExactly("'lamp' is an output "
        + "(led); a reflex is triggered by an input, one of: wall, sound");
  }

  @Test
  void quietWindowsTakeDaysAndRunPastMidnight() throws Exception {
    Installation bench = InstallationTexts.load(with(
        "safety:",
        "  timezone: Europe/Bratislava",
        "  quietHours:",
        "    windows: [{days: [fri, sat], from: '23:30', to: '08:00'}]",
        "    sound: 0.1"));

    QuietHoursSpec quiet = bench.interaction().safety().quietHours();
    assertThat(quiet.windows()).containsExactly(new QuietPeriod(
        Set.of(java.time.DayOfWeek.FRIDAY, java.time.DayOfWeek.SATURDAY),
        java.time.LocalTime.of(23, 30), java.time.LocalTime.of(8, 0)));
    assertThat(quiet.light()).isZero();
    assertThat(quiet.sound()).isEqualTo(0.1);
  }

  @Test
  void reportsEveryMistakeOfTheSectionsAtOnce() {
    List<ConfigError> errors = InstallationTexts.errors(with(
        "safety:",
        "  timezone: Mars/Olympus",
        "  actuators:",
        "    lamp: {ratePerMinute: 0}",
        "reflexes:",
        "  - {name: glow, when: {device: wall, event: touch_start}, cooldown: soon,",
        "     do: [{actuator: lamp, op: on}]}",
        "osc:",
        "  snapshotInterval: 10ms"));

    assertThat(errors).extracting(ConfigError::path).containsExactly("safety.timezone",
        "safety.actuators.lamp.ratePerMinute", "reflexes[0].cooldown", "osc.snapshotInterval");
  }

  @Test
  void aBrokenDeviceSectionDoesNotCascadeIntoTheReflexes() {
    List<ConfigError> errors = InstallationTexts.errors(
        "devices:",
        "  - {id: wall, driver: mpr121, address: 0x11, mode: event, channels: {a: {index: 0}}}",
        "  - {id: lamp, driver: led, pin: 18}",
        "safety: {actuators: {lamp: {}}}",
        "reflexes:",
        "  - {name: glow, when: {device: wall, event: touch_start}, do: [{actuator: lamp, op: on}]}");

    assertThat(errors).extracting(ConfigError::path).containsExactly("devices[0].address");
  }

  @Test
  void oscListenCanBeSwitchedOff() throws Exception {
    Installation on = InstallationTexts.load(with("osc: {listen: {}}"));
    Installation off = InstallationTexts.load(with("osc: {listen: {enabled: false, port: 9001}}"));

    assertThat(on.interaction().osc().listen()).contains(new OscListen("127.0.0.1", 9000));
    assertThat(off.interaction().osc().listen()).isEmpty();
  }

  private static String[] with(String... lines) {
    String[] all = new String[DEVICES.length + lines.length];
    System.arraycopy(DEVICES, 0, all, 0, DEVICES.length);
    System.arraycopy(lines, 0, all, DEVICES.length, lines.length);
    return all;
  }
}
