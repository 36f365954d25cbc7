package org.streetsense.system.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.cli.ExitCodes;
import org.streetsense.harness.FreePorts;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Hostile installation files and secrets, each given to the real jar with the systemd unit's JVM
 * options (64 MB heap, exit on OutOfMemoryError, which would also exit with 3): every one ends in
 * a named error at a file:line:col, never in OutOfMemoryError or StackOverflowError, and no value
 * can forge a line of the output. The bounds are in docs/configuration.md.
 */
@Timeout(300)
class HostileConfigFilesIT {

  private static final Duration QUICK = Duration.ofSeconds(60);

  /** A valid file; {@code %s} is replaced by extra top-level sections or keys of uplink.mqtt. */
  private static final String VALID = """
      installation: hostile-bench
      site: System test bench
      hardware: {backend: simulated}
      devices:
        - {id: light, driver: bh1750, address: 0x23}
      uplink:
        mqtt:
          url: tcp://127.0.0.1:1
      """;

  @TempDir Path dir;

  @Test
  void aFileOfFiveMegabytesInOneScalarIsRefusedUnread() throws Exception {
    Path file = dir.resolve("huge.yaml");
    Files.writeString(file, "installation: \"" + "a".repeat(5 * 1024 * 1024) + "\"\n");

    GatewayProcess p = validate(file);

    assertRefused(p, "huge.yaml:1:1: the file is larger than 1024 KiB");
  }

  @Test
  void aValueLongerThanEightKibibytesIsRefusedAtItsPosition() throws Exception {
    Path file = write("long-value.yaml", VALID.replace("site: System test bench",
        "site: " + "b".repeat(900_000)));

    assertRefused(validate(file), "long-value.yaml:2:7: site: a value of 900000 characters; "
        + "at most 8192 are allowed");
  }

  @Test
  void aTopicPrefixOfThreeThousandLevelsIsRefusedWithoutRecursion() throws Exception {
    String levels = String.join("/", java.util.Collections.nCopies(3000, "a"));
    Path file = write("prefix.yaml", VALID + "    topicPrefix: " + levels + "\n");

    GatewayProcess p = validate(file);

    assertRefused(p, "prefix.yaml:9:18: uplink.mqtt.topicPrefix: a topic prefix of 5999 "
        + "characters is longer than 256 bytes");
  }

  @Test
  void aTopicPrefixOfSeventeenShortLevelsIsRefused() throws Exception {
    String levels = String.join("/", java.util.Collections.nCopies(17, "a"));
    Path file = write("levels.yaml", VALID + "    topicPrefix: " + levels + "\n");

    assertRefused(validate(file), "levels.yaml:9:18: uplink.mqtt.topicPrefix: a topic prefix "
        + "of 17 levels; at most 16 are allowed");
  }

  @Test
  void anOscPrefixOfThreeThousandLevelsIsRefusedWithoutRecursion() throws Exception {
    String levels = "/a".repeat(3000);
    Path file = write("osc.yaml", VALID + "osc: {prefix: " + levels + "}\n");

    assertRefused(validate(file), "osc.yaml:9:15: osc.prefix: an OSC address prefix of 6000 "
        + "characters; at most 128 are allowed");
  }

  @Test
  void listsNestedThreeThousandDeepAreRefusedAtTheThirtySecondLevel() throws Exception {
    Path file = write("deep.yaml", VALID.replace("{id: light, driver: bh1750, address: 0x23}",
        "{id: light, driver: bh1750, address: 0x23, options: {x: " + "[".repeat(3000)
            + "]".repeat(3000) + "}}"));

    GatewayProcess p = validate(file);

    assertRefused(p, "deep.yaml:5:");
    assertThat(p.stderr()).contains("devices[0].options.x").contains("nested deeper than 32 levels");
  }

  @Test
  void aMillionItemsAreRefusedAfterTenThousandNodes() throws Exception {
    Path file = write("wide.yaml", VALID + "description: [" + "1,".repeat(400_000) + "1]\n");

    assertRefused(validate(file), "the file has more than 10000 keys, values and items");
  }

  @Test
  void thousandsOfAliasesGiveAHundredErrorsAndACount() throws Exception {
    Path file = write("aliases.yaml", VALID + "description: &d x\nattribution: ["
        + "*d,".repeat(5000) + "*d]\n");

    GatewayProcess p = validate(file);

    assertRefused(p, "aliases.yaml:10:");
    assertThat(p.stderr()).contains("more problems not shown");
    assertThat(p.stderr().lines().filter(l -> l.contains("YAML aliases")).count()).isLessThanOrEqualTo(100);
  }

