package org.streetsense.system.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.bridge.link.JSerialCommLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.gateway.app.Gateway;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.bridge.sim.BoardProtocol;
import org.streetsense.bridge.sim.SimulatedBoard;
import org.streetsense.bridge.sim.SimulatedBoardOptions;

/**
 * The whole path from a simulated board pin to a real Mosquitto: a {@link SimulatedBoard} on the
 * board end of a socat pty pair, the gateway's board devices on the host end (declared under
 * {@code boards:} in an installation file), the spool and the MQTT uplink, and a subscriber.
 */
class BoardToMqttIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String INSTALLATION = "tunnel-echo";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final List<JsonNode> readings = new CopyOnWriteArrayList<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
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
    subscriber = new MqttClient(broker.url(), "board-it-sub", new MemoryPersistence());
    MqttConnectOptions connect = new MqttConnectOptions();
    connect.setCleanSession(true);
    subscriber.connect(connect);
    subscriber.subscribe("streetsense/v1/" + INSTALLATION + "/+/reading", 1,
        (topic, message) -> readings.add(JSON.readTree(
            new String(message.getPayload(), StandardCharsets.UTF_8))
            .deepCopy()));
    subscriber.subscribe("streetsense/v1/" + INSTALLATION + "/+/event", 1,
        (topic, message) -> events.add(JSON.readTree(
            new String(message.getPayload(), StandardCharsets.UTF_8)).deepCopy()));
  }

  @AfterEach
  void stopAll() throws Exception {
    if (gateway != null) {
      gateway.stop();
    }
    if (subscriber != null && subscriber.isConnected()) {
      subscriber.disconnect();
      subscriber.close();
    }
    broker.close();
  }

  @Test
  void streetsenseBoardPinAndDistanceReachMosquittoAndResumeAfterReplug() throws Exception {
    startBoard(BoardProtocol.STREETSENSE, 115_200);
    board.setAnalog(0, 512);
    board.setDistanceMm(1500);
    startGateway("streetsense", 115_200, """
          - id: walkway-distance
            driver: board-distance
            board: uno-1
            pin: D7
            period: 200ms
            channels:
              distance: {unit: cm}
        """);

    await().atMost(WAIT).until(() -> has("ambient-light", 512, "good"));
    await().atMost(WAIT).until(() -> has("walkway-distance", 150, "good"));
    JsonNode light = first("ambient-light", 512);
    assertThat(light.get("channel").asText()).isEqualTo("light_level");
    assertThat(light.get("unit").asText()).isEqualTo("raw");
    assertThat(first("walkway-distance", 150).get("unit").asText()).isEqualTo("cm");
    assertSequenceNumbersRunWithoutGaps("ambient-light");

    unplugAndReplug();
    assertSequenceNumbersRunWithoutGaps("ambient-light");
    assertThat(board.resets()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void firmataBoardPinReachesMosquittoAndResumesAfterReplug() throws Exception {
    startBoard(BoardProtocol.FIRMATA, 57_600);
    board.setAnalog(0, 512);
    startGateway("firmata", 57_600, "");

    await().atMost(WAIT).until(() -> has("ambient-light", 512, "good"));
    assertThat(first("ambient-light", 512).get("unit").asText()).isEqualTo("raw");
    assertSequenceNumbersRunWithoutGaps("ambient-light");

    unplugAndReplug();
    assertSequenceNumbersRunWithoutGaps("ambient-light");
  }

  @Test
  void streetsenseEventModeInputReportsItsLevelAtStartAndAgainAfterReplug() throws Exception {
    startBoard(BoardProtocol.STREETSENSE, 115_200);
    eventModeInputReportsItsLevelAtStartAndAgainAfterReplug("streetsense", 115_200);
  }

  @Test
  void firmataEventModeInputReportsItsLevelAtStartAndAgainAfterReplug() throws Exception {
    startBoard(BoardProtocol.FIRMATA, 57_600);
    eventModeInputReportsItsLevelAtStartAndAgainAfterReplug("firmata", 57_600);
  }

  @Test
  void streetsenseDigitalPinEdgesReachMosquittoAsRiseAndFallEvents() throws Exception {
    startBoard(BoardProtocol.STREETSENSE, 115_200);
    digitalPinEdgesReachMosquittoAsRiseAndFallEvents("streetsense", 115_200);
  }

  @Test
  void firmataDigitalPinEdgesReachMosquittoAsRiseAndFallEvents() throws Exception {
    startBoard(BoardProtocol.FIRMATA, 57_600);
    digitalPinEdgesReachMosquittoAsRiseAndFallEvents("firmata", 57_600);
  }

  /**
   * A button on a board pin (pulled up, pressed to ground): its level at start is no edge; a press
   * and a release are a {@code fall} and a {@code rise} event on the interaction topic, beside
   * the level readings.
   */
  private void digitalPinEdgesReachMosquittoAsRiseAndFallEvents(String protocol, int baud)
      throws Exception {
    board.setDigitalInput(2, true);
    startGateway(protocol, baud, """
          - id: big-button
            driver: board-pin
            board: uno-1
            pin: D2
            mode: event
            channels:
              pressed: {unit: bool}
        """);
    await().atMost(WAIT).until(() -> has("big-button", 1, "good"));
    assertThat(eventTypes("big-button")).as("the level at start is not an edge").isEmpty();

    board.setDigitalInput(2, false);
    await().atMost(WAIT).until(() -> eventTypes("big-button").contains("fall"));
    board.setDigitalInput(2, true);
    await().atMost(WAIT).until(() -> eventTypes("big-button").equals(List.of("fall", "rise")));

    JsonNode fall = events.stream().filter(e -> e.get("type").asText().equals("fall"))
        .findFirst().orElseThrow();
    assertThat(fall.get("channel").asText()).isEqualTo("pressed");
    assertThat(fall.get("device").asText()).isEqualTo("big-button");
    await().atMost(WAIT).until(() -> has("big-button", 0, "good"));
  }

  private List<String> eventTypes(String device) {
    return events.stream().filter(e -> e.get("device").asText().equals(device))
        .map(e -> e.get("type").asText()).toList();
  }

  /**
   * A door contact nobody touches: its level is published at start, without an edge, and again
   * (good, same level) once the board is back after unplugging, without an edge either.
   */
  private void eventModeInputReportsItsLevelAtStartAndAgainAfterReplug(String protocol, int baud)
      throws Exception {
    board.setDigitalInput(2, true);
    startGateway(protocol, baud, """
          - id: door
            driver: board-pin
            board: uno-1
            pin: D2
            mode: event
            channels:
              closed: {unit: bool}
        """);
    await().atMost(WAIT).until(() -> has("door", 1, "good"));

    int before = readings.size();
    cable.pty().unplug();
    await().atMost(WAIT).until(() -> indexOf("door", "fault", -1, before) >= 0);
    int fault = indexOf("door", "fault", -1, before);
    cable.pty().replug();
    await().atMost(WAIT).until(() -> indexOf("door", "good", 1, fault) > fault);
    await("/health names no problem of the door").atMost(WAIT)
        .until(() -> !health().contains("device door"));
    assertThat(eventTypes("door")).as("no edge at start or after the replug").isEmpty();
  }

  /** Pulls the cable: one FAULT reading, then good readings with the new value after replug. */
  private void unplugAndReplug() {
    int before = readings.size();
    int firstGood = indexOf("ambient-light", "good", -1, 0);
    assertThat(indexOf("ambient-light", "fault", -1, firstGood)).as("no fault while plugged")
        .isEqualTo(-1);
    cable.pty().unplug();
    await().atMost(WAIT).until(() -> indexOf("ambient-light", "fault", -1, before) >= 0);
    board.setAnalog(0, 99);
    cable.pty().replug();
    await().atMost(WAIT).until(() -> has("ambient-light", 99, "good"));
    int fault = indexOf("ambient-light", "fault", -1, before);
    int resumed = indexOf("ambient-light", "good", 99, before);
    assertThat(fault).isLessThan(resumed);
    assertThat(readings.subList(fault, resumed).stream()
        .filter(r -> matches(r, "ambient-light", -1, "fault"))).hasSize(1);
  }

  private void startBoard(BoardProtocol protocol, int baud) throws Exception {
    board = cable.start(SimulatedBoardOptions.builder(protocol).boardId("uno-1")
        .heartbeatInterval(Duration.ofMillis(200)).build(), baud);
  }

  private void startGateway(String protocol, int baud, String moreDevices) throws Exception {
    String port = cable.hostEnd().toString();
    Path file = dir.resolve("installation.yaml");
    Files.writeString(file, """
        installation: %s
        site: Pedestrian underpass, Bratislava
        location: {lat: 48.1486, lon: 17.1077}
        description: Sound and light respond to people walking through the underpass.
        operator: Bratislava city innovation unit
        languages: [sk, en]
        license: CC0-1.0

        hardware:
          backend: simulated
          seed: 7

        boards:
          - id: uno-1
            port: %s
            protocol: %s
            baud: %d

        devices:
          - id: ambient-light
            driver: board-pin
            board: uno-1
            pin: A0
            period: 200ms
            channels:
              light_level: {unit: raw, range: {min: 0, max: 1023}}
        %s
        uplink:
          mqtt:
            url: %s
            qos: 1

        spool:
          dir: %s

        http:
          host: 127.0.0.1
          port: %d
        """.formatted(INSTALLATION, port, protocol, baud, moreDevices, broker.url(),
        dir.resolve("spool"), FreePorts.next()));
    backend = SimulatedBackend.builder().seed(7).build();
    backend.attachSerial(port, () -> new JSerialCommLink(new SerialLinkOptions(port, baud)));
    gateway = Gateway.start(InstallationLoader.load(file),
        new GatewayOptions(() -> "board-it-token".toCharArray(), backend, "test"));
  }

  private String health() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + gateway.httpPort() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  private boolean has(String device, double value, String quality) {
    return readings.stream().anyMatch(r -> matches(r, device, value, quality));
  }

  private static boolean matches(JsonNode r, String device, double value, String quality) {
    return r.get("device").asText().equals(device)
        && r.get("quality").asText().equals(quality)
        && (value < 0 || (r.hasNonNull("value") && Math.abs(r.get("value").asDouble() - value) < 1e-6));
  }

  private JsonNode first(String device, double value) {
    return readings.stream().filter(r -> matches(r, device, value, "good")).findFirst()
        .orElseThrow();
  }

  private int indexOf(String device, String quality, double value, int from) {
    for (int i = from; i < readings.size(); i++) {
      if (matches(readings.get(i), device, value, quality)) {
        return i;
      }
    }
    return -1;
  }

  /** Each accepted reading gets the next sequence number of its stream; none is skipped. */
  private void assertSequenceNumbersRunWithoutGaps(String device) {
    List<Long> seqs = readings.stream().filter(r -> r.get("device").asText().equals(device))
        .map(r -> r.get("seq").asLong()).distinct().sorted().toList();
    assertThat(seqs).isNotEmpty();
    assertThat(seqs.get(0)).isPositive();
    for (int i = 1; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).as("seq after %d", seqs.get(i - 1)).isEqualTo(seqs.get(i - 1) + 1);
    }
  }
}
