package org.streetsense.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.spool.ForwarderOptions;
import org.streetsense.gateway.spool.SpoolState;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.OpenFiles;
import org.streetsense.rigs.load.DurableBroker;
import org.streetsense.rigs.load.GatewayUnderTest;
import org.streetsense.rigs.load.LedgerSubscriber;
import org.streetsense.rigs.load.LoadInstallation;
import org.streetsense.rigs.load.StreamLedger;
import org.streetsense.rigs.load.UplinkMetrics;

/**
 * Issue 3: the spool's disk fills up, and a segment is corrupted while the gateway is stopped.
 * Either way the gateway stays up, says what happened (spool state and drop counters, gap events
 * with the reason), and every accepted reading is either delivered or counted in a gap: what the
 * subscriber lacks equals the sum of the gap counts it received.
 */
class DamagedStorageIT {

  /**
   * What the forwarder can have in flight when the segment it came from is dropped: its telemetry
   * batches at the gateway's defaults.
   */
  private static final long IN_FLIGHT =
      ForwarderOptions.builder().build().telemetryRecordsInFlight();

  @TempDir Path tmp;

  @Test
  @Timeout(150)
  void fullDiskDropsTheOldestWithDiskFullGapsAndTheGatewayCarriesOn() throws Exception {
    Path mount = Files.createDirectories(tmp.resolve("small-disk"));
    run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString());
    try (DurableBroker broker = DurableBroker.local()) {
      broker.start();
      int httpPort = FreePorts.next();
      LoadInstallation load = LoadInstallation.builder("diskfull", mount.resolve("spool"), broker.url())
          .devices(1).period(Duration.ofMillis(10)).spoolMaxBytes(8L << 20).httpPort(httpPort).build();
      try (LedgerSubscriber sub = LedgerSubscriber.connect(broker.url(), "streetsense/v1/#");
          GatewayUnderTest gw = GatewayUnderTest.start(load.load(tmp))) {
        FaultChecks.awaitFlowing(sub, 300, Duration.ofSeconds(30));
        broker.stop();
        AtomicBoolean sawDiskFull = new AtomicBoolean();
        Awaitility.await("the spool runs out of disk and drops").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(250)).until(() -> {
              var stats = gw.spoolStats();
              sawDiskFull.compareAndSet(false, stats.state() == SpoolState.DISK_FULL);
              return stats.dropsByReason().getOrDefault("disk_full", 0L) > 1000;
            });
        broker.start();
        Map<String, Long> accepted = gw.acceptedSnapshot();
        FaultChecks.awaitNothingUnreported(sub, accepted, Duration.ofSeconds(60));
        awaitGapsDelivered(gw);
        long dropped = gw.spoolStats().dropsByReason().getOrDefault("disk_full", 0L);
        System.out.printf("DamagedStorageIT[disk full]: state seen DISK_FULL=%s, %d dropped, %d rejected%n%s",
            sawDiskFull.get(), dropped, gw.spoolStats().rejected(), sub.read(StreamLedger::summary));

        assertThat(UplinkMetrics.connected(httpPort)).as("gateway up and connected").isTrue();
        List<StreamLedger.GapReport> gaps = sub.read(l -> l.gaps().stream().distinct().toList());
        assertThat(gaps).isNotEmpty().allMatch(g -> g.reason().equals("disk_full"));
        long gapCount = gaps.stream().mapToLong(StreamLedger.GapReport::count).sum();
        long missing = sub.read(l -> l.missingTotal(accepted));
        long reportedButReceived = sub.read(l -> gaps.stream().mapToLong(g -> g.count()
            - l.missing(g.stream(), g.firstSeq(), g.lastSeq()).size()).sum());
        System.out.printf("DamagedStorageIT[disk full]: %d missing, %d reported lost, of which %d arrived after all%n",
            missing, gapCount, reportedButReceived);
        assertThat(gapCount).as("gap counts = the spool's drop counter").isEqualTo(dropped);
        Map<String, List<Long>> unreported = sub.read(l -> l.unreported(accepted));
        assertThat(unreported).as("every missing reading lies in a reported range").isEmpty();
        for (StreamLedger.GapReport g : gaps) {
          int stillMissing = sub.read(l -> l.missing(g.stream(), g.firstSeq(), g.lastSeq()).size());
          long arrived = g.count() - stillMissing;
          assertThat(arrived).as("%s: reported lost but arrived: at most the forwarder's batches in flight (%d)", g, IN_FLIGHT)
              .isLessThanOrEqualTo(IN_FLIGHT);
        }
      }
      assertThat(OpenFiles.under(mount)).as("files the stopped gateway still holds on the full disk")
          .isEmpty();
    } finally {
      run("umount", mount.toString());
    }
  }

  @Test
  @Timeout(150)
  void corruptSegmentIsQuarantinedReportedAsCorruptGapsAndTheRestDelivered() throws Exception {
    Path spool = tmp.resolve("spool");
    try (DurableBroker broker = DurableBroker.local()) {
      broker.start();
      int httpPort = FreePorts.next();
      LoadInstallation load = LoadInstallation.builder("corrupt", spool, broker.url())
          .devices(2).period(Duration.ofMillis(10)).spoolMaxBytes(2L << 20).httpPort(httpPort).build();
      try (LedgerSubscriber sub = LedgerSubscriber.connect(broker.url(), "streetsense/v1/#")) {
        Map<String, Long> acceptedFirstRun;
        broker.stop();
        try (GatewayUnderTest gw = GatewayUnderTest.start(load.load(tmp))) {
          Awaitility.await("a backlog of several segments").atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofMillis(250)).until(() -> segments(spool.resolve("telemetry")).size() >= 3);
          acceptedFirstRun = gw.acceptedSnapshot();
        }
        assertThat(OpenFiles.under(spool)).as("files the gateway holds after its first stop").isEmpty();
        // the second-oldest segment: sealed, not the tail (a damaged tail is a torn write)
        Path victim = segments(spool.resolve("telemetry")).get(1);
        corruptMiddleOf(victim);

        broker.start();
        try (GatewayUnderTest gw = GatewayUnderTest.start(load.load(tmp))) {
          FaultChecks.awaitFlowing(sub, 300, Duration.ofSeconds(60));
          Map<String, Long> accepted = gw.acceptedSnapshot();
          assertThat(accepted).allSatisfy((k, v) -> assertThat(v).isGreaterThan(acceptedFirstRun.get(k)));
          var stats = gw.spoolStats();
          assertThat(stats.quarantinedSegments()).as("the damaged segment is quarantined").isEqualTo(1);
          assertThat(spool.resolve("quarantine")).isNotEmptyDirectory();
          Awaitility.await("delivered or reported").atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(500)).until(() -> sub.read(l -> l.missingTotal(accepted)
                  == l.gaps().stream().distinct().mapToLong(StreamLedger.GapReport::count).sum()));
          long dropped = gw.spoolStats().dropsByReason().getOrDefault("corrupt", 0L);
          System.out.printf("DamagedStorageIT[corrupt]: %s corrupted, %d reported corrupt%n%s",
              victim.getFileName(), dropped, sub.read(StreamLedger::summary));
          List<StreamLedger.GapReport> gaps = sub.read(l -> l.gaps().stream().distinct().toList());
          assertThat(gaps).isNotEmpty().allMatch(g -> g.reason().equals("corrupt"));
          assertThat(gaps.stream().mapToLong(StreamLedger.GapReport::count).sum()).isEqualTo(dropped);
          assertThat(UplinkMetrics.connected(httpPort)).as("gateway up and connected").isTrue();
        }
        assertThat(OpenFiles.under(spool)).as("files the stopped gateway still holds in its spool")
            .isEmpty();
      }
    }
  }

  private static void awaitGapsDelivered(GatewayUnderTest gw) {
    Awaitility.await("gap reports delivered").atMost(Duration.ofSeconds(30))
        .until(() -> gw.spoolStats().pendingGapsPerSink().values().stream().allMatch(n -> n == 0));
  }

  private static List<Path> segments(Path laneDir) throws IOException {
    try (Stream<Path> s = Files.list(laneDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
    }
  }

  private static void corruptMiddleOf(Path segment) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      byte[] junk = new byte[64];
      java.util.Arrays.fill(junk, (byte) 0x5A);
      f.write(junk);
    }
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0)
        .as(String.join(" ", cmd) + ": " + out).isTrue();
  }
}
