package org.streetsense.bridge.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconnectingLinkTest {

  private InMemoryLinkPair pair;
  private ReconnectingLink link;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<Byte> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    pair = new InMemoryLinkPair("reconnect-test");
    link = new ReconnectingLink("mem:reconnect-test", pair::host,
        new ReconnectOptions(Duration.ofMillis(20), Duration.ofMillis(100)));
    link.addConnectionListener(new ConnectionListener() {
      @Override
      public void connected(String portName) {
        events.add("connected");
      }

      @Override
      public void disconnected(String portName, Throwable cause) {
        events.add("disconnected: " + cause.getMessage());
      }
    });
    link.onData(bytes -> {
      for (byte b : bytes) {
        received.add(b);
      }
    });
    pair.board().open();
  }

  @AfterEach
  void tearDown() {
    link.close();
    pair.close();
  }

  @Test
  void reconnectsAfterUnplugAndReplugAndDataFlowsAgain() throws IOException {
    assertThat(link.openAndAwait(Duration.ofSeconds(2))).isTrue();
    pair.board().write(new byte[] {1});
    await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 1);

    pair.unplug(new IOException("unplugged"));
    await().atMost(Duration.ofSeconds(2)).until(() -> events.size() == 2);
    assertThat(link.isOpen()).isFalse();
    assertThat(link.write(new byte[] {9})).failsWithin(Duration.ofSeconds(1));

    pair.plug();
    pair.board().open();
    await().atMost(Duration.ofSeconds(2)).until(link::isOpen);
    pair.board().write(new byte[] {2});
    await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 2);
    assertThat(received).containsExactly((byte) 1, (byte) 2);
    assertThat(events).containsExactly("connected", "disconnected: unplugged", "connected");
  }

  @Test
  void keepsTryingWhenThePortIsAbsentAtOpen() throws IOException {
    pair.unplug(new IOException("absent"));
    link.open();
    assertThat(link.isOpen()).isFalse();
    pair.plug();
    await().atMost(Duration.ofSeconds(2)).until(link::isOpen);
    assertThat(events).containsExactly("connected");
  }

  @Test
  void writesReachThePeerWhileConnected() throws IOException {
    List<Byte> atBoard = new CopyOnWriteArrayList<>();
    pair.board().onData(bytes -> atBoard.add(bytes[0]));
    link.openAndAwait(Duration.ofSeconds(2));
    assertThat(link.write(new byte[] {7})).succeedsWithin(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(2)).until(() -> atBoard.contains((byte) 7));
  }

  @Test
  void rejectsBackoffBelowMinimum() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        new ReconnectOptions(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("maxBackoff must be at least minBackoff");
  }
}
