package org.streetsense.system.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.bridge.link.JSerialCommLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.bridge.sim.BoardProtocol;
import org.streetsense.bridge.sim.SimulatedBoard;
import org.streetsense.bridge.sim.SimulatedBoardOptions;
import org.streetsense.gateway.app.Gateway;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.hardware.simulated.EdgeScript;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.status.DeviceState;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;

/**
 * A board pin's declared {@code debounce} and {@code debounceMode} (decision 0368), seen where a
 * backend sees them: a {@link SimulatedBoard} on the board end of a socat pty plays one scripted
 * bouncing press on three pins at once, the gateway reads the board over the pty, and a subscriber
 * on a real Mosquitto counts the {@code fall} and {@code rise} events of each pin. The contact
 * bounces every 75..225 ms (seeded), far slower than the default 20 ms
 * lockout, so only a pin that declares a longer lockout reports the press as one event at its first
 * edge; a trailing pin reports it once, stamped when the contact settled.
 */
@Timeout(120)
class BoardPinDebounceIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String INSTALLATION = "arcade-hall";
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Pressed at 0, held 2.5 s, two bounce pairs on each transition, the edges 75..225 ms apart
   * (seeded): slower than the default 20 ms lockout, within a 1 s lockout and a 300 ms trailing
   * window.
   */
  private static final EdgeScript SLOW_BOUNCING_PRESS = EdgeScript.builder()
      .pulse(Duration.ZERO, Duration.ofMillis(2_500), false)
      .bounce(2, Duration.ofMillis(150))
      .build();

  @TempDir Path dir;
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final List<JsonNode> readings = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService script = Executors.newSingleThreadScheduledExecutor();
  private MosquittoServer broker;
  @RegisterExtension final BoardOnPty cable = new BoardOnPty();
  private SimulatedBoard board;
  private SimulatedBackend backend;
  private Gateway gateway;
  private MqttClient subscriber;

  @BeforeEach
  void startBrokerAndCable() throws Exception {
    broker = MosquittoServer.anonymous();
    broker.start();
    subscriber = new MqttClient(broker.url(), "board-debounce-it", new MemoryPersistence());
    subscriber.connect();
    subscriber.subscribe("streetsense/v1/" + INSTALLATION + "/+/reading", 1,
        (topic, message) -> readings.add(JSON.readTree(
            new String(message.getPayload(), StandardCharsets.UTF_8)).deepCopy()));
    subscriber.subscribe("streetsense/v1/" + INSTALLATION + "/+/event", 1,
        (topic, message) -> events.add(JSON.readTree(
            new String(message.getPayload(), StandardCharsets.UTF_8)).deepCopy()));
  }

  @AfterEach
  void stopAll() throws Exception {
    script.shutdownNow();
    if (gateway != null) {
      gateway.stop();
    }
    if (backend != null) {
      backend.close();
    }
    if (subscriber.isConnected()) {
      subscriber.disconnect();
    }
    subscriber.close();
    broker.close();
  }

  @Test
  void streetsenseBoardPinsObserveTheirDeclaredDebounce() throws Exception {
    declaredDebounceIsObservedAtTheSubscriber(BoardProtocol.STREETSENSE, "streetsense", 115_200);
  }

  @Test
  void firmataBoardPinsObserveTheirDeclaredDebounce() throws Exception {
    declaredDebounceIsObservedAtTheSubscriber(BoardProtocol.FIRMATA, "firmata", 57_600);
  }

  private void declaredDebounceIsObservedAtTheSubscriber(BoardProtocol protocol, String name,
      int baud) throws Exception {
    startBoard(protocol, baud);
    for (int pin : new int[] {2, 3, 4}) {
      board.setDigitalInput(pin, true);
    }
    startGateway(name, baud);
    await("the gateway reads the pins").atMost(WAIT)
        .until(() -> gateway.deviceStatuses().stream()
            .filter(d -> d.state() == DeviceState.OK).count() == 3);
    // the pins are held high from before the start: each publishes its level and no event (a
    // StandardFirmata port reporting before all its input pins are set would show the later
    // ones low first, an edge nobody made)
    await("every pin reads high").atMost(WAIT)
        .until(() -> List.of("default-button", "vandal-button", "long-cable").stream()
            .allMatch(d -> lastLevel(d) == 1));
    await("no event at start").during(Duration.ofMillis(1_200)).atMost(Duration.ofSeconds(5))
        .until(events::isEmpty);
    assertThat(readings.stream().filter(r -> r.path("value").asDouble(-1) == 0).toList())
        .as("readings of a low level at start").isEmpty();

    for (EdgeScript.ScriptedEdge e : SLOW_BOUNCING_PRESS.expand(17)) {
      script.schedule(() -> {
        for (int pin : new int[] {2, 3, 4}) {
          board.setDigitalInput(pin, e.high());
        }
      }, e.offsetNanos(), TimeUnit.NANOSECONDS);
    }

    await("the default 20 ms lockout lets the slow bounces through").atMost(WAIT)
        .until(() -> types("default-button").stream().filter("fall"::equals).count() >= 2
            && types("default-button").get(types("default-button").size() - 1).equals("rise"));
    try {
      await("a 1 s lockout: one press, one release").atMost(WAIT)
          .during(Duration.ofMillis(1_500))
          .until(() -> types("vandal-button").equals(List.of("fall", "rise"))
              && types("long-cable").equals(List.of("fall", "rise")));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("events at the subscriber: " + events, e);
    }

    long leadingFall = time("vandal-button", "fall");
    long trailingFall = time("long-cable", "fall");
    assertThat(trailingFall - leadingFall)
        .as("leading is stamped at the first edge, trailing when the contact settled (after the "
            + "four bounce edges, each at least 75 ms apart)")
        .isGreaterThanOrEqualTo(150);
    assertThat(time("vandal-button", "rise") - leadingFall)
        .as("the release is stamped at its own edge, 2.5 s after the press")
        .isBetween(2_000L, 3_000L);
  }

  private double lastLevel(String device) {
    return readings.stream().filter(r -> r.get("device").asText().equals(device))
        .reduce((a, b) -> b).map(r -> r.path("value").asDouble(-1)).orElse(-1.0);
  }

  private List<String> types(String device) {
    return events.stream().filter(e -> e.get("device").asText().equals(device))
        .map(e -> e.get("type").asText()).toList();
  }

  private long time(String device, String type) {
    return events.stream().filter(e -> e.get("device").asText().equals(device)
        && e.get("type").asText().equals(type)).findFirst().orElseThrow().get("ts").asLong();
  }

  private void startBoard(BoardProtocol protocol, int baud) throws Exception {
    board = cable.start(SimulatedBoardOptions.builder(protocol).boardId("uno-1")
        .heartbeatInterval(Duration.ofMillis(200)).build(), baud);
  }

  private void startGateway(String protocol, int baud) throws Exception {
    String port = cable.hostEnd().toString();
    Path file = dir.resolve("installation.yaml");
    Files.writeString(file, """
        installation: %s
        site: Arcade hall, rehearsal
        hardware: {backend: simulated, seed: 7}
        boards:
          - {id: uno-1, port: %s, protocol: %s, baud: %d}
        devices:
          - id: default-button
            driver: board-pin
            board: uno-1
            pin: D3
            mode: event
            channels:
              pressed: {unit: bool}
          - id: vandal-button
            driver: board-pin
            board: uno-1
            pin: D2
            mode: event
            options: {debounce: 1s}
            channels:
              pressed: {unit: bool}
          - id: long-cable
            driver: board-pin
            board: uno-1
            pin: D4
            mode: event
            options: {debounce: 300ms, debounceMode: trailing}
            channels:
              pressed: {unit: bool}
        uplink:
          mqtt: {url: "%s", qos: 1}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(INSTALLATION, port, protocol, baud, broker.url(), dir.resolve("spool"),
        FreePorts.next()));
    backend = SimulatedBackend.builder().seed(7).build();
    backend.attachSerial(port, () -> new JSerialCommLink(new SerialLinkOptions(port, baud)));
    gateway = Gateway.start(InstallationLoader.load(file),
        new GatewayOptions(() -> "board-debounce-token".toCharArray(), backend, "test"));
  }
}
