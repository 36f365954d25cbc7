package org.streetsense.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streetsense.gateway.spool.SpoolTestSupport.await;
import static org.streetsense.gateway.spool.SpoolTestSupport.open;
import static org.streetsense.gateway.spool.SpoolTestSupport.readAll;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.harness.OpenFiles;

/**
 * Runs the spool on a 1 MiB tmpfs (mounted here; the test needs root, as CI has) filled up by
 * a ballast file, so writes really fail with "No space left on device".
 */
class SpoolDiskFullTest {

  @TempDir Path base;
  private Path mount;
  private final Vertx vertx = Vertx.vertx();

  @BeforeEach
  void mountSmallFilesystem() throws Exception {
    mount = Files.createDirectories(base.resolve("small"));
    run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString());
  }

  @AfterEach
  void unmount() throws Exception {
    await(vertx.close());
    run("umount", "--lazy", mount.toString());
  }

  @Test
  void dropOldestKeepsAcceptingAndReportsWhatItDropped() throws IOException {
    Spool spool = open(vertx, options().build());
    await(spool.registerSink("mqtt"));
    fillUpLeaving(mount.resolve("ballast"), 160 * 1024);

    int accepted = 0;
    int refused = 0;
    boolean sawDiskFull = false;
    for (int i = 0; i < 8000; i++) {
      try {
        await(spool.append(Observations.reading("temperature", i)));
        accepted++;
      } catch (SpoolFullException e) {
        refused++;
      }
      if (!sawDiskFull && i % 100 == 0) {
        sawDiskFull = await(spool.stats()).dropsByReason().containsKey("disk_full");
      }
    }
    await(spool.flush());
    long delivered = readAll(spool, "mqtt", Lane.TELEMETRY).size();
    long lost = await(spool.pendingGaps("mqtt")).stream().map(PendingGap::gap)
        .peek(g -> assertThat(g.reason()).isIn("disk_full", "spool_full"))
        .mapToLong(Gap::count).sum();
    assertThat(lost).isPositive();
    assertThat(delivered + lost).isEqualTo(accepted);
    assertThat(await(spool.stats()).rejected()).isEqualTo(refused);
    await(spool.close());
  }

  @Test
  void recordsDroppedOnAFullDiskBeforeAnySinkRegisteredAreReportedToTheFirstSink()
      throws IOException {
    Spool spool = open(vertx, options().build());
    fillUpLeaving(mount.resolve("ballast"), 160 * 1024);

    int accepted = 0;
    boolean sawDiskFull = false;
    for (int i = 0; i < 8000 && !sawDiskFull; i++) {
      try {
        await(spool.append(Observations.reading("temperature", i)));
        accepted++;
      } catch (SpoolFullException e) {
        // refused, never accepted: not a loss
      }
      if (i % 100 == 0) {
        sawDiskFull = await(spool.stats()).dropsByReason().containsKey("disk_full");
      }
    }
    assertThat(sawDiskFull).as("the disk filled up and the oldest segment went").isTrue();
    Files.delete(mount.resolve("ballast"));
    await(spool.flush());
    await(spool.registerSink("mqtt"));
    List<SpooledRecord> delivered = readAll(spool, "mqtt", Lane.TELEMETRY);
    List<Gap> gaps = await(spool.pendingGaps("mqtt")).stream().map(PendingGap::gap).toList();
    assertThat(gaps).extracting(Gap::reason).contains("disk_full");
    assertThat(gaps.get(0).firstSeq()).isEqualTo(1);
    assertThat(delivered.size() + gaps.stream().mapToLong(Gap::count).sum()).isEqualTo(accepted);
    await(spool.close());
  }

  @Test
  void rejectNewRefusesWhileFullAndRecoversWhenSpaceReturns() throws IOException {
    Spool spool = open(vertx, options().fullPolicy(FullPolicy.REJECT_NEW).build());
    await(spool.registerSink("mqtt"));
    Path ballast = mount.resolve("ballast");
    fillUpLeaving(ballast, 96 * 1024);

    int accepted = 0;
    SpoolFullException refusal = null;
    for (int i = 0; i < 8000 && refusal == null; i++) {
      try {
        await(spool.append(Observations.reading("temperature", i)));
        accepted++;
      } catch (SpoolFullException e) {
        refusal = e;
      }
    }
    assertThat(refusal).isNotNull().hasMessageContaining("disk full");
    assertThat(await(spool.stats()).state()).isEqualTo(SpoolState.DISK_FULL);
    assertThatThrownBy(() -> await(spool.append(Observations.reading("temperature", 1))))
        .isInstanceOf(SpoolFullException.class);

    Files.delete(ballast);
    await(spool.append(Observations.reading("temperature", 1)));
    await(spool.flush());
    assertThat(await(spool.stats()).state()).isEqualTo(SpoolState.OK);
    assertThat(readAll(spool, "mqtt", Lane.TELEMETRY)).hasSize(accepted + 1);
    assertThat(await(spool.pendingGaps("mqtt"))).isEmpty();
    await(spool.close());
  }

  @Test
  void pipelinedAppendsOnAFullDiskKeepContiguousSeqsAndLoseNothingAccepted() throws IOException {
    Spool spool = open(vertx, options().fullPolicy(FullPolicy.REJECT_NEW).build());
    await(spool.registerSink("mqtt"));
    Path ballast = mount.resolve("ballast");
    fillUpLeaving(ballast, 96 * 1024);

    List<Future<Long>> futures = new ArrayList<>();
    for (int i = 0; i < 8000; i++) {
      futures.add(spool.append(Observations.reading("temperature", i)));
    }
    List<Long> accepted = new ArrayList<>();
    int refused = 0;
    for (Future<Long> f : futures) {
      try {
        accepted.add(await(f));
      } catch (SpoolFullException e) {
        refused++;
      }
    }
    assertThat(refused).as("the disk filled up").isPositive();
    assertThat(accepted).as("refused appends give their numbers back")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, accepted.size()).boxed().toList());
    await(spool.flush());
    assertThat(SpoolTestSupport.seqs(readAll(spool, "mqtt", Lane.TELEMETRY)))
        .containsExactlyElementsOf(accepted);
    assertThat(await(spool.stats()).rejected()).isEqualTo(refused);
    Files.delete(ballast);
    await(spool.close());
  }

  @Test
  void closingOnAFullDiskFailsWithTheReasonAndStillReleasesEveryFile() throws IOException {
    Spool spool = open(vertx, options().cursorFlushInterval(Duration.ofHours(1)).build());
    await(spool.registerSink("mqtt"));
    for (int i = 0; i < 50; i++) {
      await(spool.append(Observations.reading("temperature", i)));
    }
    await(spool.flush());
    // a forwarder's reader holds a segment open, and its cursor is left to persist at close
    assertThat(await(spool.read("mqtt", Lane.TELEMETRY, 0, 10))).hasSize(10);
    await(spool.acknowledge("mqtt", Lane.TELEMETRY, 10));
    fillUpLeaving(mount.resolve("ballast"), 0);
    assertThat(OpenFiles.under(mount.resolve("spool"))).isNotEmpty();

    Future<Void> closing = spool.close();
    assertThatThrownBy(() -> await(closing)).hasMessageContaining("No space left on device");
    assertThat(OpenFiles.under(mount)).as("files the closed spool still holds").isEmpty();
    assertThatThrownBy(() -> await(spool.stats())).hasMessageContaining("is closed");
  }

  private SpoolOptions.Builder options() {
    return SpoolOptions.builder(mount.resolve("spool")).segmentBytes(16 * 1024)
        .maxBytes(64L << 20).cursorFlushInterval(Duration.ZERO).bootId("boot-a");
  }

  private static void fillUpLeaving(Path ballast, long leave) throws IOException {
    long free = Files.getFileStore(ballast.getParent()).getUsableSpace();
    try (FileChannel ch = FileChannel.open(ballast, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate((int) Math.max(0, free - leave)));
    }
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed (this test mounts a "
          + "small tmpfs and needs root): " + out);
    }
  }
}
