package org.streetsense.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.rigs.load.DurableBroker;
import org.streetsense.rigs.load.GatewayUnderTest;
import org.streetsense.rigs.load.LedgerSubscriber;
import org.streetsense.rigs.load.LoadInstallation;
import org.streetsense.rigs.load.NetworkNamespace;
import org.streetsense.rigs.load.StreamLedger;
import org.streetsense.rigs.load.UplinkMetrics;

/**
 * Issue 3: a silent network cut. The broker runs in a network namespace this test creates,
 * behind a veth pair (10.200.0.1 here, 10.200.0.2 there); the link is taken down on the broker's
 * side for {@link #CUT}, so the gateway's packets vanish without FIN, RST or ICMP. With a 5 s
 * keep-alive the gateway must notice within {@link #DETECTION_BOUND} (its own
 * {@code streetsense_uplink_connected} gauge drops to 0), and after the link is back deliver
 * everything the spool accepted.
 */
class NetworkCutIT {

  private static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
  /** Paho pings after one keep-alive without traffic and gives up one keep-alive later; plus the gauge's poll. */
  private static final Duration DETECTION_BOUND = KEEP_ALIVE.multipliedBy(3);
  private static final Duration CUT = Duration.ofSeconds(25);

  private static NetworkNamespace namespace;
  private static DurableBroker broker;

  @TempDir Path tmp;

  @BeforeAll
  static void brokerBehindALink() {
    namespace = NetworkNamespace.create();
    broker = DurableBroker.inNamespace(namespace.name(), NetworkNamespace.INSIDE_ADDRESS, 1883);
    broker.start();
  }

  @AfterAll
  static void removeNamespace() {
    if (broker != null) {
      broker.stop();
    }
    if (namespace != null) {
      namespace.close();
    }
  }

  @Test
  @Timeout(180)
  void noticesASilentCutByKeepAliveAndDeliversEverythingAfterwards() {
    int httpPort = FreePorts.next();
    LoadInstallation load = LoadInstallation.builder("cut", tmp.resolve("spool"), broker.url())
        .devices(1).period(Duration.ofMillis(20)).keepAlive(KEEP_ALIVE).httpPort(httpPort).build();
    try (LedgerSubscriber sub = LedgerSubscriber.connect(broker.url(), "streetsense/v1/cut/+/+");
        GatewayUnderTest gw = GatewayUnderTest.start(load.load(tmp))) {
      FaultChecks.awaitFlowing(sub, 500, Duration.ofSeconds(30));
      assertThat(UplinkMetrics.connected(httpPort)).isTrue();

      namespace.cut();
      long cutAt = System.nanoTime();
      Awaitility.await("gateway notices the dead connection").atMost(DETECTION_BOUND)
          .pollInterval(Duration.ofMillis(250)).until(() -> !UplinkMetrics.connected(httpPort));
      Duration detected = Duration.ofNanos(System.nanoTime() - cutAt);
      Awaitility.await("link down for " + CUT).atMost(CUT.plusSeconds(10)).pollDelay(CUT.minus(detected))
          .until(() -> !UplinkMetrics.connected(httpPort));
      namespace.restore();
      System.out.printf("NetworkCutIT: dead connection noticed after %.1f s (keep-alive %d s), link down %.1f s%n",
          detected.toMillis() / 1000.0, KEEP_ALIVE.toSeconds(), (System.nanoTime() - cutAt) / 1e9);

      Awaitility.await("gateway reconnects").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500)).until(() -> UplinkMetrics.connected(httpPort));
      Map<String, Long> accepted = gw.acceptedSnapshot();
      FaultChecks.awaitNothingUnreported(sub, accepted, Duration.ofSeconds(60));
      System.out.printf("NetworkCutIT: %d accepted, duplicates %d%n%s",
          accepted.values().stream().mapToLong(Long::longValue).sum(),
          sub.read(StreamLedger::duplicateTotal), sub.read(StreamLedger::summary));
      long missing = sub.read(l -> l.missingTotal(accepted));
      assertThat(missing).isZero();
      assertThat(sub.read(StreamLedger::gaps)).isEmpty();
    }
  }
}
