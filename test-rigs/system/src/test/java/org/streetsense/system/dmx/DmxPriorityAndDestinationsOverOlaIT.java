package org.streetsense.system.dmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.dmx.impl.E131Packet;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.OlaServer;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Issue 18, item 4, for what {@link DmxFixturesOverOlaIT} leaves in-process: a real olad judges
 * the gateway's sACN priority against a competing source this test sends itself, and receives
 * the gateway's sACN multicast and Art-Net broadcast frames (decision 0363).
 *
 * <p>olad's E1.31 plugin follows the highest-priority source of a universe, ignores sources
 * below it, merges sources of equal priority highest-takes-precedence, and drops a source on a
 * stream-terminated packet or after 2.5 s of silence. The competitor shows each of these against
 * the gateway's declared priority 120: had the gateway sent any other priority, one of the steps
 * would show other values.
 *
 * <p>The gateway sends multicast and broadcast out of the interface of the default route (the
 * kernel's choice; it sets no multicast interface), and olad's E1.31 plugin never joins groups on
 * loopback (OLA's interface picker skips loopback interfaces, whatever {@code ip} says). So the
 * destinations test binds olad's plugins to that interface's address, and the kernel loops the
 * host's own multicast and broadcast datagrams back to olad's sockets; on a host without such an
 * interface the test is skipped, saying why.
 */
@Timeout(240)
class DmxPriorityAndDestinationsOverOlaIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int SACN = 2;

  @TempDir Path dir;
  private final int httpPort = FreePorts.next();
  private MosquittoServer broker;
  private OlaServer ola;

  @BeforeEach
  void startBroker() {
    broker = MosquittoServer.anonymous();
    broker.start();
  }

  @AfterEach
  void stop() {
    if (ola != null) {
      ola.close();
    }
    broker.close();
  }

  @Test
  void olaFollowsTheHigherOfTheGatewaysSacnPriorityAndACompetitorsAndMergesEqualOnes()
      throws Exception {
    ola = OlaServer.builder().sacn(SACN).build();
    ola.start();
    // the gateway at priority 120: a fixture whose safe look is dimmer 0.4 (102) and raw 30
    Path config = installation("""
            - {id: square, protocol: sacn, address: 127.0.0.1, universe: %d, priority: 120}
          fixtures:
            - {id: glow, universe: square, address: 10, channels: [dimmer, {raw: 30}], safeLevel: 0.4}
        """.formatted(SACN));
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString());
        SacnSource rival = new SacnSource(SACN)) {
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(SACN, 10, 2)).containsExactly(102, 30));

      // a higher priority takes the universe, even with lower values (no merge across priorities)
      rival.send(150, 1, 2);
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(SACN, 10, 2))
          .as("the competitor at 150 over the gateway at 120").containsExactly(1, 2));

      // the competitor stops: olad drops it and takes the gateway's next frame (its keep-alive)
      rival.terminate();
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(SACN, 10, 2))
          .as("back to the gateway after stream-terminated").containsExactly(102, 30));

      // a lower priority is ignored, however bright: the gateway's frame stays for 3 s of
      // competing packets (10 per second) ...
      rival.send(100, 255, 255);
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(frame(SACN, 10, 2)).as("the competitor at 100 under the gateway at 120")
              .containsExactly(102, 30));
      // ... which do reach olad: the same packets at 150 take over
      rival.send(150, 255, 255);
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(SACN, 10, 2)).containsExactly(255, 255));

      // an equal priority is merged channel by channel, the highest value taking precedence
      rival.send(120, 0, 200);
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(SACN, 10, 2))
          .as("the competitor at 120 merged with the gateway at 120").containsExactly(102, 200));

      rival.terminate();
      await().atMost(WAIT).untilAsserted(() -> assertThat(frame(SACN, 10, 2)).containsExactly(102, 30));
      assertThat(gateway.isAlive()).isTrue();
    }
  }

  @Test
  void olaReceivesTheGatewaysSacnMulticastAndArtNetBroadcastFrames() throws Exception {
    InetAddress local = routeTo(InetAddress.getByName("239.255.0.3"));
    Assumptions.assumeTrue(local != null && !local.isLoopbackAddress() && !local.isAnyLocalAddress(),
        "no interface routes multicast (only loopback, which carries neither multicast nor "
            + "broadcast to olad): " + local);
    ola = OlaServer.builder().ip(local.getHostAddress()).artNet(1).sacn(3).build();
    ola.start();
    Path config = installation("""
            - {id: square, protocol: sacn, destination: multicast, universe: 3}
            - {id: street, protocol: artnet, destination: broadcast, address: 255.255.255.255, universe: 1}
          fixtures:
            - {id: canopy, universe: square, address: 1, channels: [dimmer, {raw: 33}], safeLevel: 0.2}
            - {id: wall, universe: street, address: 5, channels: [dimmer, {raw: 44}], safeLevel: 0.6}
        """);
    try (GatewayProcess gateway = GatewayProcess.startAsUnit("run", "--config", config.toString())) {
      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(frame(3, 1, 2)).as("sACN multicast to 239.255.0.3 on %s", local).containsExactly(51, 33);
        assertThat(frame(1, 5, 2)).as("Art-Net broadcast to 255.255.255.255 on %s", local)
            .containsExactly(153, 44);
      });
      assertThat(gateway.isAlive()).isTrue();
    }
  }

  /** The local address the kernel sends to {@code group} from; null when there is no route. */
  private static InetAddress routeTo(InetAddress group) {
    try (DatagramSocket s = new DatagramSocket()) {
      s.connect(group, 5568);
      return s.getLocalAddress();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code n} channels of {@code universe} from {@code address}, as OLA holds them now. */
  private int[] frame(int universe, int address, int n) {
    return Arrays.copyOfRange(ola.dmx(universe), address - 1, address - 1 + n);
  }

  private Path installation(String universesAndFixtures) throws IOException {
    Path file = dir.resolve("dmx.yaml");
    Files.writeString(file, """
        installation: dmx-priority
        site: DMX test bench
        hardware: {backend: simulated, seed: 3}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 500ms}
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d}
        dmx:
          universes:
        %s""".formatted(broker.url(), dir.resolve("spool"), httpPort, universesAndFixtures));
    return file;
  }

  /**
   * A second sACN source on one universe, as a lighting desk would be: its own CID, ten packets a
   * second of its current priority and values (channels 10 and 11) from a thread of its own, so
   * that olad does not time it out; {@link #terminate} sends three stream-terminated packets and
   * goes silent until the next {@link #send}.
   */
  private static final class SacnSource implements AutoCloseable {
    private final int universe;
    private final DatagramSocket socket;
    private final byte[] cid;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
    private final byte[] packet = new byte[E131Packet.SIZE];
    private final byte[] slots = new byte[512];
    private int priority = -1;
    private int sequence;

    SacnSource(int universe) throws IOException {
      this.universe = universe;
      this.socket = new DatagramSocket();
      UUID id = UUID.nameUUIDFromBytes("dmx-it-competitor".getBytes(StandardCharsets.UTF_8));
      this.cid = java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
          .putLong(id.getLeastSignificantBits()).array();
      sender.scheduleAtFixedRate(this::tick, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** From now on sends {@code priority} with channel 10 at {@code a} and 11 at {@code b}. */
    synchronized void send(int newPriority, int a, int b) {
      priority = newPriority;
      slots[9] = (byte) a;
      slots[10] = (byte) b;
    }

    /** Three stream-terminated packets, then silence. */
    void terminate() throws Exception {
      sender.submit(() -> {
        synchronized (this) {
          for (int i = 0; i < 3; i++) {
            transmit(E131Packet.STREAM_TERMINATED);
          }
          priority = -1;
        }
      }).get(5, TimeUnit.SECONDS);
    }

    private synchronized void tick() {
      if (priority >= 0) {
        transmit(0);
      }
    }

    private void transmit(int options) {
      sequence = (sequence + 1) & 0xff;
      E131Packet.encode(packet, cid, "Streetsense test competitor", Math.max(priority, 0),
          sequence, options, universe, slots);
      try {
        socket.send(new DatagramPacket(packet, E131Packet.SIZE,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 5568)));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws Exception {
      sender.shutdownNow();
      sender.awaitTermination(5, TimeUnit.SECONDS);
      socket.close();
    }
  }
}
