package org.streetsense.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.streetsense.gateway.spool.SpoolTestSupport.appendReadings;
import static org.streetsense.gateway.spool.SpoolTestSupport.await;
import static org.streetsense.gateway.spool.SpoolTestSupport.open;
import static org.streetsense.gateway.spool.SpoolTestSupport.readAll;
import static org.streetsense.gateway.spool.SpoolTestSupport.seqs;
import static org.streetsense.gateway.spool.SpoolTestSupport.small;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.pipeline.Gap;

class SpoolLossAccountingTest {

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() {
    await(vertx.close());
  }

  @Test
  void capDropsExactlyTheOldestAndReportsExactGapCounts() {
    Spool spool = open(vertx, small(dir).maxBytes(4096).build());
    await(spool.registerSink("mqtt"));
    await(spool.registerSink("influxdb"));
    appendReadings(spool, "temperature", 10);
    await(spool.flush());
    await(spool.acknowledge("influxdb", Lane.TELEMETRY, 10));
    appendReadings(spool, "temperature", 490);
    await(spool.flush());

    List<SpooledRecord> kept = readAll(spool, "mqtt", Lane.TELEMETRY);
    List<Long> keptSeqs = seqs(kept);
    long firstKept = keptSeqs.get(0);
    assertThat(keptSeqs).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(firstKept, 500).boxed().toList());

    List<Gap> mqttGaps = gaps(spool, "mqtt");
    assertThat(mqttGaps).allMatch(g -> g.reason().equals("spool_full"));
    assertThat(mqttGaps.get(0).firstSeq()).isEqualTo(1);
    assertThat(mqttGaps.get(mqttGaps.size() - 1).lastSeq()).isEqualTo(firstKept - 1);
    assertThat(mqttGaps.stream().mapToLong(Gap::count).sum()).isEqualTo(firstKept - 1);

    List<Gap> influxGaps = gaps(spool, "influxdb");
    assertThat(influxGaps.get(0).firstSeq()).isEqualTo(11);
    assertThat(influxGaps.stream().mapToLong(Gap::count).sum()).isEqualTo(firstKept - 11);

