package org.streetsense.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.streetsense.gateway.uplink.UplinkTestSupport.WAIT;
import static org.streetsense.gateway.uplink.UplinkTestSupport.isState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.uplink.contract.Topics;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.harness.ReceivedMessage;

@Timeout(120)
class LastWillIT {

  @TempDir
  Path tmp;

  @Test
  void brokerPublishesTheRetainedOfflineStateWhenTheGatewayProcessIsKilled()
      throws IOException, InterruptedException {
    Topics topics = new Topics("kosice-square");
    try (MosquittoServer broker = MosquittoServer.anonymous();
        MqttTestSubscriber sub = startBrokerAndSubscribe(broker, topics)) {
      Path out = tmp.resolve("probe.log");
      Process probe = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          UplinkProbeMain.class.getName(), broker.url(), "kosice-square", "gw-probe", "23")
          .redirectErrorStream(true)
          .redirectOutput(out.toFile())
          .start();
      try {
        await("probe online").atMost(Duration.ofSeconds(60))
            .until(() -> Files.readString(out).contains("ONLINE") || !probe.isAlive());
        assertThat(probe.isAlive()).as("probe output: %s", Files.readString(out)).isTrue();
        sub.awaitMessage(m -> isState(m, "online", 23), WAIT);

        probe.destroyForcibly(); // SIGKILL: no shutdown hook, no DISCONNECT
        assertThat(probe.waitFor(10, TimeUnit.SECONDS)).isTrue();

        ReceivedMessage will = sub.awaitMessage(m -> isState(m, "offline", 23), WAIT);
        assertThat(will.topic()).isEqualTo(topics.gatewayState());
      } finally {
        probe.destroyForcibly();
      }
      try (MqttTestSubscriber late = MqttTestSubscriber.connect(broker.url(),
          topics.gatewayState())) {
        List<ReceivedMessage> retained = late.awaitMessages(1, WAIT);
        assertThat(retained.get(0).retained()).isTrue();
        assertThat(isState(retained.get(0), "offline", 23)).isTrue();
      }
    }
  }

  private static MqttTestSubscriber startBrokerAndSubscribe(MosquittoServer broker,
      Topics topics) {
    broker.start();
    return MqttTestSubscriber.connect(broker.url(), topics.gatewayState());
  }
}
