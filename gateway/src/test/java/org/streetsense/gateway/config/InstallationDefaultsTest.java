package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.spool.FsyncPolicy;

class InstallationDefaultsTest {

  @Test
  void fillsDocumentedDefaults() throws Exception {
    Installation bench = InstallationTexts.load("devices: [{id: b, driver: button, pin: 5}]");

    MqttSettings mqtt = bench.uplink().mqtt();
    assertThat(mqtt.clientId()).isEqualTo("bench");
    assertThat(mqtt.qos()).isEqualTo(1);
    assertThat(mqtt.readingsPerMessage()).isEqualTo(1);
    assertThat(mqtt.keepAlive()).isEqualTo(Duration.ofSeconds(30));
    assertThat(mqtt.topicPrefix()).isEqualTo("streetsense/v1");
    assertThat(mqtt.tls()).isEmpty();
    assertThat(bench.identity().languages()).containsExactly("en");
    assertThat(bench.hardware().seed()).isZero();
    assertThat(bench.spool()).isEqualTo(SpoolSettings.DEFAULT);
    assertThat(bench.http()).isEqualTo(HttpSettings.DEFAULT);
    assertThat(bench.sinks()).isEqualTo(SinkSettings.NONE);
    assertThat(bench.clock()).isEqualTo(ClockSettings.DEFAULT);
  }

  @Test
  void fixedChannelDriversGetTheirChannelsWithUnitsAndTheDevicePublicFlag() throws Exception {
    Installation bench = InstallationTexts.load(
        "devices: [{id: air, driver: bme280, address: 0x77, public: true}]");

    DeviceSpec air = bench.devices().get(0);
    assertThat(air.sampling()).contains(Sampling.every(Duration.ofSeconds(10)));
    assertThat(air.channels()).extracting(ChannelSpec::name, ChannelSpec::unit, ChannelSpec::isPublic)
        .containsExactly(tuple("temperature", "degC", true), tuple("humidity", "%RH", true),
            tuple("pressure", "hPa", true));
  }

  @Test
  void acceptsChannelsAsAListOrAMapAndAddressesAsHexTextOrNumber() throws Exception {
    Installation bench = InstallationTexts.load(
        "devices:",
        "  - {id: a, driver: ads1115, address: 72, channels: [{name: x, index: 0}, {name: y, index: 3}]}",
        "  - {id: b, driver: ads1115, address: '0x49', channels: {x: {index: 1, unit: mV}}}");

    assertThat(bench.devices()).extracting(DeviceSpec::connection)
        .containsExactly(new Connection.I2c(1, 0x48), new Connection.I2c(1, 0x49));
    assertThat(bench.devices().get(0).channels()).extracting(c -> c.index().getAsInt())
        .containsExactly(0, 3);
    assertThat(bench.devices().get(1).channels().get(0).unit()).isEqualTo("mV");
    assertThat(bench.devices().get(0).channels().get(0).unit()).isEqualTo("V");
  }

  @Test
  void sameAddressOnDifferentBusesIsAllowed() throws Exception {
    Installation bench = InstallationTexts.load(
        "devices:",
        "  - {id: a, driver: bh1750, address: 0x23}",
        "  - {id: b, driver: bh1750, bus: 3, address: 0x23}");

    assertThat(bench.devices()).hasSize(2);
  }

  @Test
  void safeStateReadsBareOnAndOff() throws Exception {
    Installation bench = InstallationTexts.load(
        "devices:",
        "  - {id: a, driver: relay, pin: 20, safeState: on}",
        "  - {id: b, driver: relay, pin: 21}");

    assertThat(bench.devices()).extracting(DeviceSpec::safeState)
        .containsExactly(java.util.Optional.of(SafeState.ON), java.util.Optional.of(SafeState.OFF));
  }

  @Test
  void aSensorThatCannotReportEventsRejectsEventMode() {
    List<ConfigError> errors = InstallationTexts.errors(
        "devices: [{id: a, driver: bme280, address: 0x76, mode: event}]");

    assertThat(errors).extracting(ConfigError::path, ConfigError::message).containsExactly(
        tuple("devices[0].mode", "bme280 cannot report events; allowed: mode: periodic with a "
            + "period like 10s"));
  }

  @Test
  void demoCanBeMovedToAnotherBrokerPortAndSpoolDirectory() throws Exception {
    Installation demo = InstallationLoader.loadResource(InstallationLoader.DEMO_RESOURCE);

    Installation moved = demo
        .withUplink(new UplinkSettings(demo.uplink().mqtt().withPort(18_830)))
        .withSpool(new SpoolSettings(java.nio.file.Path.of("/tmp/x"), 1L << 20,
            Duration.ofHours(1), FsyncPolicy.OS, Duration.ofMillis(200), WhenFull.REJECT_NEW,
            SpoolSettings.DEFAULT_REPLAY_RATE));

    assertThat(moved.uplink().mqtt().pahoUrl()).isEqualTo("tcp://localhost:18830");
    assertThat(moved.spool().dir()).isEqualTo(java.nio.file.Path.of("/tmp/x"));
    assertThat(moved.devices()).isEqualTo(demo.devices());
  }

  @Test
  void emptyFileIsAnError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path empty = java.nio.file.Files.createFile(dir.resolve("empty.yaml"));

    assertThat(InstallationLoader.validate(empty))
        .extracting(ConfigError::message)
        .containsExactly("the file is empty; an installation file is a YAML map");
  }
}
