package org.streetsense.gateway.dmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.dmx.DmxUniverseOptions.Destination;
import org.streetsense.gateway.dmx.DmxUniverseOptions.OnStop;

/** A universe's packets as a receiver on a loopback socket sees them. */
class DmxUniverseTest {

  private DatagramSocket receiver;
  private final List<byte[]> packets = new CopyOnWriteArrayList<>();
  private Thread reader;

  @BeforeEach
  void listen() throws Exception {
    receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    reader = new Thread(() -> {
      byte[] buf = new byte[1024];
      while (!receiver.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          receiver.receive(p);
          packets.add(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        } catch (java.io.IOException e) {
          return;
        }
      }
    });
    reader.start();
  }

  @AfterEach
  void close() throws Exception {
    receiver.close();
    reader.join(2000);
  }

  private DmxUniverseOptions options(DmxProtocol protocol, OnStop onStop, Duration keepAlive) {
    return new DmxUniverseOptions("street", protocol, Destination.UNICAST, "127.0.0.1",
        receiver.getLocalPort(), protocol == DmxProtocol.ARTNET ? 3 : 7, 120, 40, keepAlive, onStop);
  }

  @Test
  void artNetFramesCarryTheWrittenChannelsWithRisingSequenceNumbers() throws Exception {
    try (DmxUniverse u = DmxUniverse.open(options(DmxProtocol.ARTNET, OnStop.HOLD, Duration.ofSeconds(1)))) {
      u.write(10, new int[] {1, 2, 255});
      await().atMost(Duration.ofSeconds(5)).until(() -> packets.stream().anyMatch(p -> p[18 + 11] == (byte) 255));
    }
    byte[] last = packets.get(packets.size() - 1);
    assertThat(last[14]).isEqualTo((byte) 3);
    assertThat(last[18 + 9]).isEqualTo((byte) 1);
    List<Integer> seq = new ArrayList<>();
    packets.forEach(p -> seq.add(p[12] & 0xff));
    assertThat(seq).doesNotContain(0);
    for (int i = 1; i < seq.size(); i++) {
      assertThat(seq.get(i)).isEqualTo(seq.get(i - 1) % 255 + 1);
    }
  }

  @Test
  void anUnchangedFrameIsResentAtTheKeepAliveNotAtTheFrameRate() throws Exception {
    try (DmxUniverse u = DmxUniverse.open(options(DmxProtocol.ARTNET, OnStop.HOLD, Duration.ofMillis(300)))) {
      // the first frame and its three repeats, then keep-alives
      await().atMost(Duration.ofSeconds(5)).until(() -> packets.size() >= 6);
      long sentAfterSixPackets = u.packetsSent();
      // at 40 frames/s, 1.5 s of resends would be 60 packets; at the keep-alive about 5
      await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
      assertThat(u.packetsSent() - sentAfterSixPackets).isBetween(2L, 12L);
    }
  }

  @Test
  void sacnStopsWithThreeStreamTerminatedPacketsOfTheLastFrame() throws Exception {
    try (DmxUniverse u = DmxUniverse.open(options(DmxProtocol.SACN, OnStop.HOLD, Duration.ofSeconds(1)))) {
      u.write(1, new int[] {77});
      await().atMost(Duration.ofSeconds(5)).until(() -> packets.stream().anyMatch(p -> p[126] == 77));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> packets.stream().filter(p -> p[112] == 0x40).count() == 3);
    byte[] last = packets.get(packets.size() - 1);
    assertThat(last[112]).isEqualTo((byte) 0x40);
    assertThat(last[126]).isEqualTo((byte) 77);
    assertThat(last[108] & 0xff).isEqualTo(120);
    assertThat(((last[113] & 0xff) << 8) | (last[114] & 0xff)).isEqualTo(7);
  }

  @Test
  void artNetBlackoutOnStopSendsZeros() throws Exception {
    try (DmxUniverse u = DmxUniverse.open(options(DmxProtocol.ARTNET, OnStop.BLACKOUT, Duration.ofSeconds(1)))) {
      u.write(1, new int[] {99});
      await().atMost(Duration.ofSeconds(5)).until(() -> packets.stream().anyMatch(p -> p[18] == 99));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> packets.get(packets.size() - 1)[18] == 0);
  }

  @Test
  void aBlackoutStopKeepsTheChannelsAFixtureKeepsAndZerosTheRest() throws Exception {
    try (DmxUniverse u = DmxUniverse.open(options(DmxProtocol.ARTNET, OnStop.BLACKOUT, Duration.ofSeconds(1)))) {
      // a moving head at 1: pan 1..2 and tilt 3 at home, a raw mode channel 4, dimmer 5
      new DmxFixture(new FixtureOptions("head", "street", 1, new FixtureProfile("head", "test",
          List.of(ChannelRole.PAN, ChannelRole.PAN_FINE, ChannelRole.TILT, ChannelRole.RAW,
              ChannelRole.DIMMER), java.util.Optional.empty(), java.util.Map.of(3, 42)),
          new int[0], 0, new int[0], 3, 0.25, 0.75), u).apply(1);
      await().atMost(Duration.ofSeconds(5)).until(() -> packets.stream().anyMatch(p -> p[18 + 4] == (byte) 255));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> packets.get(packets.size() - 1)[18 + 4] == 0);
    byte[] last = packets.get(packets.size() - 1);
    assertThat(last[18] & 0xff).isEqualTo(64);
    assertThat(last[18 + 1] & 0xff).isEqualTo(0);
    assertThat(last[18 + 2] & 0xff).isEqualTo(191);
    assertThat(last[18 + 3] & 0xff).isEqualTo(42);
    assertThat(last[18 + 5] & 0xff).isEqualTo(0);
  }

  /**
   * An E1.31 receiver that heard a killed process of the same source (same CID) last at sequence
   * {@code last} drops a packet 0..19 below it (E1.31 6.7.2, OLA's rule). Whatever {@code last}
   * was, the new stream's first frame and every frame after it must be taken.
   */
  @Test
  void aNewSacnStreamGetsThroughWhateverSequenceAKilledProcessLastSent() throws Exception {
    try (DmxUniverse u = DmxUniverse.open(options(DmxProtocol.SACN, OnStop.HOLD, Duration.ofMillis(100)))) {
      u.write(1, new int[] {66});
      await().atMost(Duration.ofSeconds(5)).until(() -> packets.size() >= 12);
    }
    List<Integer> sequences = new ArrayList<>();
    for (byte[] p : packets) {
      sequences.add(p[111] & 0xff);
    }
    assertThat(sequences.subList(0, 6)).containsExactly(0, 64, 128, 192, 193, 194);
    for (int last = 0; last < 256; last++) {
      int heard = last;
      int taken = 0;
      for (int s : sequences) {
        int diff = (byte) (s - heard);
        if (diff <= 0 && diff > -20) {
          assertThat(taken).as("after %d, only an opening packet may be dropped", last).isZero();
          continue;
        }
        heard = s;
        taken++;
      }
      assertThat(taken).as("after %d, packets taken", last).isGreaterThanOrEqualTo(sequences.size() - 1);
    }
  }
}
