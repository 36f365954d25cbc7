package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.streetsense.gateway.board.BoardSpec;
import org.streetsense.gateway.channel.Calibration;

/** The files in {@code config/examples} at the repository root are valid installations. */
class ExampleInstallationsTest {

  static final Path EXAMPLES = Path.of("..", "config", "examples");

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void theExamplesFolderHoldsTheDemoAndTheProductionExamples() throws IOException {
    assertThat(examples()).extracting(p -> p.getFileName().toString())
        .contains("demo.yaml", "kosice-square.yaml", "board-installation.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleLoadsWithoutErrors(Path example) {
    assertThat(InstallationLoader.validate(example)).isEmpty();
  }

  @Test
  void validationReportOfAValidFileSaysValidAndExitsZero() {
    Path demo = EXAMPLES.resolve("demo.yaml");

    ValidationReport report = InstallationLoader.check(demo);

    assertThat(report.isValid()).isTrue();
    assertThat(report.exitCode()).isZero();
    assertThat(report.format()).isEqualTo(demo + ": valid" + System.lineSeparator());
  }

  @Test
  void demoOnTheClasspathIsTheSameFileAsTheExample() throws Exception {
    String resource = new String(ExampleInstallationsTest.class.getClassLoader()
        .getResourceAsStream(InstallationLoader.DEMO_RESOURCE).readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);

    assertThat(resource).isEqualTo(Files.readString(EXAMPLES.resolve("demo.yaml")));
  }

  @Test
  void demoFromTheClasspathIsASimulatedInstallationWithPublicAndPrivateChannels() throws Exception {
    Installation demo = InstallationLoader.loadResource(InstallationLoader.DEMO_RESOURCE);

    assertThat(demo.source()).isEqualTo("classpath:installations/demo.yaml");
    assertThat(demo.id()).isEqualTo("demo");
    assertThat(demo.hardware()).isEqualTo(new HardwareSettings(BackendKind.SIMULATED, 42));
    assertThat(demo.devices()).extracting(d -> d.driver().configName()).contains("bme280",
        "bh1750", "mpr121", "pir", "button", "led", "relay");
    assertThat(demo.uplink().mqtt().url()).hasToString("tcp://localhost:1883");
    assertThat(demo.uplink().mqtt().clientId()).isEqualTo("demo");
    assertThat(demo.uplink().mqtt().topicPrefix()).isEqualTo("streetsense/v1");
    assertThat(demo.uplink().mqtt().secure()).isFalse();
    DeviceSpec weather = demo.device("weather").orElseThrow();
    assertThat(weather.connection()).isEqualTo(new Connection.I2c(1, 0x76));
    assertThat(weather.sampling()).contains(Sampling.every(Duration.ofSeconds(5)));
    assertThat(weather.channel("temperature").orElseThrow().isPublic()).isTrue();
    assertThat(weather.channel("pressure").orElseThrow().isPublic()).isFalse();
    DeviceSpec button = demo.device("start-button").orElseThrow();
    assertThat(button.sampling()).contains(Sampling.event());
    assertThat(button.channels()).extracting(ChannelSpec::name).containsExactly("pressed");
    assertThat(button.options()).containsEntry("debounce", Duration.ofMillis(20)).containsEntry("pull", "up");
    assertThat(demo.device("lamp").orElseThrow().safeState()).contains(SafeState.OFF);
  }

  @Test
  void productionExampleHasTlsSecretsInfluxAndOsc() throws Exception {
    Installation square = InstallationLoader.load(EXAMPLES.resolve("kosice-square.yaml"));

    MqttSettings mqtt = square.uplink().mqtt();
    assertThat(mqtt.pahoUrl()).isEqualTo("ssl://mqtt.kosice.example.org:8883");
    assertThat(mqtt.password()).contains(
        SecretRef.env("STREETSENSE_MQTT_PASSWORD", "uplink.mqtt.password"));
    assertThat(mqtt.tls().orElseThrow().certFile()).contains(Path.of("/etc/streetsense/tls/client.pem"));
    assertThat(mqtt.tls().orElseThrow().insecureSkipVerify()).isFalse();
    InfluxSettings influx = square.sinks().influxdb().orElseThrow();
    assertThat(influx.api()).isEqualTo(InfluxApi.V2);
    assertThat(influx.bucket()).contains("streetsense");
    assertThat(influx.flushInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(square.sinks().osc()).containsExactly(new OscTarget("192.168.10.20", 9000, true, true));
    assertThat(square.spool().maxBytes()).isEqualTo(2L << 30);
    assertThat(square.spool().maxAge()).isEqualTo(Duration.ofDays(14));
    assertThat(square.clock().sanityFloor()).contains(java.time.LocalDate.of(2026, 1, 1));
    assertThat(square.device("air").orElseThrow().connection()).isEqualTo(new Connection.I2c(1, 0x77));
    assertThat(square.device("noise").orElseThrow().connection()).isEqualTo(new Connection.Spi(0, 0));
    ChannelSpec level = square.device("noise").orElseThrow().channel("level").orElseThrow();
    assertThat(level.calibration()).isEqualTo(new Calibration(0.0977, 30));
    assertThat(level.smoothing()).contains(new Smoothing(SmoothingMethod.MEDIAN, 0.3, 5));
  }

  @Test
  void boardExampleReferencesItsBoards() throws Exception {
    Installation tunnel = InstallationLoader.load(EXAMPLES.resolve("board-installation.yaml"));

    assertThat(tunnel.boards()).extracting(BoardSpec::id, BoardSpec::baud)
        .containsExactly(org.assertj.core.api.Assertions.tuple("uno-1", 115_200),
            org.assertj.core.api.Assertions.tuple("firmata-1", 57_600));
    DeviceSpec distance = tunnel.device("walkway-distance").orElseThrow();
    assertThat(distance.connection()).isEqualTo(new Connection.Board("uno-1", "D7"));
    assertThat(distance.channel("distance").orElseThrow().presence())
        .contains(new Presence(80, 120));
    assertThat(tunnel.identity().operator()).contains(
        new Operator("Bratislava city innovation unit", java.util.Optional.empty()));
    assertThat(tunnel.uplink().mqtt().url()).hasToString("ssl://broker.example.org:8883");
  }

  @Test
  void demoAllowsTheLampAndFanWithQuietHoursReflexesAndAnOscInputThatIsOff() throws Exception {
    Installation demo = InstallationLoader.loadResource(InstallationLoader.DEMO_RESOURCE);

    SafetySettings safety = demo.interaction().safety();
    assertThat(safety.timezone()).isEqualTo(ZoneId.of("Europe/Bratislava"));
    assertThat(safety.quietHours()).isEqualTo(new QuietHoursSpec(List.of(new QuietPeriod(
        EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0),
        LocalTime.of(7, 0))), 0.2, 0));
    assertThat(safety.actuators()).containsExactly(
        new ActuatorSpec("lamp", "lamp", Optional.empty(), ActuatorRole.LIGHT,
            Set.of(ActuatorOperation.SET, ActuatorOperation.ON, ActuatorOperation.OFF,
                ActuatorOperation.PULSE, ActuatorOperation.FADE), new LevelRange(0, 1), 60,
            Optional.empty()),
        new ActuatorSpec("fan", "fan", Optional.empty(), ActuatorRole.SWITCH,
            Set.of(ActuatorOperation.ON, ActuatorOperation.OFF), new LevelRange(0, 1), 6,
            Optional.of(Duration.ofMinutes(10))),
        new ActuatorSpec("stage", "stage", Optional.empty(), ActuatorRole.LIGHT,
            Set.of(ActuatorOperation.SET, ActuatorOperation.ON, ActuatorOperation.OFF,
                ActuatorOperation.PULSE, ActuatorOperation.FADE, ActuatorOperation.COLOR),
            new LevelRange(0, 1), 60,
            Optional.empty()),
        new ActuatorSpec("stage/strobe", "stage", Optional.of("strobe"), ActuatorRole.LIGHT,
            Set.of(ActuatorOperation.SET, ActuatorOperation.OFF), new LevelRange(0, 1), 6,
            Optional.empty()));
    assertThat(safety.actuator("fan").orElseThrow().allows(ActuatorOperation.SAFE)).isTrue();
    ReflexSpec glow = demo.interaction().reflexes().get(0);
    assertThat(glow.name()).isEqualTo("touch-glow");
    assertThat(glow.when().device()).isEqualTo("touch-wall");
    assertThat(glow.when().channel()).contains("left");
    assertThat(glow.when().event()).contains(ReflexEvent.TOUCH_START);
    assertThat(glow.every()).isEqualTo(1);
    assertThat(glow.cooldown()).isZero();
    assertThat(glow.actions()).containsExactly(new ReflexStep("lamp", ActuatorOperation.FADE,
        OptionalDouble.of(1.0), Optional.of(Duration.ofMillis(300))));
    ReflexSpec greet = demo.interaction().reflexes().get(1);
    assertThat(greet.when().event()).contains(ReflexEvent.PRESENCE_ENTER);
    assertThat(greet.when().channel()).isEmpty();
    assertThat(greet.cooldown()).isEqualTo(Duration.ofSeconds(10));
    assertThat(greet.actions()).containsExactly(new ReflexStep("lamp", ActuatorOperation.PULSE,
        OptionalDouble.of(1.0), Optional.of(Duration.ofSeconds(5))));
    ReflexSpec stage = demo.interaction().reflexes().get(2);
    assertThat(stage.actions()).containsExactly(
        new ReflexStep("stage", ActuatorOperation.FADE, OptionalDouble.of(1.0),
            Optional.of(Duration.ofSeconds(2))),
        new ReflexStep("stage", ActuatorOperation.COLOR, OptionalDouble.empty(),
            Optional.of(Duration.ofSeconds(2)), List.of(40, 80, 255)));
    assertThat(demo.interaction().osc()).isEqualTo(
        new OscSettings("/streetsense", Duration.ofSeconds(1), Optional.empty()));
  }

  @Test
  void productionExampleAllowListsPca9685ChannelsAndListensForOsc() throws Exception {
    Installation square = InstallationLoader.load(EXAMPLES.resolve("kosice-square.yaml"));

    ActuatorSpec ring = square.interaction().safety().actuator("sculpture-lights/ring")
        .orElseThrow();
    assertThat(ring.device()).isEqualTo("sculpture-lights");
    assertThat(ring.channel()).contains("ring");
    assertThat(ring.kind()).isEqualTo(ActuatorRole.LIGHT);
    assertThat(ring.ratePerMinute()).isEqualTo(120);
    assertThat(square.interaction().safety().actuator("sculpture-lights/spine").orElseThrow()
        .range()).isEqualTo(new LevelRange(0, 0.8));
    assertThat(square.interaction().safety().quietHours().windows()).hasSize(2);
    ReflexSpec loud = square.interaction().reflexes().get(2);
    assertThat(loud.when().above()).hasValue(85);
    assertThat(loud.when().event()).isEmpty();
    assertThat(square.interaction().reflexes().get(3).every()).isEqualTo(10);
    assertThat(square.interaction().osc().listen()).contains(new OscListen("0.0.0.0", 9000));
    assertThat(square.interaction().osc().snapshotInterval()).isEqualTo(Duration.ofMillis(500));
  }
}
