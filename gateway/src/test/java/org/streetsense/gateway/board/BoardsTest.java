package org.streetsense.gateway.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streetsense.bridge.link.InMemoryLinkPair;
import org.streetsense.bridge.link.ReconnectOptions;
import org.streetsense.bridge.protocol.BoardCommand;
import org.streetsense.bridge.protocol.BoardMessage;
import org.streetsense.bridge.protocol.ChannelMode;
import org.streetsense.bridge.protocol.Unit;
import org.streetsense.bridge.session.BoardSessionOptions;
import org.streetsense.gateway.channel.ChannelOptions;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;
import org.streetsense.gateway.status.DeviceState;

class BoardsTest {

  private static final String PORT = "/dev/serial/by-id/usb-uno-1";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final BoardsOptions FAST = BoardsOptions.DEFAULT
      .withReconnect(new ReconnectOptions(Duration.ofMillis(20), Duration.ofMillis(100)))
      .withSession(BoardSessionOptions.builder().helloRetryInterval(Duration.ofMillis(50))
          .requestTimeout(Duration.ofMillis(200)).heartbeatInterval(Duration.ofMillis(100))
          .missedHeartbeats(3).build());

  private final InMemoryLinkPair pair = new InMemoryLinkPair("uno-1");
  private final ScriptedStreetsensePeer peer = new ScriptedStreetsensePeer(pair.board());
  private final SimulatedBackend backend = SimulatedBackend.builder().build();
  private final List<Observation> observed = new CopyOnWriteArrayList<>();
  private Boards boards;

  @BeforeEach
  void attach() {
    backend.attachSerial(PORT, pair::host);
  }

  @AfterEach
  void tearDown() {
    if (boards != null) {
      boards.close();
    }
    peer.close();
    backend.close();
    pair.close();
  }

  private void open(BoardInputSpec... inputs) throws IOException {
    boards = Boards.create("tunnel-echo",
        List.of(new BoardSpec("uno-1", PORT, BoardProtocol.STREETSENSE, 115_200)),
        List.of(inputs), backend, observed::add, FAST);
    boards.start();
    peer.boot();
  }

  private static BoardInputSpec analog(String device, String pin) {
    return new BoardInputSpec(device, "board-pin", "uno-1", pin, BoardInputKind.PIN,
        Duration.ofSeconds(1), ChannelOptions.builder("light_level").unit("raw").build(), "raw");
  }

  private List<Reading> readings(String device) {
    return observed.stream().filter(o -> o instanceof Reading && o.device().equals(device))
        .map(o -> (Reading) o).toList();
  }

  @Test
  void configuresTheAnalogPinAndPublishesItsCountsThroughChannelProcessing() throws IOException {
    boards = Boards.create("tunnel-echo",
        List.of(new BoardSpec("uno-1", PORT, BoardProtocol.STREETSENSE, 115_200)),
        List.of(new BoardInputSpec("ambient-light", "board-pin", "uno-1", "A0",
            BoardInputKind.PIN, Duration.ofSeconds(1),
            ChannelOptions.builder("light_level").unit("%").calibration(0.1, 0).build(), "raw")),
        backend, observed::add, FAST);
    boards.start();
    peer.boot();

    await().atMost(WAIT).until(() -> peer.commands().contains(new BoardCommand.Configure(
        ScriptedStreetsensePeer.A0, ChannelMode.ANALOG_INPUT, Duration.ofSeconds(1))));
    peer.send(BoardMessage.Reading.ofInt(ScriptedStreetsensePeer.A0, Unit.COUNTS, 512));

    await().atMost(WAIT).until(() -> !readings("ambient-light").isEmpty());
    Reading r = readings("ambient-light").get(0);
    assertThat(r.installation()).isEqualTo("tunnel-echo");
    assertThat(r.channel()).isEqualTo("light_level");
    assertThat(r.value()).isEqualTo(51.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.unit()).isEqualTo("%");
    assertThat(r.quality()).isEqualTo(Quality.GOOD);
    await().atMost(WAIT).until(() -> boards.status("ambient-light").orElseThrow().state()
        == DeviceState.OK);
  }

