package org.streetsense.bridge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.streetsense.bridge.firmata.Firmata;
import org.streetsense.bridge.firmata.FirmataBoardInfo;
import org.streetsense.bridge.firmata.FirmataClient;
import org.streetsense.bridge.firmata.FirmataClientOptions;
import org.streetsense.bridge.firmata.PinMode;
import org.streetsense.bridge.link.JSerialCommLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.harness.SocatPty;

/** FirmataClient at 57600 baud against the simulated StandardFirmata board over a real pty. */
class FirmataOverSocatIT {

  @Test
  void queriesReportsAndWritesOverAPseudoTerminal() throws Exception {
    try (SocatPty pty = new SocatPty()) {
      pty.start();
      SimulatedBoard board = new SimulatedBoard(
          new JSerialCommLink(new SerialLinkOptions(pty.boardEnd().toString(), Firmata.BAUD_RATE)),
          SimulatedBoardOptions.builder(BoardProtocol.FIRMATA).boardId("StandardFirmata.ino")
              .build());
      FirmataClient client = new FirmataClient(
          new JSerialCommLink(new SerialLinkOptions(pty.hostEnd().toString(), Firmata.BAUD_RATE)),
          FirmataClientOptions.DEFAULT);
      try {
        board.start();
        board.setAnalog(0, 321);
        FirmataBoardInfo info = client.start().get(15, TimeUnit.SECONDS);
        assertThat(info.firmware().name()).isEqualTo("StandardFirmata.ino");
        assertThat(info.analogPin(0)).isPresent();

        client.setSamplingInterval(Duration.ofMillis(20));
        client.reportAnalog(0, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.analogValue(0).orElse(-1) == 321);

        client.setPinMode(13, PinMode.OUTPUT);
        client.digitalWrite(13, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> board.pins().output(13).orElse(false));
      } finally {
        client.close();
        board.close();
      }
    }
  }
}