    SpoolStats stats = await(spool.stats());
    assertThat(stats.dropsByReason().get("spool_full")).isEqualTo(2 * (firstKept - 1) - 10);
    assertThat(stats.bytes()).isLessThanOrEqualTo(4096);
    assertThat(stats.pendingGapsPerSink()).containsEntry("mqtt", mqttGaps.size());
    await(spool.close());
  }

  @Test
  void gapReportsAreDurableUntilAcknowledged() {
    Spool spool = open(vertx, small(dir).maxBytes(4096).build());
    await(spool.registerSink("mqtt"));
    appendReadings(spool, "temperature", 300);
    List<PendingGap> pending = await(spool.pendingGaps("mqtt"));
    assertThat(pending).isNotEmpty();
    await(spool.acknowledgeGap("mqtt", pending.get(0).id()));
    await(spool.close());

    Spool reopened = open(vertx, small(dir).maxBytes(4096).build());
    await(reopened.registerSink("mqtt"));
    assertThat(await(reopened.pendingGaps("mqtt"))).containsExactlyElementsOf(
        pending.subList(1, pending.size()));
    await(reopened.close());
  }

  @Test
  void rejectNewKeepsWhatIsSpooledAndRefusesMore() {
    Spool spool = open(vertx, small(dir).maxBytes(4096).fullPolicy(FullPolicy.REJECT_NEW).build());
    await(spool.registerSink("mqtt"));
    int accepted = 0;
    while (true) {
      try {
        await(spool.append(Observations.reading("temperature", accepted)));
        accepted++;
      } catch (SpoolFullException e) {
        assertThat(e).hasMessageContaining("reject-new");
        break;
      }
    }
    await(spool.flush());
    assertThat(readAll(spool, "mqtt", Lane.TELEMETRY)).hasSize(accepted);
    assertThat(await(spool.stats()).rejected()).isEqualTo(1);
    assertThat(await(spool.pendingGaps("mqtt"))).isEmpty();
    await(spool.close());
  }

  @Test
  void oldSegmentsExpireAndAreReportedAsExpired() {
    ManualTimeSource time = new ManualTimeSource(Observations.T0, 0);
    SpoolOptions options = small(dir).timeSource(time).maxAge(Duration.ofHours(1))
        .retentionCheckInterval(Duration.ofMillis(50)).build();
    Spool spool = open(vertx, options);
    await(spool.registerSink("mqtt"));
    appendReadings(spool, "temperature", 40);
    await(spool.flush());
    time.advance(Duration.ofHours(2));
    await("expiry").atMost(Duration.ofSeconds(10)).until(() ->
        !await(spool.pendingGaps("mqtt")).isEmpty());
    List<Gap> gaps = gaps(spool, "mqtt");
    assertThat(gaps).allMatch(g -> g.reason().equals("expired"));
    assertThat(gaps.stream().mapToLong(Gap::count).sum()).isEqualTo(40);
    assertThat(readAll(spool, "mqtt", Lane.TELEMETRY)).isEmpty();
    assertThat(await(spool.append(Observations.reading("temperature", 1)))).isEqualTo(41);
    await(spool.close());
  }

  @Test
  void tornTailIsQuarantinedAndCutOffAndTheSpoolCarriesOn() throws IOException {
    Spool spool = open(vertx, small(dir).segmentBytes(64 * 1024).maxBytes(1 << 20).build());
    await(spool.registerSink("mqtt"));
    appendReadings(spool, "temperature", 10);
    await(spool.close());
    Path tail = lastSegment(Lane.TELEMETRY);
    long goodLength = Files.size(tail);
    try (FileChannel ch = FileChannel.open(tail, StandardOpenOption.APPEND)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 9, 9}));
    }

    Spool reopened = open(vertx, small(dir).segmentBytes(64 * 1024).maxBytes(1 << 20).build());
    assertThat(Files.size(tail)).isEqualTo(goodLength);
    assertThat(quarantined()).singleElement().satisfies(p ->
        assertThat(Files.size(p)).isEqualTo(10));
    assertThat(await(reopened.stats()).quarantinedSegments()).isEqualTo(1);
    assertThat(seqs(readAll(reopened, "mqtt", Lane.TELEMETRY))).hasSize(10).endsWith(10L);
    assertThat(await(reopened.append(Observations.reading("temperature", 1)))).isEqualTo(11);
    await(reopened.close());
  }

  @Test
  void corruptSegmentInTheMiddleIsQuarantinedCountedAndSkipped() throws IOException {
    Spool spool = open(vertx, small(dir).build());
    await(spool.registerSink("mqtt"));
    appendReadings(spool, "temperature", 300);
    await(spool.close());
    List<Path> segments = segments(Lane.TELEMETRY);
    assertThat(segments.size()).isGreaterThan(4);
    Path victim = segments.get(2);
    try (FileChannel ch = FileChannel.open(victim, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xAB, (byte) 0xCD}), 400);
    }

    Spool reopened = open(vertx, small(dir).build());
    await(reopened.registerSink("mqtt"));
    assertThat(Files.exists(victim)).isFalse();
    assertThat(quarantined()).singleElement()
        .satisfies(p -> assertThat(p.getFileName().toString()).endsWith(".corrupt"));
    List<Gap> gaps = gaps(reopened, "mqtt");
    assertThat(gaps).isNotEmpty().allMatch(g -> g.reason().equals("corrupt"));
    long lost = gaps.stream().mapToLong(Gap::count).sum();
    List<SpooledRecord> readable = readAll(reopened, "mqtt", Lane.TELEMETRY);
    assertThat(readable.size() + lost).isEqualTo(300);
    assertThat(await(reopened.stats()).dropsByReason()).containsEntry("corrupt", lost);
    assertThat(await(reopened.append(Observations.reading("temperature", 1)))).isEqualTo(301);
    await(reopened.close());
  }

  private List<Gap> gaps(Spool spool, String sink) {
    return await(spool.pendingGaps(sink)).stream().map(PendingGap::gap).toList();
  }

  private List<Path> segments(Lane lane) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve(lane.dirName()))) {
      return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
  }

  private Path lastSegment(Lane lane) throws IOException {
    List<Path> all = segments(lane);
    return all.get(all.size() - 1);
  }

  private List<Path> quarantined() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("quarantine"))) {
      return s.toList();
    }
  }
}
