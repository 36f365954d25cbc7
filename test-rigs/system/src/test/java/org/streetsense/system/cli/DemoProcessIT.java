package org.streetsense.system.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.cli.ExitCodes;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.process.GatewayProcess;

/** {@code java -jar streetsense.jar demo} as operators start it, watched by an MQTT subscriber. */
@Timeout(120)
class DemoProcessIT {

  private GatewayProcess demo;
  private MqttTestSubscriber subscriber;

  @AfterEach
  void stop() {
    if (subscriber != null) {
      subscriber.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void demoStreamsReadingsWithinFiveSecondsOfSayingItRunsAndStopsOnSigterm(@TempDir java.nio.file.Path data) {
    int mqttPort = FreePorts.next();
    int httpPort = FreePorts.next();
    demo = GatewayProcess.start("demo", "--mqtt-port", Integer.toString(mqttPort),
        "--http-port", Integer.toString(httpPort), "--data-dir", data.toString());

    await("the demo says it runs").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> demo.stdout().contains("Press Ctrl+C to stop.") || !demo.isAlive());
    assertThat(demo.isAlive()).as("demo alive; errors:\n%s", demo.stderr()).isTrue();
    String banner = demo.stdout();
    assertThat(banner).contains("Streetsense demo is running").contains("mosquitto_sub -h localhost -p " + mqttPort + " -t 'streetsense/#' -v")
        .contains("http://localhost:" + httpPort + "/dash/")
        .containsPattern("token: \\S{16,}");

    subscriber = MqttTestSubscriber.connect("tcp://127.0.0.1:" + mqttPort, "streetsense/v1/demo/#");
    ReceivedMessage reading = subscriber.awaitMessage(m -> m.topic().endsWith("/reading"), Duration.ofSeconds(5));
    assertThat(reading.text()).contains("\"installation\":\"demo\"").contains("\"unit\":").contains("\"seq\":");
    // The birth is published before the first reading on the same connection, so it is retained by
    // now. It is read by a later subscription only: the embedded Moquette broker can miss a
    // retained message that is stored while a subscription to it is being made.
    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect("tcp://127.0.0.1:" + mqttPort,
        "streetsense/v1/demo/state")) {
      // Only a retained message reaches a subscription made after it was published. (Moquette
      // clears the RETAIN flag on that delivery, so the flag is not checked here;
      // LastWillProcessIT checks it against Mosquitto.)
      ReceivedMessage retained = latecomer.awaitMessage(m -> true, Duration.ofSeconds(5));
      assertThat(retained.text()).contains("\"status\":\"online\"").contains("\"boot\":");
    }

    demo.terminate();
    assertThat(demo.awaitExit(Duration.ofSeconds(45))).as("exit code after SIGTERM (docs/cli.md)")
        .isEqualTo(ExitCodes.OK);
    assertThat(demo.stderr()).doesNotContain("Exception in thread");
  }

  @Test
  void demoRefusesAPortInUseWithAClearMessage(@TempDir java.nio.file.Path data) throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      demo = GatewayProcess.run(Duration.ofSeconds(60), "demo", "--mqtt-port", Integer.toString(taken.getLocalPort()),
          "--http-port", Integer.toString(FreePorts.next()), "--data-dir", data.toString());
    }
    assertThat(demo.exitCode()).isEqualTo(1);
    assertThat(demo.stderr()).contains("cannot start the embedded MQTT broker").contains("--mqtt-port");
    assertThat(List.of(demo.stderr().split("\n"))).noneMatch(l -> l.startsWith("\tat "));
  }
}
