package org.streetsense.bridge.firmata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streetsense.bridge.link.InMemoryLinkPair;

/** A board that comes back reports its digital inputs again, even with the levels of the board before. */
class FirmataClientInputsTest {

  private final InMemoryLinkPair pair = new InMemoryLinkPair("firmata-test");
  private final FirmataClient client = new FirmataClient(pair.host(), FirmataClientOptions.DEFAULT);
  private final List<String> delivered = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    client.close();
    pair.close();
  }

  @Test
  void afterAStartForANewBoardItsFirstReportsAreDeliveredEvenWhenEqualToTheOldOnes() throws Exception {
    client.addListener(new FirmataListener() {
      @Override
      public void onDigital(int pin, boolean high) {
        if (pin == 2) {
          delivered.add("D" + pin + "=" + high);
        }
      }
    });
    pair.board().open();
    client.start(); // the board does not answer the queries here: only its reports matter
    report();
    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
    assertThat(delivered).containsExactly("D2=true");

    report(); // the same board again: nothing changed, nothing delivered
    client.start(); // reconnected: a new board (or a reset one)
    report();
    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 2);
    assertThat(delivered).containsExactly("D2=true", "D2=true");
    assertThat(client.digitalValue(2)).contains(true);
  }

  private void report() {
    pair.board().write(FirmataCodec.encode(new FirmataMessage.DigitalPort(0, 0b100)));
  }
}
