package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each broken file under {@code config/broken/} holds exactly one mistake; the loader must name it
 * with the exact line, column, path and message.
 */
class BrokenInstallationFilesTest {

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        arguments("adc-index-out-of-range.yaml", 10, 25, "devices[0].channels.moisture.index",
            "4 is not an input of ads1115; allowed 0..3"),
        arguments("aggregate-output-is-a-declared-channel.yaml", 10, 44,
            "devices[0].channels.tiny.aggregate", "the aggregate's count readings are published "
                + "as channel 'tiny_count', which is also a declared channel (line 11); rename "
                + "one of them"),
        arguments("unit-with-a-lone-surrogate.yaml", 10, 31, "devices[0].channels.light.unit",
            "a value with an unpaired surrogate (\\uD800 at character 3) is not Unicode text; "
                + "write the character itself, or a character outside the Basic Multilingual "
                + "Plane as one \\U escape"),
        arguments("bad-board-pin.yaml", 12, 10, "devices[0].pin",
            "'B3' is not a board pin; allowed A0..A15 (analog) or D0..D69 (digital)"),
        arguments("bad-broker-scheme.yaml", 11, 10, "uplink.mqtt.url",
            "'http://localhost:1883' is not an MQTT broker URL; "
                + "allowed tcp://, ssl://, mqtt:// or mqtts:// with a host, e.g. tcp://localhost:1883"),
        arguments("bad-duration.yaml", 9, 13, "devices[0].period",
            "'5 sec' is not a duration; "
                + "use a whole number with a unit ms, s, m, h or d, e.g. 250ms, 5s, 2m, 1h, 7d"),
        arguments("bad-size.yaml", 13, 13, "spool.maxBytes",
            "'512 megs' is not a size; "
                + "use a whole number with a unit B, KB, MB or GB, e.g. 64KB, 512MB, 2GB"),
        arguments("channel-range-of-one-value.yaml", 10, 44, "devices[0].channels.moisture.range",
            "min 5 must be below max 5"),
        arguments("connection-key-of-other-kind.yaml", 9, 5, "devices[0].pin",
            "pin is not used by bme280 (an I2C driver; it needs address and bus); remove it"),
        arguments("duplicate-device-id.yaml", 9, 9, "devices[1].id",
            "duplicate device id 'button-1'; already used by devices[0] on line 6"),
        arguments("duplicate-i2c-address.yaml", 12, 14, "devices[1].address",
            "I2C address 0x76 on bus 1 is already used by devices[0] (weather-a); "
                + "each pin, address or chip-select belongs to one device"),
        arguments("fixed-channel-typo.yaml", 10, 7, "devices[0].channels.temprature",
            "'temprature' is not a channel of bme280; "
                + "did you mean 'temperature'? allowed: temperature, humidity, pressure"),
        arguments("gpio-pin-out-of-range.yaml", 8, 10, "devices[0].pin",
            "31 is not a BCM GPIO pin; allowed 0..27"),
        arguments("i2c-address-not-allowed.yaml", 8, 14, "devices[0].address",
            "0x50 is not an address of bme280; allowed 0x76, 0x77"),
        arguments("influx-v2-without-bucket.yaml", 14, 5, "sinks.influxdb.bucket",
            "required; api v2 writes to an organisation and bucket, e.g. bucket: streetsense"),
        arguments("inline-password.yaml", 13, 15, "uplink.mqtt.password",
            "secrets must not be written in the file; "
                + "use {env: VARIABLE} or {file: /path/to/secret}"),
        arguments("installation-id-not-slug.yaml", 1, 15, "installation",
            "'Kosice Square' is not a valid id; "
                + "use lowercase letters, digits and '-', not at the start or end, at most 64 characters (e.g. kosice-square)"),
        arguments("language-not-iso.yaml", 5, 17, "languages[1]",
            "'english' is not an ISO 639-1 language code; "
                + "use two lowercase letters like sk or en"),
        arguments("language-without-texts.yaml", 5, 17, "languages[1]",
            "the gateway has no texts in language 'hu' for the public page; built in: en, sk; "
                + "or give every text under pageTexts.hu"),
        arguments("label-language-typo.yaml", 12, 38, "devices[0].channels.temperature.label.eng",
            "'eng' is not one of the languages allowed here; did you mean 'en'? allowed: sk, en"),
        arguments("description-language-not-listed.yaml", 4, 3, "description.sk",
            "'sk' is not one of the languages allowed here; allowed: en"),
        arguments("missing-site.yaml", 1, 1, "site",
            "required; a place name like 'Hlavná ulica, Košice'"),
        arguments("output-with-period.yaml", 9, 5, "devices[0].period",
            "period is not used by relay (an output has no sampling); remove it"),
        arguments("period-with-event-mode.yaml", 10, 5, "devices[0].period",
            "period cannot be combined with mode: event; "
                + "remove period for event reporting or mode for periodic readings"),
        arguments("presence-on-pir.yaml", 11, 19, "devices[0].channels.motion.presence",
            "presence does not apply to pir: the driver itself reports presence_enter "
                + "and presence_leave on channel motion (with warmUp and hold); remove it"),
        arguments("presence-without-hysteresis.yaml", 15, 19, "devices[0].channels.distance.presence",
            "enter and leave are both 80; "
                + "they must differ to give hysteresis (e.g. enter: 80, leave: 100 for a distance in cm)"),
        arguments("qos-two.yaml", 12, 10, "uplink.mqtt.qos",
            "2 is not a supported QoS level; allowed 0..1"),
        arguments("readings-per-message-above-batch.yaml", 12, 25,
            "uplink.mqtt.readingsPerMessage",
            "501 is not a number of readings per message; allowed 1..500"),
        arguments("safe-state-on-input.yaml", 9, 5, "devices[0].safeState",
            "safeState is not used by button (only outputs led, relay, pca9685, board-output and "
                + "board-pwm have a safe state); "
                + "remove it"),
        arguments("seed-with-pi4j.yaml", 5, 3, "hardware.seed",
            "seed is not used by the pi4j backend (only simulated runs are seeded); remove it"),
        arguments("shared-gpio-pin.yaml", 11, 10, "devices[1].pin",
            "BCM pin 17 is already used by devices[0] (button-1); "
                + "each pin, address or chip-select belongs to one device"),
        arguments("tls-with-plain-url.yaml", 12, 5, "uplink.mqtt.tls",
            "tls needs a TLS broker URL; "
                + "use ssl:// or mqtts:// (usually port 8883) instead of tcp://localhost:1883, or remove tls"),
        arguments("two-documents.yaml", 13, 1, "",
            "a second YAML document starts here; an installation file holds exactly one"),
        arguments("unknown-board.yaml", 11, 12, "devices[0].board",
            "no board 'uno' in boards; known: uno-1"),
        arguments("unknown-driver.yaml", 7, 13, "devices[0].driver",
            "'bme28' is not a known driver; "
                + "did you mean 'bme280'? allowed: "
                + String.join(", ", org.streetsense.gateway.driver.DriverRegistry.names())),
        arguments("unknown-key-typo.yaml", 12, 5, "uplink.mqtt.keepAlvie",
            "unknown key 'keepAlvie'; did you mean 'keepAlive'?"),
        arguments("yaml-syntax-error.yaml", 8, 4, "",
            "YAML syntax error: expected <block end>, but found '<block mapping start>' (while parsing a block collection that starts on line 6); "
                + "check the indentation and the ':' after each key")
);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void reportsTheMistakeWithLinePathAndAllowedValues(
      String name, int line, int column, String path, String message) throws Exception {
    Path file = broken(name);

    List<ConfigError> errors = InstallationLoader.validate(file);

    assertThat(errors).containsExactly(
        new ConfigError(file.toString(), line, column, path, message));
  }

  @Test
  void formatsAnErrorAsFileLineColumnPathMessage() throws Exception {
    Path file = broken("gpio-pin-out-of-range.yaml");

    List<ConfigError> errors = InstallationLoader.validate(file);

    assertThat(errors.get(0).format())
        .isEqualTo(file + ":8:10: devices[0].pin: 31 is not a BCM GPIO pin; allowed 0..27");
  }

  @Test
  void neverRepeatsAnInlinePasswordInTheMessage() throws Exception {
    List<ConfigError> errors = InstallationLoader.validate(broken("inline-password.yaml"));

    assertThat(errors).singleElement()
        .satisfies(e -> assertThat(e.format()).doesNotContain("hunter2"));
  }

  @Test
  void loadThrowsConfigExceptionCarryingTheErrors() throws Exception {
    Path file = broken("qos-two.yaml");

    ConfigException thrown = org.junit.jupiter.api.Assertions.assertThrows(
        ConfigException.class, () -> InstallationLoader.load(file));

    assertThat(thrown.errors()).extracting(ConfigError::path).containsExactly("uplink.mqtt.qos");
    assertThat(thrown.getMessage()).isEqualTo(thrown.errors().get(0).format());
    assertThat(thrown.getStackTrace()).isEmpty();
  }

  @Test
  void reportsAMissingFileAsAnError() {
    Path file = Path.of("does-not-exist.yaml");

    assertThat(InstallationLoader.validate(file))
        .containsExactly(new ConfigError(file.toString(), 1, 1, "", "no such file"));
  }

  static Path broken(String name) throws URISyntaxException {
    URL url = BrokenInstallationFilesTest.class.getResource("/config/broken/" + name);
    assertThat(url).as(name).isNotNull();
    return Path.of(url.toURI());
  }
}
