package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {

  @TempDir Path dir;

  private static ConfigStore.Stored stored(String yaml, long version) {
    byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
    return new ConfigStore.Stored(bytes, ConfigStamp.of(version, bytes), "sha256:local");
  }

  @Test
  void aWrittenFileReadsBackWithItsVersionDigestAndLocalDigest() throws IOException {
    ConfigStore store = new ConfigStore(dir.resolve("store")).open();
    store.writeGood(stored("installation: a\n", 3));

    ConfigStore.Stored good = store.good().orElseThrow();
    assertThat(new String(good.bytes(), StandardCharsets.UTF_8)).isEqualTo("installation: a\n");
    assertThat(good.stamp().version()).isEqualTo(3);
    assertThat(good.stamp().digest()).isEqualTo(ConfigStamp.digest("installation: a\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(good.localDigest()).isEqualTo("sha256:local");
    assertThat(store.candidate()).isEmpty();
  }

  @Test
  void aRewriteReplacesTheWholeFileAndLeavesNoTemporaryFile() throws IOException {
    ConfigStore store = new ConfigStore(dir).open();
    store.writeCandidate(stored("installation: a\n", 1));
    store.writeCandidate(stored("installation: b\n", 2));

    assertThat(store.candidate().orElseThrow().stamp().version()).isEqualTo(2);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("candidate.json");
    }
    store.clearCandidate();
    assertThat(store.candidate()).isEmpty();
  }

  @Test
  void aTemporaryFileLeftByAPowerCutIsRemovedAndTheOldContentKept() throws IOException {
    ConfigStore store = new ConfigStore(dir).open();
    store.writeGood(stored("installation: old\n", 4));
    Files.writeString(dir.resolve("good.json.tmp"), "{\"version\":5,\"fi"); // cut mid-write

    ConfigStore reopened = new ConfigStore(dir).open();

    assertThat(reopened.good().orElseThrow().stamp().version()).isEqualTo(4);
    assertThat(dir.resolve("good.json.tmp")).doesNotExist();
  }

  @Test
  void aFileThatDoesNotMatchItsDigestIsReportedDamaged() throws IOException {
    ConfigStore store = new ConfigStore(dir).open();
    store.writeGood(stored("installation: a\n", 1));
    Files.writeString(dir.resolve("good.json"), Files.readString(dir.resolve("good.json"))
        .replace("aW5zdGFsbGF0aW9uOiBhCg==",
            "aW5zdGFsbGF0aW9uOiBiCg=="));

    assertThatThrownBy(store::good).isInstanceOf(IOException.class).hasMessageContaining("digest");
  }

  @Test
  void theHighestVersionSurvivesAReopen() throws IOException {
    new ConfigStore(dir).open().writeHighest(12);

    assertThat(new ConfigStore(dir).open().highest()).isEqualTo(12);
    assertThat(new ConfigStore(dir.resolve("fresh")).open().highest()).isZero();
  }

  @Test
  void recordedStateTopicsReadBackAndNoneAreRecordedAtFirst() throws IOException {
    ConfigStore store = new ConfigStore(dir).open();
    assertThat(store.stateTopics()).isEmpty();

    store.writeStateTopics(java.util.List.of("streetsense/v1/a/lamp/state",
        "streetsense/v1/a/ring/0/state"));

    assertThat(new ConfigStore(dir).open().stateTopics())
        .containsExactly("streetsense/v1/a/lamp/state", "streetsense/v1/a/ring/0/state");
  }

  @Test
  void aDamagedOrOversizedStateTopicsFileIsReportedNamingTheFile() throws IOException {
    ConfigStore store = new ConfigStore(dir).open();
    Files.writeString(dir.resolve("states.json"), "[\"streetsense/v1/a/lamp/st");
    assertThatThrownBy(store::stateTopics).isInstanceOf(IOException.class)
        .hasMessageContaining("states.json is damaged");

    Files.writeString(dir.resolve("states.json"), "[1, null]");
    assertThatThrownBy(store::stateTopics).isInstanceOf(IOException.class)
        .hasMessageContaining("states.json is damaged: entry 1 is not an actuator state topic");

    for (String notATopic : java.util.List.of("#", "", "streetsense/v1/a/+/state",
        "streetsense/v1/a/lamp/command", "/state")) {
      Files.writeString(dir.resolve("states.json"),
          new io.vertx.core.json.JsonArray().add("streetsense/v1/a/lamp/state").add(notATopic)
              .encode());
      assertThatThrownBy(store::stateTopics).as(notATopic).isInstanceOf(IOException.class)
          .hasMessageContaining("entry 2 is not an actuator state topic");
    }

    Files.write(dir.resolve("states.json"), new byte[] {(byte) 0xff, (byte) 0xfe, '['});
    assertThatThrownBy(store::stateTopics).isInstanceOf(IOException.class)
        .hasMessageContaining("states.json is damaged");

    Path aside = store.setAsideStateTopics();
    assertThat(aside).hasFileName("states.json.damaged").hasBinaryContent(
        new byte[] {(byte) 0xff, (byte) 0xfe, '['});
    assertThat(store.hasStateTopics()).isFalse();
    assertThat(store.stateTopics()).isEmpty();

    Files.createDirectory(dir.resolve("states.json"));
    assertThatThrownBy(store::stateTopics).isInstanceOf(IOException.class)
        .hasMessageContaining("states.json is damaged: not a regular file");
    Files.delete(dir.resolve("states.json"));

    Files.write(dir.resolve("states.json"), new byte[(int) ConfigStore.MAX_STATES_BYTES + 1]);
    assertThatThrownBy(store::stateTopics).isInstanceOf(IOException.class)
        .hasMessageContaining("states.json is damaged");
  }
}
