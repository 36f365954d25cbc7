package org.streetsense.system.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.app.ScenarioName;
import org.streetsense.gateway.cli.ExitCodes;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.ProjectPaths;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Issue 16, item 5: {@code streetsense rig --config FILE SCENARIO} rehearses any installation file
 * on simulated hardware, run as the jar, watched by an MQTT subscriber on the rig's broker.
 */
@Timeout(180)
class RigProcessIT {

  private static final Duration QUICK = Duration.ofSeconds(60);

  /** A small installation: a PIR at the door, a button, a touch rail; no demo devices. */
  private static final String SMALL = """
      installation: corner
      site: Rehearsal bench
      hardware: {backend: pi4j}
      devices:
        - {id: door, driver: pir, pin: 17}
        - id: bell
          driver: button
          pin: 22
          options: {stuckAfter: 2s}
        - id: rail
          driver: mpr121
          address: 0x5A
          channels:
            left: {index: 0}
            right: {index: 3}
      uplink:
        mqtt: {url: "ssl://broker.city.example:8883"}
      """;

  @TempDir Path dir;
  private GatewayProcess rig;
  private MqttTestSubscriber subscriber;

  @AfterEach
  void stop() {
    if (subscriber != null) {
      subscriber.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  private Path file(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /** Starts the rig and waits until it printed its dashboard address; subscribes to its stream. */
  private String startRig(Path file, String scenario, int mqttPort, int httpPort) {
    rig = GatewayProcess.start("rig", "--config", file.toString(), scenario,
        "--mqtt-port", Integer.toString(mqttPort), "--http-port", Integer.toString(httpPort));
    await("the rig says where its dashboard is").atMost(QUICK).pollInterval(Duration.ofMillis(50))
        .until(() -> rig.stdout().contains("token:") || !rig.isAlive());
    assertThat(rig.isAlive()).as("rig alive; errors:\n%s", rig.stderr()).isTrue();
    subscriber = MqttTestSubscriber.connect("tcp://127.0.0.1:" + mqttPort, "streetsense/v1/corner/#");
    return rig.stdout();
  }

  @Test
  void crowdOnASmallInstallationFileProducesPassersByAndPrintsTheDashboardAndToken() throws Exception {
    int mqttPort = FreePorts.next();
    int httpPort = FreePorts.next();

    String banner = startRig(file("corner.yaml", SMALL), "crowd", mqttPort, httpPort);

    assertThat(banner).contains("Rehearsing installation 'corner'").contains("scenario crowd")
        .contains("http://localhost:" + httpPort + "/dash/").containsPattern("token: \\S{16,}");
    ReceivedMessage enter = subscriber.awaitMessage(m -> m.topic().equals("streetsense/v1/corner/door/event")
        && m.text().contains("\"presence_enter\""), Duration.ofSeconds(30));
    assertThat(enter.text()).contains("\"device\":\"door\"");
    subscriber.awaitMessage(m -> m.topic().equals("streetsense/v1/corner/rail/event")
        && m.text().contains("\"touch_start\""), Duration.ofSeconds(30));
    subscriber.awaitMessage(m -> m.topic().equals("streetsense/v1/corner/bell/event")
        && m.text().contains("\"press\""), Duration.ofSeconds(30));
    subscriber.awaitMessage(m -> m.topic().equals("streetsense/v1/corner/door/event")
        && m.text().contains("\"presence_leave\""), Duration.ofSeconds(30));

    assertThat(rig.awaitExit(QUICK)).as(rig.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(rig.stdout()).contains("passer-by 1 at door", "end");
  }

  @Test
  void aJammedButtonIsReportedStuckAfterItsStuckTimeAndRecoversWhenFreed() throws Exception {
    startRig(file("corner.yaml", SMALL), "vandalised-button", FreePorts.next(), FreePorts.next());

    ReceivedMessage stuck = subscriber.awaitMessage(m -> m.topic().equals("streetsense/v1/corner/bell/event")
        && m.text().contains("\"stuck\""), Duration.ofSeconds(30));
    assertThat(stuck.text()).contains("\"value\":2000");
    subscriber.awaitMessage(m -> m.topic().equals("streetsense/v1/corner/bell/reading")
        && m.text().contains("\"quality\":\"suspect\""), Duration.ofSeconds(10));
    ReceivedMessage release = subscriber.awaitMessage(m -> m.topic().equals("streetsense/v1/corner/bell/event")
        && m.text().contains("\"release\""), Duration.ofSeconds(30));
    assertThat(subscriber.messages().indexOf(release)).isGreaterThan(subscriber.messages().indexOf(stuck));
    subscriber.awaitMessage(m -> m.topic().equals("streetsense/v1/corner/bell/reading")
        && m.text().contains("\"value\":0") && m.text().contains("\"quality\":\"good\""), Duration.ofSeconds(10));

    assertThat(rig.awaitExit(QUICK)).as(rig.stderr()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void aScenarioTheFileHasNoDeviceForIsRefusedBeforeAnythingStarts() throws Exception {
    Path weatherOnly = file("weather.yaml", """
        installation: weather-only
        site: Bench
        hardware: {backend: simulated}
        devices:
          - {id: weather, driver: bme280, address: 0x76}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:1883"}
        """);

    GatewayProcess p = GatewayProcess.run(QUICK, "rig", "--config", weatherOnly.toString(), "crowd",
        "--mqtt-port", Integer.toString(FreePorts.next()), "--http-port", Integer.toString(FreePorts.next()));

    assertThat(p.exitCode()).as(p.stderr()).isEqualTo(ExitCodes.USAGE);
    assertThat(p.stderr()).contains("scenario crowd needs a pir, button (on a GPIO pin) or mpr121 touch device")
        .contains("weather.yaml declares none").doesNotContain("\tat ");
  }

  @Test
  void scenarioNamesAreKebabCaseInTheHelpTheDocsAndTheCommandAndOnlyThere() throws Exception {
    GatewayProcess snake = GatewayProcess.run(QUICK, "rig", "vandalised_button");
    assertThat(snake.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(snake.stderr()).contains("unknown scenario 'vandalised_button' (did you mean 'vandalised-button'?)")
        .contains("choose one of crowd, vandalised-button, unplugged-sensor");

    GatewayProcess help = GatewayProcess.run(QUICK, "rig", "--help");
    GatewayProcess top = GatewayProcess.run(QUICK, "--help");
    String cli = Files.readString(ProjectPaths.root().resolve("docs/cli.md"));
    String readme = Files.readString(ProjectPaths.root().resolve("README.md"));
    for (String name : ScenarioName.names()) {
      assertThat(help.stdout()).contains(name);
      assertThat(cli).contains("`" + name + "`");
      assertThat(readme).contains("`" + name + "`");
    }
    assertThat(top.stdout().replaceAll("\\s+", " ")).contains("crowd, vandalised-button, unplugged-sensor");
    for (String text : new String[] {help.stdout(), top.stdout(), cli, readme}) {
      assertThat(text).doesNotContain("vandalised_button").doesNotContain("unplugged_sensor")
          .doesNotContain("unplugged_output");
    }
  }
}
