package org.streetsense.system.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.cli.ExitCodes;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * The per-electrode {@code touch: {threshold, release}} keys of an MPR121 channel, seen at an MQTT
 * subscriber. {@code streetsense rig --config FILE crowd} (the jar as a child process) puts a hand
 * on each electrode in turn; the simulated chip lowers a touched electrode's filtered data by 60
 * counts below its baseline, counts a touch when that drop exceeds the electrode's touch threshold
 * and ends it when the drop falls below its release threshold. So an electrode with the defaults
 * (12, 6) starts and ends touches, one with {@code threshold: 60} never starts one (the drop never
 * exceeds it), and one with {@code release: 0} starts a touch that never ends (no drop is below 0).
 */
@Timeout(180)
class DeclaredTouchThresholdsIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String EVENTS = "streetsense/v1/touch-bench/rail/event";

  private static GatewayProcess rig;
  private static MqttTestSubscriber subscriber;

  @BeforeAll
  static void rehearseACrowd() throws Exception {
    Path dir = Files.createTempDirectory("streetsense-touch-");
    Path file = Files.writeString(dir.resolve("touch.yaml"), """
        installation: touch-bench
        site: Touch thresholds bench
        hardware: {backend: simulated}
        devices:
          - id: rail
            driver: mpr121
            address: 0x5A
            channels:
              plain: {index: 0}
              deaf: {index: 1, touch: {threshold: 60, release: 30}}
              sticky: {index: 2, touch: {threshold: 12, release: 0}}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:1883"}
        """);
    int mqttPort = FreePorts.next();
    rig = GatewayProcess.start("rig", "--config", file.toString(), "crowd",
        "--mqtt-port", Integer.toString(mqttPort), "--http-port", Integer.toString(FreePorts.next()));
    await("the rig says where its dashboard is").atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> rig.stdout().contains("token:") || !rig.isAlive());
    assertThat(rig.isAlive()).as("rig alive; errors:\n%s", rig.stderr()).isTrue();
    subscriber = MqttTestSubscriber.connect("tcp://127.0.0.1:" + mqttPort, "streetsense/v1/touch-bench/#");
    // the crowd scenario ends by itself: every electrode has had its hands by then
    assertThat(rig.awaitExit(WAIT)).as(rig.stderr()).isEqualTo(ExitCodes.OK);
  }

  @AfterAll
  static void stop() {
    if (subscriber != null) {
      subscriber.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void theCrowdPutAHandOnEveryElectrode() {
    assertThat(rig.stdout()).contains("hand on rail/plain", "hand off rail/plain",
        "hand on rail/deaf", "hand off rail/deaf", "hand on rail/sticky", "hand off rail/sticky");
  }

  /** The defaults (12, 6): every hand is a touch_start and a touch_end. */
  @Test
  void anElectrodeWithTheDefaultThresholdsStartsAndEndsTouches() {
    assertThat(events("plain", "touch_start")).as(all()).isNotEmpty();
    assertThat(events("plain", "touch_end")).as(all()).isNotEmpty();
  }

  /** touch.threshold 60: a hand lowers the data by 60 counts, which does not exceed it. */
  @Test
  void anElectrodeWhoseTouchThresholdAHandDoesNotExceedNeverStartsATouch() {
    assertThat(events("deaf", "touch_start")).as(all()).isEmpty();
    assertThat(events("deaf", "touch_end")).as(all()).isEmpty();
  }

  /** touch.release 0: the touch starts, and no drop is ever below the release threshold. */
  @Test
  void anElectrodeWithReleaseZeroStartsATouchThatNeverEnds() {
    assertThat(events("sticky", "touch_start")).as(all()).isNotEmpty();
    assertThat(events("sticky", "touch_end")).as(all()).isEmpty();
  }

  private static List<ReceivedMessage> events(String channel, String type) {
    return subscriber.messagesOn(EVENTS).stream()
        .filter(m -> m.text().contains("\"channel\":\"" + channel + "\"")
            && m.text().contains("\"type\":\"" + type + "\""))
        .toList();
  }

  private static String all() {
    return "events seen:\n" + String.join("\n",
        subscriber.messagesOn(EVENTS).stream().map(ReceivedMessage::text).toList());
  }
}
