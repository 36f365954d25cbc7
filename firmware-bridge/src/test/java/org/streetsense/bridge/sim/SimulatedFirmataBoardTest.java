package org.streetsense.bridge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streetsense.bridge.firmata.FirmataBoardInfo;
import org.streetsense.bridge.firmata.FirmataClient;
import org.streetsense.bridge.firmata.FirmataClientOptions;
import org.streetsense.bridge.firmata.FirmataListener;
import org.streetsense.bridge.firmata.PinMode;
import org.streetsense.bridge.link.InMemoryLinkPair;

class SimulatedFirmataBoardTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private InMemoryLinkPair pair;
  private SimulatedBoard board;
  private FirmataClient client;
  private final List<String> heard = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    pair = new InMemoryLinkPair("firmata");
    board = new SimulatedBoard(pair.board(),
        SimulatedBoardOptions.builder(BoardProtocol.FIRMATA).boardId("StandardFirmata.ino")
            .build());
    board.start();
    client = new FirmataClient(pair.host(), new FirmataClientOptions(Duration.ofSeconds(3),
        Duration.ofMillis(100), Duration.ofSeconds(2)));
    client.addListener(new FirmataListener() {
      @Override
      public void onAnalog(int channel, int value) {
        heard.add("A" + channel + "=" + value);
      }

      @Override
      public void onDigital(int pin, boolean high) {
        heard.add("D" + pin + "=" + high);
      }
    });
  }

  @AfterEach
  void tearDown() {
    client.close();
    board.close();
    pair.close();
  }

  @Test
  void startReadsFirmwareCapabilitiesAndAnalogMapping() throws Exception {
    FirmataBoardInfo info = client.start().get(5, TimeUnit.SECONDS);
    assertThat(info.firmware().name()).isEqualTo("StandardFirmata.ino");
    assertThat(info.firmware().major()).isEqualTo(2);
    assertThat(info.pins()).hasSize(20);
    assertThat(info.pins().get(0).modes()).isEmpty();
    assertThat(info.pins().get(9).modes()).containsEntry(PinMode.PWM, 8);
    assertThat(info.analogPin(0)).hasValueSatisfying(p -> {
      assertThat(p.pin()).isEqualTo(14);
      assertThat(p.modes()).containsEntry(PinMode.ANALOG, 10);
    });
    assertThat(client.queryAnalogMapping().get(2, TimeUnit.SECONDS))
        .containsAllEntriesOf(Map.of(14, 0, 19, 5));
  }

  @Test
  void analogReportingDeliversValuesAtTheSamplingInterval() throws Exception {
    client.start().get(5, TimeUnit.SECONDS);
    board.setAnalog(0, 1023);
    client.setPinMode(14, PinMode.ANALOG);
    client.setSamplingInterval(Duration.ofMillis(10));
    client.reportAnalog(0, true);
    await().atMost(WAIT).until(() -> heard.contains("A0=1023"));
    assertThat(client.analogValue(0)).hasValue(1023);
    client.reportAnalog(0, false);
  }

  @Test
  void digitalReportingDeliversPinChanges() throws Exception {
    client.start().get(5, TimeUnit.SECONDS);
    client.setPinMode(2, PinMode.INPUT);
    client.reportDigital(0, true);
    await().atMost(WAIT).until(() -> heard.contains("D2=false"));
    board.setDigitalInput(2, true);
    await().atMost(WAIT).until(() -> heard.contains("D2=true"));
    assertThat(client.digitalValue(2)).hasValue(true);
  }

  @Test
  void digitalAndPwmWritesDriveTheBoard() throws Exception {
    client.start().get(5, TimeUnit.SECONDS);
    client.setPinMode(13, PinMode.OUTPUT);
    client.digitalWrite(13, true);
    client.setPinMode(9, PinMode.PWM);
    client.analogWrite(9, 128);
    client.setPinMode(12, PinMode.OUTPUT);
    client.writeDigitalPort(1, 0b0001_0000);
    await().atMost(WAIT).until(() -> board.pins().pwm(9).isPresent()
        && board.pins().output(12).isPresent());
    assertThat(board.pins().output(13)).hasValue(false);
    assertThat(board.pins().output(12)).hasValue(true);
    assertThat(board.pins().pwm(9)).hasValue(128);
  }

  @Test
  void singlePinWriteSetsOnlyThatPin() throws Exception {
    client.start().get(5, TimeUnit.SECONDS);
    client.setPinMode(13, PinMode.OUTPUT);
    client.digitalWrite(13, true);
    await().atMost(WAIT).until(() -> board.pins().output(13).orElse(false));
  }

  @Test
  void extendedAnalogWritesReachPinsAbove15() throws Exception {
    client.start().get(5, TimeUnit.SECONDS);
    client.setPinMode(3, PinMode.PWM);
    client.analogWrite(3, 20000);
    await().atMost(WAIT).until(() -> board.pins().pwm(3).isPresent());
    assertThat(board.pins().pwm(3)).hasValue(20000);
  }

  @Test
  void corruptedMessagesAreDroppedAndCounted() throws Exception {
    client.start().get(5, TimeUnit.SECONDS);
    board.setAnalog(1, 600);
    board.faults().corruptNextFrames(3);
    client.setSamplingInterval(Duration.ofMillis(10));
    client.reportAnalog(1, true);
    await().atMost(WAIT).until(() -> heard.contains("A1=600"));
    assertThat(client.stats().truncated() + client.stats().unknownCommands())
        .isGreaterThanOrEqualTo(3);
    assertThat(heard).allMatch(h -> h.equals("A1=600"));
  }
}
