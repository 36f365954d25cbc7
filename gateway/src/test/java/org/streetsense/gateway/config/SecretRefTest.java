package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {

  @TempDir Path dir;

  @Test
  void resolvesFromTheEnvironment() throws Exception {
    SecretRef ref = SecretRef.env("MQTT_PASSWORD", "uplink.mqtt.password");

    assertThat(ref.resolve(Map.of("MQTT_PASSWORD", "s3cret-value")::get)).isEqualTo("s3cret-value");
  }

  @Test
  void resolvesFromTheRealProcessEnvironment() throws Exception {
    String name = System.getenv().keySet().stream()
        .filter(k -> !System.getenv(k).isEmpty()).findFirst().orElseThrow();

    assertThat(SecretRef.env(name, "test").resolve()).isEqualTo(System.getenv(name));
  }

  @Test
  void resolvesFromAFileWithoutTheTrailingNewline() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "tok-123\n");

    assertThat(SecretRef.file(file.toString(), "http.token").resolve()).isEqualTo("tok-123");
  }

  @Test
  void missingVariableFailsNamingTheVariableAndWhereItWasDeclared() {
    SecretRef ref = SecretRef.env("NOT_SET_ANYWHERE", "uplink.mqtt.password");

    assertThatThrownBy(() -> ref.resolve(Map.<String, String>of()::get))
        .isInstanceOf(SecretException.class)
        .hasMessage("uplink.mqtt.password: environment variable NOT_SET_ANYWHERE is not set");
  }

  @Test
  void missingOrEmptyFileFailsWithoutShowingContent() throws Exception {
    Path absent = dir.resolve("absent");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");

    assertThatThrownBy(() -> SecretRef.file(absent.toString(), "http.token").resolve())
        .hasMessage("http.token: cannot read secret file " + absent + " (NoSuchFileException)");
    assertThatThrownBy(() -> SecretRef.file(empty.toString(), "http.token").resolve())
        .hasMessage("http.token: secret file " + empty + " is empty");
  }

  @Test
  void toStringAndMessagesNeverContainTheValue() throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "very-secret-value");
    SecretRef ref = SecretRef.file(file.toString(), "sinks.influxdb.token");
    String value = ref.resolve();

    assertThat(value).isEqualTo("very-secret-value");
    assertThat(ref.toString()).doesNotContain(value)
        .isEqualTo("SecretRef[file:" + file + " for sinks.influxdb.token]");
    assertThat(ref.describe()).doesNotContain(value);
  }

  @Test
  void loadedInstallationHoldsReferencesNotValues() throws Exception {
    String yaml = String.join("\n",
        "installation: bench",
        "site: Bench",
        "hardware: {backend: simulated}",
        "devices: [{id: b, driver: button, pin: 5}]",
        "uplink:",
        "  mqtt:",
        "    url: tcp://localhost:1883",
        "    username: bench",
        "    password: {env: BENCH_PASSWORD}",
        "http:",
        "  token: {file: /run/secrets/http-token}",
        "");
    Installation installation = InstallationLoader.load("bench.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));

    assertThat(installation.uplink().mqtt().password())
        .contains(SecretRef.env("BENCH_PASSWORD", "uplink.mqtt.password"));
    assertThat(installation.http().token())
        .contains(SecretRef.file("/run/secrets/http-token", "http.token"));
  }

  @Test
  void aSecretReferenceNeedsExactlyOneSource() {
    String yaml = String.join("\n",
        "installation: bench",
        "site: Bench",
        "hardware: {backend: simulated}",
        "devices: [{id: b, driver: button, pin: 5}]",
        "uplink:",
        "  mqtt:",
        "    url: tcp://localhost:1883",
        "    username: bench",
        "    password: {env: A, file: /b}",
        "");

    assertThatThrownBy(() -> InstallationLoader.load("bench.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bench.yaml:9:15: uplink.mqtt.password: give exactly one of env or file, e.g. "
            + "{env: STREETSENSE_MQTT_PASSWORD}");
  }
}
