package org.streetsense.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.MosquittoServer;
import picocli.CommandLine;

/**
 * {@code streetsense push} waiting for a wave's answers on a real Mosquitto: installations that
 * answer {@code applied} are taken as they come, one that stays silent is a timeout after
 * {@code --timeout}, and an answer retained from an earlier push does not count. The
 * installations are a plain MQTT client that answers {@code config/set} as a gateway does.
 */
@Timeout(60)
class PushCommandAnswersIT {

  private static final String PREFIX = "streetsense/v1";

  @TempDir Path dir;
  private MosquittoServer broker;
  private MqttAsyncClient fleet;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() {
    broker = MosquittoServer.anonymous();
    broker.start();
  }

  @AfterEach
  void stop() throws MqttException {
    if (fleet != null) {
      fleet.disconnect().waitForCompletion(5_000);
      fleet.close();
    }
    broker.close();
  }

  @Test
  void answeredInstallationsAreAppliedAndASilentOneTimesOutEvenWithAnOldRetainedAnswer()
      throws Exception {
    answering(Set.of("park-01", "park-02"));
    MqttMessage old = new MqttMessage(new JsonObject().put("version", 9).put("status", "applied")
        .encode().getBytes(StandardCharsets.UTF_8));
    old.setQos(1);
    old.setRetained(true);
    fleet.publish(PREFIX + "/park-03/config/result", old).waitForCompletion(5_000);

    int code = push("--wave-size", "2", "--timeout", "2", "park-01", "park-02", "park-03");

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.FAILURE);
    assertThat(out.toString().lines().skip(1).map(l -> l.replaceAll(" +", " ").strip()))
        .containsExactly("park-01 canary applied", "park-02 1 applied",
            "park-03 1 timeout no answer in 2 s", "2 of 3 applied version 9; the rollout stopped");
  }

  @Test
  void aSilentCanaryStopsTheRolloutAfterTheTimeout() throws Exception {
    answering(Set.of("park-02"));

    int code = push("--timeout", "1", "park-01", "park-02");

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.FAILURE);
    assertThat(out.toString().lines().skip(1).map(l -> l.replaceAll(" +", " ").strip()))
        .containsExactly("park-01 canary timeout no answer in 1 s",
            "park-02 1 not_sent the rollout stopped", "0 of 2 applied version 9; the rollout stopped");
  }

  /** Answers every {@code config/set} of the installations in {@code live} with applied. */
  private void answering(Set<String> live) throws MqttException {
    fleet = new MqttAsyncClient(broker.url(), "fleet", new MemoryPersistence());
    fleet.connect().waitForCompletion(5_000);
    fleet.subscribe(PREFIX + "/+/config/set", 1, (topic, message) -> {
      String id = topic.split("/")[2];
      if (live.contains(id)) {
        long version = new JsonObject(new String(message.getPayload(), StandardCharsets.UTF_8))
            .getLong("version");
        fleet.publish(PREFIX + "/" + id + "/config/result", new JsonObject()
            .put("version", version).put("status", "applied").encode()
            .getBytes(StandardCharsets.UTF_8), 1, false);
      }
    }).waitForCompletion(5_000);
  }

  private int push(String... args) throws Exception {
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
    CommandLine cli = StreetsenseCommand.commandLine(Map.of());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 7];
    System.arraycopy(new String[] {"push", "--file", file.toString(), "--version", "9",
        "--broker", broker.url()}, 0, all, 0, 7);
    System.arraycopy(args, 0, all, 7, args.length);
    return cli.execute(all);
  }
}
