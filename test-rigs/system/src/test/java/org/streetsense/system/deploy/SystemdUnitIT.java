package org.streetsense.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/systemd/streetsense.service} checked by systemd's own tools: {@code verify}
 * must print nothing (systemd only warns, exit 0, about directives it ignores), and the
 * offline {@code security} review must rate its exposure at 3.0 or better.
 */
class SystemdUnitIT {

  private static final Path UNIT = RepoFiles.deploy("systemd/streetsense.service");

  @TempDir Path tmp;

  @Test
  void verifiesWithoutAnyWarning() {
    Commands.Result verify = systemdAnalyze("verify", "--man=no", UNIT.toString());

    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).isEmpty();
  }

  @Test
  void verifyReportsADirectiveItWouldIgnore() throws IOException {
    Path broken = tmp.resolve("streetsense.service");
    Files.writeString(broken, Files.readString(UNIT).replace("Type=notify", "Type=notfy"));

    Commands.Result verify = systemdAnalyze("verify", "--man=no", broken.toString());

    assertThat(verify.output()).contains("Failed to parse service type");
  }

  @Test
  void rates3OrBetterInTheOfflineSecurityReview() {
    Commands.Result security = systemdAnalyze("security", "--offline=true", "--threshold=30",
        UNIT.toString());

    assertThat(security.exitCode()).as(security.output()).isZero();
    assertThat(security.output()).contains("Overall exposure level for streetsense.service");
  }

  @Test
  void declaresNotifyWatchdogRestartAndJournal() throws IOException {
    List<String> lines = Files.readAllLines(UNIT);

    assertThat(lines).contains("Type=notify", "NotifyAccess=all", "WatchdogSec=30s",
        "Restart=on-failure", "StartLimitIntervalSec=10min", "StartLimitBurst=10",
        "User=streetsense", "SupplementaryGroups=gpio i2c spi dialout",
        "StandardOutput=journal", "StandardError=journal", "StateDirectory=streetsense",
        "ConfigurationDirectory=streetsense", "ReadWritePaths=/var/lib/streetsense",
        "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK");
    assertThat(lines).as("the gateway starts through the launcher, which maps its class-data "
        + "archive (LaunchScriptIT)").contains(
        "ExecStartPre=/bin/sh /opt/streetsense/bin/streetsense-launch prepare",
        "ExecStart=/bin/sh /opt/streetsense/bin/streetsense-launch service run --config "
            + "/etc/streetsense/installation.yaml --config-store /var/lib/streetsense/config-store");
  }

  @Test
  void reloadsTheInstallationFileWithSighupAndKeepsItsStoreInTheStateDirectory() throws IOException {
    List<String> lines = Files.readAllLines(UNIT);

    assertThat(lines).contains("ExecReload=/bin/kill -HUP $MAINPID");
    assertThat(lines).filteredOn(l -> (l.startsWith("ExecStart=") || l.startsWith("ExecStopPost="))
            && l.contains(" --config "))
        .as("the gateway and safe-outputs read the same store, which the service may write")
        .hasSize(2).allMatch(l -> l.endsWith(" --config-store /var/lib/streetsense/config-store"));
    assertThat(lines).contains("ReadWritePaths=/var/lib/streetsense");
  }

  @Test
  void drivesTheOutputsSafeAfterTheProcessEndsHoweverItEnds() throws IOException {
    List<String> lines = Files.readAllLines(UNIT);

    assertThat(lines).as("ExecStopPost runs after any exit, SIGKILL and OutOfMemoryError included")
        .contains("ExecStopPost=/usr/bin/java $STREETSENSE_JAVA_OPTS -jar "
            + "/opt/streetsense/streetsense.jar safe-outputs --config "
            + "/etc/streetsense/installation.yaml --config-store /var/lib/streetsense/config-store");
    assertThat(lines).as("a failing safe-outputs must not be ignored")
        .noneMatch(l -> l.startsWith("ExecStopPost=-") && l.contains("safe-outputs"));
    List<String> stopPost = lines.stream().filter(l -> l.startsWith("ExecStopPost=")).toList();
    assertThat(stopPost).as("outputs safe first, without the class-data archive; then a crashed "
        + "archive is set aside, whose failure must not count").hasSize(2);
    assertThat(stopPost.get(0)).startsWith("ExecStopPost=/usr/bin/java ").contains("safe-outputs");
    assertThat(stopPost.get(1))
        .isEqualTo("ExecStopPost=-/bin/sh /opt/streetsense/bin/streetsense-launch stopped");
    assertThat(lines).as("the JVM's status after a clean SIGTERM stop is no failure")
        .contains("SuccessExitStatus=143");
  }

  @Test
  void leavesTheHardwareDevicesReachable() throws IOException {
    List<String> lines = Files.readAllLines(UNIT);

    assertThat(lines).noneMatch(l -> l.startsWith("PrivateDevices="))
        .noneMatch(l -> l.startsWith("ProtectKernelTunables="))
        .contains("DevicePolicy=closed", "DeviceAllow=char-gpiochip rw", "DeviceAllow=char-i2c rw",
            "DeviceAllow=char-spi rw", "DeviceAllow=char-ttyACM rw", "DeviceAllow=char-ttyUSB rw",
            "DeviceAllow=char-ttyAMA rw");
  }

  @Test
  void itsJvmOptionsStartAJava17() throws IOException {
    String env = Files.readAllLines(UNIT).stream()
        .filter(l -> l.startsWith("Environment=STREETSENSE_JAVA_OPTS=")).findFirst()
        .orElseThrow();
    String options = env.substring(env.indexOf('=', "Environment=".length()) + 1)
        .replace("\"", "");
    assertThat(options).contains("-Xmx64m", "-XX:+ExitOnOutOfMemoryError");

    List<String> command = new ArrayList<>(List.of("/usr/bin/java"));
    command.addAll(Arrays.asList(options.split("\\s+")));
    command.add("-version");
    Commands.Result java = Commands.run(command, Map.of(), Duration.ofMinutes(1));

    assertThat(java.exitCode()).as(java.output()).isZero();
    assertThat(java.output()).contains("version \"17.");
  }

  private static Commands.Result systemdAnalyze(String... args) {
    List<String> command = new ArrayList<>(List.of("systemd-analyze"));
    command.addAll(List.of(args));
    return Commands.run(command, Map.of(), Duration.ofMinutes(1));
  }
}