  @Test
  void distanceInMillimetresIsPublishedInCentimetres() throws IOException {
    open(new BoardInputSpec("walkway-distance", "board-distance", "uno-1", "D7",
        BoardInputKind.DISTANCE, Duration.ofMillis(100),
        ChannelOptions.builder("distance").unit("cm").build(), "cm"));

    await().atMost(WAIT).until(() -> peer.commands().contains(new BoardCommand.Configure(
        ScriptedStreetsensePeer.HCSR04, ChannelMode.DISTANCE, Duration.ofMillis(100))));
    peer.send(BoardMessage.Reading.ofFloat(ScriptedStreetsensePeer.HCSR04, Unit.MILLIMETRE,
        1234.5f));

    await().atMost(WAIT).until(() -> !readings("walkway-distance").isEmpty());
    Reading r = readings("walkway-distance").get(0);
    assertThat(r.value()).isEqualTo(123.45, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(r.unit()).isEqualTo("cm");
  }

  @Test
  void digitalEdgesArePublishedAsLevels() throws IOException {
    open(new BoardInputSpec("handrail-switch", "board-pin", "uno-1", "D2", BoardInputKind.PIN,
        Duration.ZERO, ChannelOptions.builder("pressed").unit("bool").build(), "bool"));

    await().atMost(WAIT).until(() -> peer.commands().contains(new BoardCommand.Configure(
        ScriptedStreetsensePeer.D2, ChannelMode.DIGITAL_INPUT, Duration.ZERO)));
    peer.send(new BoardMessage.Event(ScriptedStreetsensePeer.D2, true, 1000));

    await().atMost(WAIT).until(() -> !readings("handrail-switch").isEmpty());
    assertThat(readings("handrail-switch").get(0).value()).isEqualTo(1.0);
  }

  @Test
  void digitalEdgesAreInteractionEventsRiseAndFallHandedOverBeforeTheirLevels()
      throws IOException {
    open(new BoardInputSpec("handrail-switch", "board-pin", "uno-1", "D2", BoardInputKind.PIN,
        Duration.ZERO, ChannelOptions.builder("pressed").unit("bool").build(), "bool"));
    await().atMost(WAIT).until(() -> peer.commands().contains(new BoardCommand.Configure(
        ScriptedStreetsensePeer.D2, ChannelMode.DIGITAL_INPUT, Duration.ZERO)));

    peer.send(new BoardMessage.Event(ScriptedStreetsensePeer.D2, true, 1000));
    await().atMost(WAIT).until(() -> readings("handrail-switch").size() == 1);
    assertThat(events("handrail-switch")).as("the first level is not an edge").isEmpty();

    peer.send(new BoardMessage.Event(ScriptedStreetsensePeer.D2, false, 1100));
    peer.send(new BoardMessage.Event(ScriptedStreetsensePeer.D2, true, 1200));
    await().atMost(WAIT).until(() -> events("handrail-switch").size() == 2);

    assertThat(events("handrail-switch")).extracting(InteractionEvent::type)
        .containsExactly("fall", "rise");
    assertThat(events("handrail-switch")).extracting(InteractionEvent::channel)
        .containsOnly("pressed");
    List<Observation> mine = observed.stream()
        .filter(o -> o.device().equals("handrail-switch")).toList();
    InteractionEvent fall = events("handrail-switch").get(0);
    int at = mine.indexOf(fall);
    assertThat(mine.get(at + 1)).as("the level follows its event, with the event's time")
        .isInstanceOfSatisfying(Reading.class, r -> {
          assertThat(r.value()).isZero();
          assertThat(r.time().monotonicNanos()).isEqualTo(fall.time().monotonicNanos());
        });
  }

  private List<InteractionEvent> events(String device) {
    return observed.stream().filter(o -> o instanceof InteractionEvent && o.device().equals(device))
        .map(o -> (InteractionEvent) o).toList();
  }

  @Test
  void unplugPublishesFaultAndReplugReconfiguresAndResumes() throws IOException {
    open(analog("ambient-light", "A0"));
    await().atMost(WAIT).until(() -> !peer.commands().isEmpty());
    peer.send(BoardMessage.Reading.ofInt(ScriptedStreetsensePeer.A0, Unit.COUNTS, 100));
    await().atMost(WAIT).until(() -> readings("ambient-light").size() == 1);

    int configures = peer.commands().size();
    pair.unplug(new IOException("cable pulled"));

    await().atMost(WAIT).until(() -> readings("ambient-light").stream()
        .anyMatch(r -> r.quality() == Quality.FAULT));
    assertThat(boards.status("ambient-light").orElseThrow().state()).isEqualTo(DeviceState.ABSENT);
    assertThat(boards.status("ambient-light").orElseThrow().lastError()).contains("uno-1");
    assertThat(readings("ambient-light").stream().filter(r -> r.quality() == Quality.FAULT))
        .hasSize(1);

    pair.plug();
    peer.boot();
    // pin configuration is lost on a reset: the gateway sends it again
    await().atMost(WAIT).until(() -> peer.commands().size() > configures);
    peer.send(BoardMessage.Reading.ofInt(ScriptedStreetsensePeer.A0, Unit.COUNTS, 200));

    await().atMost(WAIT).until(() -> readings("ambient-light").stream()
        .anyMatch(r -> r.value() == 200 && r.quality() == Quality.GOOD));
    assertThat(boards.status("ambient-light").orElseThrow().state()).isEqualTo(DeviceState.OK);
  }

  @Test
  void aPinTheBoardDoesNotHaveIsAFaultNamingThePin() throws IOException {
    open(analog("ambient-light", "A5"));

    await().atMost(WAIT).until(() -> boards.status("ambient-light").orElseThrow().state()
        == DeviceState.FAULT);
    assertThat(boards.status("ambient-light").orElseThrow().lastError())
        .contains("pin A5").contains("A0");
    assertThat(peer.commands()).isEmpty();
  }

  @Test
  void anInputOnAnUndeclaredBoardIsRejected() {
    assertThatThrownBy(() -> Boards.create("tunnel-echo", List.of(),
        List.of(analog("ambient-light", "A0")), backend, observed::add, FAST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ambient-light").hasMessageContaining("uno-1");
  }
}
