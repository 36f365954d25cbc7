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

  @Test
  void helpIsPrintedByRunHelpDemoHelpAndHelpRun() {
    for (List<String> args : List.of(List.of("run", "--help"), List.of("demo", "--help"),
        List.of("help", "run"), List.of("validate", "-h"), List.of("probe", "--help"))) {
      GatewayProcess p = GatewayProcess.run(QUICK, args.toArray(String[]::new));
      String command = args.get(0).equals("help") ? args.get(1) : args.get(0);
      assertThat(p.exitCode()).as(args + ": " + p.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(p.stdout()).as(String.join(" ", args)).contains("Usage: streetsense " + command)
          .contains("--help");
    }
  }

  @Test
  void validateReportsDeviceSafetyAndReflexErrorsInOnePass(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("several.yaml");
    Files.writeString(file, """
        installation: several
        site: Bench
        hardware: {backend: simulated}
        devices:
          - id: weather
            driver: bme280
            address: 0x76
            perod: 5s
          - id: lamp
            driver: led
            pin: 18
        uplink:
          mqtt: {url: tcp://localhost:1883}
        safety:
          actuators:
            lamp: {kind: light, operations: [on, off]}
            fan: {kind: switch}
        reflexes:
          - name: glow
            when: {device: lamp, event: press}
            do:
              - {actuator: lamp, op: fade, value: 1.0, duration: 300ms}
        """);

    GatewayProcess p = GatewayProcess.run(QUICK, "validate", file.toString());

    assertThat(p.exitCode()).isEqualTo(ExitCodes.CONFIG_INVALID);
    assertThat(p.stderr()).contains("several.yaml:8:", "devices[0].perod")
        .contains("several.yaml:17:", "safety.actuators.fan")
        .contains("several.yaml:20:", "reflexes[0].when.device", "'lamp' is an output")
        .contains("4 errors in");
  }

  @Test
  void runPrintsTheDashboardAddressAndExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
    int httpPort = org.streetsense.harness.FreePorts.next();
    Path file = dir.resolve("bench.yaml");
    Files.writeString(file, """
        installation: bench
        site: Bench
        hardware: {backend: simulated}
        devices:
          - {id: weather, driver: bme280, address: 0x76}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:%d"}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(org.streetsense.harness.FreePorts.next(), dir.resolve("spool"), httpPort));

    try (GatewayProcess run = GatewayProcess.start("run", "--config", file.toString())) {
      org.awaitility.Awaitility.await("run says where its dashboard is")
          .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
          .until(() -> run.stdout().contains("/dash/") || !run.isAlive());
      assertThat(run.stdout()).as(run.stderr())
          .contains("Dashboard:         http://127.0.0.1:" + httpPort + "/dash/");

      run.terminate();

      assertThat(run.awaitExit(Duration.ofSeconds(45))).as(run.stderr()).isEqualTo(ExitCodes.OK);
    }
  }
}
