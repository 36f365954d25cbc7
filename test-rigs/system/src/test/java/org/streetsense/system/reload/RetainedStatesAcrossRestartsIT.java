package org.streetsense.system.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.streetsense.harness.MqttTestSubscriber;

/**
 * A restart with an installation file that no longer declares an actuator clears that
 * actuator's retained state, as an apply does (docs/mqtt-contract.md, "Actuator state"): the
 * gateway records in its configuration store the state topics it may have left retained. Seen
 * from outside: the gateway runs as a child process against a real Mosquitto, and the retained
 * messages are read as a backend subscribing later reads them.
 */
@Timeout(180)
class RetainedStatesAcrossRestartsIT {

  private static final String ID = "restart-bench";

  @RegisterExtension final ReloadBench bench = ReloadBench.anonymous(ID);

  private String installation(boolean withFan) {
    return bench.installation("Restart bench", """
        devices:
          - {id: lamp, driver: led, pin: 12}
        %s
        safety:
          timezone: UTC
          actuators:
            lamp: {kind: light, operations: [on, off]}
        %s
        """.formatted(withFan ? "  - {id: fan, driver: relay, pin: 13}" : "",
        withFan ? "    fan: {kind: switch, operations: [on, off]}" : ""));
  }

  @Test
  void aRestartWithAFileWithoutAnActuatorClearsItsRetainedState() throws Exception {
    runWithTheFanThen(() -> bench.gateway().stop(Duration.ofSeconds(30)));
  }

  @Test
  void aRestartAfterKillNineWithAFileWithoutAnActuatorClearsItsRetainedState() throws Exception {
    runWithTheFanThen(() -> bench.gateway().killAndWait());
  }

  @Test
  void withoutTheRecordOfStateTopicsTheStatesOfThePreviousFilesActuatorsAreClearedAllTheSame()
      throws Exception {
    runWithTheFanThen(() -> {
      bench.gateway().killAndWait();
      delete(bench.store().resolve("states.json"));
    });
  }

  @Test
  void aDamagedRecordIsMovedAsideAndThePreviousFilesActuatorsAreClearedAllTheSame()
      throws Exception {
    runWithTheFanThen(() -> {
      bench.gateway().killAndWait();
      write(bench.store().resolve("states.json"), "\u0000garbage[");
    });
    assertThat(bench.store().resolve("states.json.damaged")).hasContent("\u0000garbage[");
    assertThat(Files.readString(bench.store().resolve("states.json")))
        .contains(bench.config().stateTopic("fan"));
  }

  @Test
  void aStateTheBrokerBringsBackAfterItWasClearedIsClearedAgainAtTheNextStart()
      throws Exception {
    runWithTheFanThen(() -> bench.gateway().stop(Duration.ofSeconds(30)));
    // a broker that lost power before saving the clear brings the old state back
    bench.gateway().stop(Duration.ofSeconds(30));
    bench.config().publishRetained(bench.config().stateTopic("fan"),
        "{\"actuator\":\"fan\",\"level\":1.0,\"safe\":false}");
    assertThat(bench.config().retainedMessages()).containsKey(bench.config().stateTopic("fan"));
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(),
        bench.prefix() + "/#")) {
      bench.start();
      watch.awaitMessage(m -> m.topic().equals(bench.config().stateTopic("fan"))
          && m.payload().length == 0, ConfigTopics.WAIT);
    }
    assertThat(bench.config().retainedMessages())
        .doesNotContainKey(bench.config().stateTopic("fan"));
  }

  @Test
  void aRecordNamingAnotherInstallationsStateNeverClearsIt() throws Exception {
    String neighbour = "streetsense/v1/neighbour-bench/lamp/state";
    bench.config().publishRetained(neighbour, "{\"actuator\":\"lamp\",\"level\":1.0}");
    bench.writeFile(installation(true));
    bench.start();
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(), "#")) {
      bench.config().awaitState(watch, 0);
      bench.gateway().stop(Duration.ofSeconds(30));
      // a store copied from another gateway: its topic first, so a clear of it would come first
      write(bench.store().resolve("states.json"), "[\"" + neighbour + "\",\""
          + bench.config().stateTopic("fan") + "\"]");
      bench.writeFile(installation(false));
      bench.start();

      watch.awaitMessage(m -> m.topic().equals(bench.config().stateTopic("fan"))
          && m.payload().length == 0, ConfigTopics.WAIT);
      assertThat(watch.messagesOn(neighbour)).as("nothing was published on the other "
          + "installation's topic").allMatch(m -> m.payload().length > 0);
    }
    try (MqttTestSubscriber latecomer = MqttTestSubscriber.connect(bench.broker().url(),
        neighbour)) {
      assertThat(latecomer.awaitMessage(m -> m.retained(), ConfigTopics.WAIT).text())
          .contains("\"level\":1.0");
    }
    assertThat(Files.readString(bench.store().resolve("states.json"))).doesNotContain(neighbour);
  }

  private void runWithTheFanThen(Runnable end) throws Exception {
    bench.writeFile(installation(true));
    bench.start();
    try (MqttTestSubscriber watch = MqttTestSubscriber.connect(bench.broker().url(),
        bench.prefix() + "/#")) {
      bench.config().awaitState(watch, 0);
      watch.awaitMessage(m -> m.topic().equals(bench.config().stateTopic("fan")),
          ConfigTopics.WAIT);
      assertThat(bench.config().retainedMessages()).containsKeys(
          bench.config().stateTopic("lamp"), bench.config().stateTopic("fan"));

      end.run();
      bench.writeFile(installation(false));
      bench.start();

      watch.awaitMessage(m -> m.topic().equals(bench.config().stateTopic("fan"))
          && m.payload().length == 0, ConfigTopics.WAIT);
      Map<String, String> retained = bench.config().retainedMessages();
      assertThat(retained).as("a latecomer sees no state for the fan the file no longer declares")
          .doesNotContainKey(bench.config().stateTopic("fan"))
          .containsKey(bench.config().stateTopic("lamp"));
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