  @Test
  void aNewlineOrEscapeInAValueCannotForgeALine() throws Exception {
    Path file = write("forge.yaml", VALID.replace("installation: hostile-bench",
        "installation: \"bad\\nforge.yaml: valid\\n\\e[2J\""));

    GatewayProcess p = validate(file);

    assertRefused(p, "forge.yaml:1:15: installation: 'bad\\nforge.yaml: valid\\n\\u001b[2J'");
    assertNoForgedLine(p, "forge.yaml: valid");
    assertThat(p.stderr()).doesNotContain("\u001b");
  }

  @Test
  void aNewlineInTheFileNameCannotForgeALine() throws Exception {
    Path file = write("ok\nother.yaml: invalid.yaml", VALID);

    GatewayProcess p = GatewayProcess.startAsUnit("validate", file.toString());
    p.awaitExit(QUICK);

    assertThat(p.exitCode()).as(p.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(p.stdout().lines().toList()).containsExactly(
        file.toString().replace("\n", "\\n") + ": valid");
  }

  @Test
  void aDeviceOrFifoAsTheInstallationFileIsRefusedWithoutReadingIt() throws Exception {
    Path fifo = dir.resolve("pipe.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    for (String path : List.of("/dev/zero", fifo.toString())) {
      GatewayProcess p = GatewayProcess.startAsUnit("validate", path);
      p.awaitExit(QUICK);
      assertRefused(p, path + ":1:1: not a regular file");
    }
  }

  @Test
  void runRefusesADeviceFifoOrHugeFileAsASecretWithoutShowingIt() throws Exception {
    Path fifo = dir.resolve("secret.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Path huge = Files.writeString(dir.resolve("huge.secret"), "s3cr3t".repeat(1_000_000));
    for (Path secret : List.of(Path.of("/dev/zero"), fifo, huge)) {
      Path file = write("secret.yaml", VALID + "    username: gateway\n"
          + "    password: {file: " + secret + "}\n"
          + "spool: {dir: " + dir.resolve("spool") + "}\n"
          + "http: {host: 127.0.0.1, port: " + FreePorts.next() + "}\n");

      GatewayProcess p = GatewayProcess.startAsUnit("run", "--config", file.toString());
      int code = p.awaitExit(QUICK);

      assertThat(code).as(p.stderr()).isEqualTo(ExitCodes.FAILURE);
      assertThat(p.stderr()).contains("uplink.mqtt.password: ")
          .containsAnyOf("is not a regular file", "is larger than 16384 bytes")
          .doesNotContain("s3cr3t").doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    }
  }

  @Test
  void aNewlineInAPathCannotForgeALineOfTheRunOutput() throws Exception {
    Path file = write("forge-run.yaml", VALID
        + "spool: {dir: \"/proc/no-spool\\nforge-run.yaml: valid\"}\n"
        + "http: {host: 127.0.0.1, port: " + FreePorts.next() + "}\n");

    GatewayProcess p = GatewayProcess.startAsUnit("run", "--config", file.toString());
    int code = p.awaitExit(QUICK);

    assertThat(code).as(p.stderr()).isEqualTo(ExitCodes.FAILURE);
    assertThat(p.stderr()).contains("/proc/no-spool\\nforge-run.yaml: valid");
    assertNoForgedLine(p, "forge-run.yaml: valid");
  }

  @Test
  void tlsSettingsThatWouldNotBeHonouredAreRefused() throws Exception {
    Path file = write("tls.yaml", VALID.replace("url: tcp://127.0.0.1:1", "url: ssl://127.0.0.1:1")
        + "    tls: {certFile: /etc/c.pem, keyFile: /etc/k.pem, insecureSkipVerify: true}\n");

    GatewayProcess p = validate(file);

    assertRefused(p, "tls.yaml:9:11: uplink.mqtt.tls.certFile: a client certificate needs caFile");
    assertRefused(p, "uplink.mqtt.tls.insecureSkipVerify: the broker's certificate is always verified");
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static GatewayProcess validate(Path file) {
    GatewayProcess p = GatewayProcess.startAsUnit("validate", file.toString());
    p.awaitExit(QUICK);
    return p;
  }

  /** Exit 3 with {@code expected} on a line of its own error, and no sign of a crash. */
  private static void assertRefused(GatewayProcess p, String expected) {
    String err = p.stderr();
    assertThat(p.exitCode()).as(err).isEqualTo(ExitCodes.CONFIG_INVALID);
    assertThat(Arrays.asList(err.split("\\R"))).as(err).anyMatch(l -> l.contains(expected));
    assertThat(err).doesNotContain("OutOfMemoryError").doesNotContain("StackOverflowError")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(err.lines()).allMatch(l -> l.length() < 1200, "every line is bounded");
  }

  private static void assertNoForgedLine(GatewayProcess p, String forged) {
    assertThat((p.stdout() + p.stderr()).lines()).noneMatch(l -> l.startsWith(forged));
  }
}
