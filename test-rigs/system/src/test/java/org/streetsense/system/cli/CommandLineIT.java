package org.streetsense.system.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.cli.ExitCodes;
import org.streetsense.gateway.cli.StreetsenseCommand;
import org.streetsense.rigs.ProjectPaths;
import org.streetsense.rigs.process.GatewayProcess;
import picocli.CommandLine;

/** The short-lived commands of {@code streetsense.jar}: exit codes and what they print. */
@Timeout(120)
class CommandLineIT {

  private static final Duration QUICK = Duration.ofSeconds(60);

  /** Three errors on known lines: a bad id (1), a misspelt key (9), a pin that does not exist (12). */
  private static final String BROKEN = """
      installation: Bad_Id
      site: System test bench
      hardware:
        backend: simulated
      devices:
        - id: weather
          driver: bme280
          address: 0x76
          perod: 5s
        - id: button
          driver: button
          pin: 40
      uplink:
        mqtt:
          url: tcp://localhost:1883
      """;

  @Test
  void validatePrintsEveryErrorWithItsLineAndExitsThree(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, BROKEN);

    GatewayProcess p = GatewayProcess.run(QUICK, "validate", broken.toString());

    assertThat(p.exitCode()).as(p.stderr()).isEqualTo(ExitCodes.CONFIG_INVALID);
    List<String> lines = Arrays.asList(p.stderr().split("\\R"));
    assertThat(lines).anyMatch(l -> l.contains("broken.yaml:1:") && l.contains("installation"));
    assertThat(lines).anyMatch(l -> l.contains("broken.yaml:9:") && l.contains("devices[0].perod")
        && l.contains("did you mean 'period'"));
    assertThat(lines).anyMatch(l -> l.contains("broken.yaml:12:") && l.contains("devices[1].pin")
        && l.contains("0..27"));
    assertThat(p.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void validateAcceptsTheExampleInstallations() {
    for (String example : List.of("demo.yaml", "kosice-square.yaml")) {
      GatewayProcess p = GatewayProcess.run(QUICK, "validate", ProjectPaths.example(example).toString());
      assertThat(p.exitCode()).as(example + ": " + p.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(p.stdout()).contains(example).contains("valid");
    }
  }

  @Test
  void versionPrintsTheVersion() {
    GatewayProcess p = GatewayProcess.run(QUICK, "--version");
    assertThat(p.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(p.stdout()).containsPattern("streetsense \\d+\\.\\d+\\.\\d+");
  }

  @Test
  void unknownCommandIsAUsageErrorWithTheUsageAndExitCodes() {
    GatewayProcess p = GatewayProcess.run(QUICK, "qqq");
    assertThat(p.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(p.stderr()).contains("'qqq'").contains("Usage: streetsense")
        .contains("validate", "probe", "demo", "run", "rig", "safe-outputs")
        .contains("3   the installation file is invalid");
  }

  @Test
  void misspeltCommandIsAUsageErrorSuggestingTheRightOne() {
    GatewayProcess p = GatewayProcess.run(QUICK, "valdate", "broken.yaml");
    assertThat(p.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(p.stderr()).contains("Did you mean: streetsense validate?");
  }

  @Test
  void runWithAnInvalidFileExitsThreeNamingTheErrors(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, BROKEN);

    GatewayProcess p = GatewayProcess.run(QUICK, "run", "--config", broken.toString());

    assertThat(p.exitCode()).isEqualTo(ExitCodes.CONFIG_INVALID);
    assertThat(p.stderr()).contains("broken.yaml:9:").contains("devices[1].pin").doesNotContain("\tat ");
  }

  @Test
  void probeFindsEveryChipOfTheSimulatedDemo() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = StreetsenseCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));

    int code = cl.execute("probe", "--config", ProjectPaths.example("demo.yaml").toString());

    assertThat(code).as(out + "\n" + err).isEqualTo(ExitCodes.OK);
    String report = out.toString().toLowerCase(java.util.Locale.ROOT);
    assertThat(report).contains("0x76", "0x23", "0x5a").contains("bme280", "bh1750", "mpr121");
    assertThat(report.lines()).hasSize(3);
  }
}
