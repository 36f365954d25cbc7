package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken files for the {@code safety}, {@code reflexes} and {@code osc} sections, each with exactly
 * one mistake named with its line, column, path and message.
 */
class InteractionSectionsBrokenFilesTest {

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        arguments("safety-unknown-timezone.yaml", 19, 13, "safety.timezone",
            "'Europe/Bratislva' is not an IANA time zone; did you mean 'Europe/Bratislava'? "
                + "use a zone id like Europe/Bratislava or UTC"),
        arguments("safety-actuator-typo.yaml", 20, 5, "safety.actuators.lampp",
            "no output 'lampp' in devices; did you mean 'lamp'? outputs: lamp"),
        arguments("safety-actuator-is-an-input.yaml", 20, 5, "safety.actuators.touch",
            "'touch' is a mpr121, not an output; outputs: lamp"),
        arguments("quiet-window-bad-time.yaml", 21, 16, "safety.quietHours.windows[0].from",
            "'24:00' is not a time of day; use HH:MM in 24-hour local time, quoted, e.g. \"22:00\""),
        arguments("quiet-window-bad-day.yaml", 21, 22, "safety.quietHours.windows[0].days[1]",
            "'staurday' is not a day; allowed: mon, tue, wed, thu, fri, sat, sun"),
        arguments("quiet-light-out-of-range.yaml", 22, 12, "safety.quietHours.light",
            "1.5 is not a light level; allowed 0..1"),
        arguments("quiet-switch-without-choice.yaml", 26, 10, "safety.actuators.fog",
            "'fog' is a switch and the installation has quiet hours; say what they do to it: "
                + "quietHours: block, unaffected, or cap (with quietLevel)"),
        arguments("quiet-unknown-behaviour.yaml", 26, 37, "safety.actuators.fog.quietHours",
            "'dim' is not a known quiet-hours behaviour; allowed: cap, block, unaffected"),
        arguments("quiet-level-with-block.yaml", 26, 56, "safety.actuators.fog.quietLevel",
            "quietLevel is the cap during quiet hours; it needs quietHours: cap, but 'fog' is block"),
        arguments("quiet-switch-cap-without-level.yaml", 26, 37, "safety.actuators.fog.quietHours",
            "a switch capped in quiet hours needs its own cap: add quietLevel (0..1), or choose "
                + "quietHours: block or unaffected"),
        arguments("actuator-range-above-light.yaml", 21, 28, "safety.actuators.lamp.range.max",
            "2 is not a light level; allowed 0..1"),
        arguments("actuator-fractional-range-on-off-led.yaml", 14, 38,
            "safety.actuators.lamp.range",
            "range 0..0.8 cannot be honoured by 'lamp': it is an on/off output (a led on GPIO "
                + "17), only 0 (off) or 1 (on); use min and max of 0 or 1; to dim it, give the led "
                + "a hardware-PWM pin (12, 13, 18 or 19) and options: {dimmable: true}, or use a "
                + "pca9685 channel"),
        arguments("actuator-fractional-range-board-output.yaml", 14, 51,
            "safety.actuators.fog.range",
            "range 0.2..1 cannot be honoured by 'fog': it is an on/off output (a board-output "
                + "pin), only 0 (off) or 1 (on); use min and max of 0 or 1"),
        arguments("dimmable-led-without-pwm.yaml", 9, 25, "devices[0].options.dimmable",
            "led 'lamp' on BCM pin 17 cannot dim: only pins 12, 13, 18 and 19 have hardware PWM; "
                + "move it to one of them, or use a pca9685 channel"),
        arguments("actuator-unknown-operation.yaml", 20, 30, "safety.actuators.lamp.operations[1]",
            "'blink' is not a known operation; allowed: set, on, off, pulse, fade, safe, color"),
        arguments("reflex-unknown-device.yaml", 23, 20, "reflexes[0].when.device",
            "no device 'tuch' in devices; did you mean 'touch'? inputs: touch"),
        arguments("reflex-event-and-threshold.yaml", 23, 11, "reflexes[0].when",
            "give exactly one of event, above or below (found 2), "
                + "e.g. event: touch_start or above: 800"),
        arguments("reflex-unknown-event.yaml", 23, 34, "reflexes[0].when.event",
            "'touch_strat' is not a known event type; did you mean 'touch_start'? allowed: "
                + "touch_start, touch_end, presence_enter, presence_leave, press, release, hold, "
                + "double_press, passers_by"),
        arguments("reflex-actuator-not-allow-listed.yaml", 22, 20, "reflexes[0].do[0].actuator",
            "'lamp' is not in safety.actuators; add it there first"),
        arguments("reflex-op-not-allowed.yaml", 26, 30, "reflexes[0].do[0].op",
            "'fade' is not allowed on 'lamp' by safety.actuators.lamp.operations; "
                + "allowed: on, off, safe"),
        arguments("reflex-fade-without-duration.yaml", 26, 9, "reflexes[0].do[0].duration",
            "required; op fade needs a duration, e.g. duration: 300ms"),
        arguments("reflex-value-out-of-range.yaml", 26, 42, "reflexes[0].do[0].value",
            "0.8 is out of the range of 'lamp'; allowed 0..0.5 (safety.actuators.lamp.range)"),
        arguments("servo-on-active-low-pca9685.yaml", 17, 23, "safety.actuators.arm/elbow.kind",
            "kind motion is a servo, which needs positive pulses; pca9685 'arm' is activeLow (its "
                + "loads are on while outputs are low): put servos on a pca9685 without activeLow"),
        arguments("reflex-fraction-on-on-off-output.yaml", 25, 42, "reflexes[0].do[0].value",
            "0.5 cannot be set on 'lamp': it is an on/off output (a led on GPIO 17), only 0 (off) "
                + "or 1 (on)"),
        arguments("reflex-fade-on-on-off-output.yaml", 25, 30, "reflexes[0].do[0].op",
            "'lamp' is an on/off output (a led on GPIO 17): an on/off output cannot fade; use on, "
                + "off or pulse"),
        arguments("reflex-pulse-longer-than-max-on-time.yaml", 25, 57,
            "reflexes[0].do[0].duration",
            "5s is longer than the max on-time 2s of 'lamp' (safety.actuators.lamp.maxOnTime)"),
        arguments("safety-cool-down-without-max-on-time.yaml", 20, 45, "safety.actuators.lamp.coolDown",
            "coolDown is the rest after the max on-time; give maxOnTime too, e.g. "
                + "{maxOnTime: 10m, coolDown: 10m}"),
        arguments("safety-max-duration-out-of-range.yaml", 19, 16, "safety.maxDuration",
            "'2d' is out of range; allowed 1ms..1d"),
        arguments("reflex-fade-longer-than-max-duration.yaml", 27, 56, "reflexes[0].do[0].duration",
            "1m is longer than the longest pulse or fade 10s (safety.maxDuration)"),
        arguments("reflex-value-with-on.yaml", 25, 34, "reflexes[0].do[0].value",
            "value is not used with op on (only set, pulse and fade take a value); remove it"),
        arguments("reflex-duplicate-name.yaml", 25, 11, "reflexes[1].name",
            "duplicate reflex name 'glow'; already used by reflexes[0] on line 22"),
        arguments("osc-prefix-without-slash.yaml", 19, 11, "osc.prefix",
            "'streetsense' is not an OSC address prefix; use '/' and words of letters, digits, "
                + "'.', '_' or '-', not ending with '/', e.g. /streetsense"),
        arguments("osc-listen-port-out-of-range.yaml", 19, 35, "osc.listen.port",
            "90000 is not a UDP port; allowed 1..65535"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void reportsTheMistakeWithLinePathAndAllowedValues(
      String name, int line, int column, String path, String message) throws Exception {
    Path file = BrokenInstallationFilesTest.broken(name);

    List<ConfigError> errors = InstallationLoader.validate(file);

    assertThat(errors).containsExactly(
        new ConfigError(file.toString(), line, column, path, message));
  }
}
