package org.streetsense.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code streetsense push} as a technician meets it before anything is sent. */
class PushCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  /** The command's environment: never the one the tests run in. */
  private Map<String, String> environment = Map.of();

  private int run(String... args) {
    CommandLine cli = StreetsenseCommand.commandLine(environment);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() {
    assertThat(run("push", "--help")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Usage: streetsense push", "--wave-size");
  }

  @Test
  void aVersionAbove2To53Minus1IsWrongUsage() {
    assertThat(run("push", "--file", dir.resolve("park.yaml").toString(), "--version", "9007199254740992",
        "--broker", "tcp://127.0.0.1:1", "park-01")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("at most 9007199254740991");
  }

  @Test
  void withoutAPasswordInTheEnvironmentPushWarnsBeforeItConnects() throws Exception {
    Path file = validFile();
    assertThat(run("push", "--file", file.toString(), "--version", "9", "--timeout", "1",
        "--broker", "tcp://127.0.0.1:1", "park-01")).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("STREETSENSE_PUSH_PASSWORD is not set",
        "without a password", "cannot reach the broker");
  }

  @Test
  void withThePasswordInItsEnvironmentPushConnectsWithoutAWarning() throws Exception {
    environment = Map.of(PushCommand.PASSWORD_ENV, "configurator-secret");
    Path file = validFile();
    assertThat(run("push", "--file", file.toString(), "--version", "9", "--timeout", "1",
        "--broker", "tcp://127.0.0.1:1", "park-01")).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("cannot reach the broker")
        .doesNotContain("is not set").doesNotContain("without a password");
  }

  private Path validFile() throws Exception {
    Path file = dir.resolve("park.yaml");
    Files.writeString(file, """
        installation: park
        site: Park
        hardware: {backend: simulated}
        devices:
          - {id: light, driver: bh1750, address: 0x23}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:1"}
        spool: {dir: spool}
        """);
    return file;
  }

  @Test
  void aMissingFileIsNamedWithWhatIsWrong() {
    assertThat(run("push", "--file", dir.resolve("park.yaml").toString(), "--version", "9",
        "--broker", "tcp://127.0.0.1:1", "park-01")).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("cannot read the file", "park.yaml", "no such file");
  }

  @Test
  void errorsOfAnInvalidFileNameThePushedFileAndTheLine() throws Exception {
    Path file = dir.resolve("park.yaml");
    Files.writeString(file, """
        installation: park
        site: Park
        hardware: {backend: simulated}
        devices:
          - {id: light, driver: no-such-driver, address: 0x23}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:1"}
        spool: {dir: spool}
        """);
    assertThat(run("push", "--file", file.toString(), "--version", "9",
        "--broker", "tcp://127.0.0.1:1", "park-01", "park-02")).isEqualTo(ExitCodes.CONFIG_INVALID);
    assertThat(err.toString()).startsWith(file + ":5:").contains("devices[0]", "(in the copy for park-01)");
  }
}
