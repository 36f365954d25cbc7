package org.streetsense.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streetsense.gateway.spool.SpoolTestSupport.appendReadings;
import static org.streetsense.gateway.spool.SpoolTestSupport.await;
import static org.streetsense.gateway.spool.SpoolTestSupport.open;
import static org.streetsense.gateway.spool.SpoolTestSupport.readAll;
import static org.streetsense.gateway.spool.SpoolTestSupport.seqs;
import static org.streetsense.gateway.spool.SpoolTestSupport.small;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.InteractionEvent;

class SpoolTest {

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() {
    await(vertx.close());
  }

  @Test
  void appendsAndReadsInOrderWithEventsInTheirOwnLane() {
    Spool spool = open(vertx, small(dir).build());
    await(spool.registerSink("mqtt"));
    List<Long> seqs = appendReadings(spool, "temperature", 120);
    await(spool.append(Observations.touch("e3", 1)));
    await(spool.append(Observations.touch("e3", 2)));
    await(spool.flush());

    assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 120).boxed().toList());
    List<SpooledRecord> telemetry = readAll(spool, "mqtt", Lane.TELEMETRY);
    assertThat(seqs(telemetry)).containsExactlyElementsOf(seqs);
    assertThat(telemetry.get(7).observation())
        .isEqualTo(Observations.reading("temperature", 7).withSeq(8));
    List<SpooledRecord> events = readAll(spool, "mqtt", Lane.INTERACTIVE);
    assertThat(events).extracting(r -> r.observation()).allMatch(InteractionEvent.class::isInstance);
    assertThat(seqs(events)).containsExactly(1L, 2L);
    assertThat(events.get(0).bootId()).isEqualTo("boot-a");
    await(spool.close());
  }

  @Test
  void readingsCostWellUnder64BytesOnDisk() {
    Spool spool = open(vertx, small(dir).segmentBytes(1024 * 1024).maxBytes(8 << 20).build());
    appendReadings(spool, "temperature", 1000);
    SpoolStats stats = await(spool.stats());
    assertThat(stats.bytes() / 1000.0).isLessThan(48.0);
    await(spool.close());
  }

  @Test
  void cursorsResumeAfterReopenAndSequenceContinues() {
    Spool spool = open(vertx, small(dir).build());
    await(spool.registerSink("mqtt"));
    await(spool.registerSink("influxdb"));
    appendReadings(spool, "temperature", 100);
    await(spool.flush());
    await(spool.acknowledge("mqtt", Lane.TELEMETRY, 60));
    await(spool.close());

    Spool reopened = open(vertx, small(dir).build());
    await(reopened.registerSink("mqtt"));
    await(reopened.registerSink("influxdb"));
    assertThat(await(reopened.cursor("mqtt", Lane.TELEMETRY))).isEqualTo(60);
    assertThat(seqs(readAll(reopened, "mqtt", Lane.TELEMETRY)))
        .containsExactlyElementsOf(LongStream.rangeClosed(61, 100).boxed().toList());
    assertThat(readAll(reopened, "influxdb", Lane.TELEMETRY)).hasSize(100);
    assertThat(await(reopened.append(Observations.reading("temperature", 1)))).isEqualTo(101);
    await(reopened.close());
  }

  @Test
  void sequenceNeverRepeatsAfterACrash() {
    Vertx crashing = Vertx.vertx();
    Spool spool = open(crashing, small(dir).build());
    List<Long> before = appendReadings(spool, "temperature", 30);
    await(crashing.close()); // no spool.close(): exact numbers are never written

    Spool reopened = open(vertx, small(dir).build());
    await(reopened.registerSink("mqtt"));
    long next = await(reopened.append(Observations.reading("temperature", 5)));
    await(reopened.flush());
    assertThat(next).isGreaterThan(before.get(before.size() - 1));
    assertThat(readAll(reopened, "mqtt", Lane.TELEMETRY)).hasSize(31);
    await(reopened.close());
  }

  @Test
  void numbersSkippedAfterACrashAreReportedOnceAsAnUnusedGapAndACleanCloseSkipsNothing() {
    Vertx crashing = Vertx.vertx();
    Spool spool = open(crashing, small(dir).build());
    await(spool.registerSink("mqtt"));
    List<Long> before = appendReadings(spool, "temperature", 30);
    await(crashing.close()); // no spool.close(): exact numbers are never written

    Vertx crashingAgain = Vertx.vertx();
    Spool reopened = open(crashingAgain, small(dir).build());
    List<PendingGap> gaps = await(reopened.pendingGaps("mqtt"));
    long next = await(reopened.append(Observations.reading("temperature", 5)));
    assertThat(gaps).hasSize(1);
    Gap unused = gaps.get(0).gap();
    assertThat(unused.channel()).isEqualTo("temperature");
    assertThat(unused.reason()).isEqualTo("unused");
    assertThat(unused.count()).isZero();
    assertThat(unused.firstSeq()).isEqualTo(before.get(before.size() - 1) + 1);
    assertThat(unused.lastSeq()).isEqualTo(next - 1);
    assertThat(await(reopened.stats()).dropsByReason()).as("nothing was lost").isEmpty();
    await(reopened.flush());
    await(crashingAgain.close()); // a second crash: its own reservation is skipped

    Spool third = open(vertx, small(dir).build());
    List<PendingGap> after = await(third.pendingGaps("mqtt"));
    assertThat(after).hasSize(2);
    assertThat(after.get(1).gap().firstSeq()).isEqualTo(next + 1);
    long nextAfterSecond = await(third.append(Observations.reading("temperature", 6)));
    assertThat(after.get(1).gap().lastSeq()).isEqualTo(nextAfterSecond - 1);
    await(third.close());

    Spool fourth = open(vertx, small(dir).build());
    assertThat(await(fourth.pendingGaps("mqtt"))).as("a clean close skips nothing").hasSize(2);
    assertThat(await(fourth.append(Observations.reading("temperature", 7))))
        .isEqualTo(nextAfterSecond + 1);
    await(fourth.close());
  }

  @Test
  void segmentsAreRemovedOnlyAfterEverySinkAcknowledged() throws IOException {
    Spool spool = open(vertx, small(dir).build());
    await(spool.registerSink("mqtt"));
    await(spool.registerSink("influxdb"));
    appendReadings(spool, "temperature", 200);
    await(spool.flush());
    long segmentsBefore = segmentFiles(Lane.TELEMETRY);
    assertThat(segmentsBefore).isGreaterThan(3);

    await(spool.acknowledge("mqtt", Lane.TELEMETRY, 200));
    assertThat(segmentFiles(Lane.TELEMETRY)).isEqualTo(segmentsBefore);

    await(spool.acknowledge("influxdb", Lane.TELEMETRY, 200));
    assertThat(segmentFiles(Lane.TELEMETRY)).isLessThanOrEqualTo(1);
    assertThat(await(spool.stats()).pendingPerSink()).containsEntry("mqtt", 0L)
        .containsEntry("influxdb", 0L);
    await(spool.close());
  }

  @Test
  void offsetsContinueAfterEverySegmentWasAcknowledgedAndRemoved() throws IOException {
    Spool spool = open(vertx, small(dir).build());
    await(spool.registerSink("mqtt"));
    appendReadings(spool, "temperature", 50);
    await(spool.flush());
    await(spool.acknowledge("mqtt", Lane.TELEMETRY, 50));
    await(spool.close());

    Spool reopened = open(vertx, small(dir).build());
    assertThat(segmentFiles(Lane.TELEMETRY)).isZero();
    await(reopened.append(Observations.reading("temperature", 1)));
    await(reopened.flush());
    List<SpooledRecord> next = readAll(reopened, "mqtt", Lane.TELEMETRY);
    assertThat(next).singleElement().satisfies(r -> {
      assertThat(r.offset()).isEqualTo(50);
      assertThat(r.observation().seq()).isEqualTo(51);
    });
    await(reopened.close());
  }

  @Test
  void aSinkRegisteredLaterStartsAtTheOldestRetainedRecord() {
    Spool spool = open(vertx, small(dir).build());
    appendReadings(spool, "temperature", 10);
    await(spool.flush());
    await(spool.registerSink("osc"));
    assertThat(readAll(spool, "osc", Lane.TELEMETRY)).hasSize(10);
    await(spool.close());
  }

  @Test
  void unflushedGroupCommitIsNotVisibleToSinksUntilForced() {
    Spool spool = open(vertx, small(dir).fsyncPolicy(FsyncPolicy.GROUP)
        .groupCommitInterval(java.time.Duration.ofHours(1)).groupCommitRecords(1_000_000).build());
    await(spool.registerSink("mqtt"));
    appendReadings(spool, "temperature", 5);
    assertThat(readAll(spool, "mqtt", Lane.TELEMETRY)).isEmpty();
    await(spool.flush());
    assertThat(readAll(spool, "mqtt", Lane.TELEMETRY)).hasSize(5);
    await(spool.close());
  }

  @Test
  void interactionEventIsCommittedAtOnceUnderGroupPolicy() {
    Spool spool = open(vertx, small(dir).fsyncPolicy(FsyncPolicy.GROUP)
        .groupCommitInterval(java.time.Duration.ofHours(1)).groupCommitRecords(1_000_000).build());
    await(spool.registerSink("mqtt"));
    appendReadings(spool, "temperature", 3);
    assertThat(readAll(spool, "mqtt", Lane.INTERACTIVE)).isEmpty();

    await(spool.append(Observations.touch("e3", 1)));

    assertThat(seqs(readAll(spool, "mqtt", Lane.INTERACTIVE))).containsExactly(1L);
    await(spool.close());
  }

  @Test
  void readingsKeepTheirGroupCommitWhenAnInteractionEventIsForced() {
    Spool spool = open(vertx, small(dir).fsyncPolicy(FsyncPolicy.GROUP)
        .groupCommitInterval(java.time.Duration.ofHours(1)).groupCommitRecords(1_000_000).build());
    await(spool.registerSink("mqtt"));
    appendReadings(spool, "temperature", 3);

    await(spool.append(Observations.touch("e3", 1)));

    assertThat(readAll(spool, "mqtt", Lane.INTERACTIVE)).hasSize(1);
    assertThat(readAll(spool, "mqtt", Lane.TELEMETRY)).isEmpty();
    await(spool.flush());
    assertThat(readAll(spool, "mqtt", Lane.TELEMETRY)).hasSize(3);
    await(spool.close());
  }

  @Test
  void pendingGapsAnswerAtOnceWhenNoGapIsQueued() {
    Spool spool = open(vertx, small(dir).build());
    await(spool.registerSink("mqtt"));

    io.vertx.core.Future<List<PendingGap>> gaps = spool.pendingGaps("mqtt");

    assertThat(gaps.succeeded()).isTrue();
    assertThat(gaps.result()).isEmpty();
    await(spool.close());
  }

  @Test
  void groupCommitForcesInTheBackgroundOnceTheRecordCountIsReached() {
    Spool spool = open(vertx, small(dir).fsyncPolicy(FsyncPolicy.GROUP)
        .groupCommitInterval(java.time.Duration.ofHours(1)).groupCommitRecords(10).build());
    await(spool.registerSink("mqtt"));
    appendReadings(spool, "temperature", 5);
    assertThat(readAll(spool, "mqtt", Lane.TELEMETRY)).isEmpty();
    appendReadings(spool, "temperature", 20);
    // each commit forces what was written when it started (a count reached while one runs starts
    // the next right after it); the interval (an hour) never passes here, so once the commits are
    // done fewer than 10 of the 25 are left unforced: at least 16 readable, however the appends
    // and the commit thread interleaved
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> readAll(spool, "mqtt", Lane.TELEMETRY).size() >= 25 - 9);
    assertThat(readAll(spool, "mqtt", Lane.TELEMETRY).size()).isBetween(25 - 9, 25);
    await(spool.close());
  }

  @Test
  void alwaysPolicyMakesEachAppendVisibleAndDurableAtOnce() {
    Vertx crashing = Vertx.vertx();
    Spool spool = open(crashing, small(dir).fsyncPolicy(FsyncPolicy.ALWAYS).build());
    await(spool.registerSink("mqtt"));
    appendReadings(spool, "temperature", 7);
    assertThat(readAll(spool, "mqtt", Lane.TELEMETRY)).hasSize(7);
    await(crashing.close());

    Spool reopened = open(vertx, small(dir).build());
    assertThat(seqs(readAll(reopened, "mqtt", Lane.TELEMETRY)))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    await(reopened.close());
  }

  @Test
  void unregisteringASinkReleasesWhatOnlyItHeld() throws IOException {
    Spool spool = open(vertx, small(dir).build());
    await(spool.registerSink("mqtt"));
    await(spool.registerSink("legacy"));
    appendReadings(spool, "temperature", 200);
    await(spool.flush());
    await(spool.acknowledge("mqtt", Lane.TELEMETRY, 200));
    await(spool.unregisterSink("legacy"));
    assertThat(segmentFiles(Lane.TELEMETRY)).isLessThanOrEqualTo(1);
    assertThatThrownBy(() -> await(spool.cursor("legacy", Lane.TELEMETRY)))
        .hasMessageContaining("legacy");
    await(spool.close());
  }

  @Test
  void rejectsBadSinkNamesAndUseAfterClose() {
    Spool spool = open(vertx, small(dir).build());
    assertThatThrownBy(() -> spool.registerSink("../etc"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sink name");
    await(spool.close());
    assertThatThrownBy(() -> await(spool.append(Observations.reading("t", 1))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  private long segmentFiles(Lane lane) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve(lane.dirName()))) {
      return s.filter(p -> p.toString().endsWith(".seg")).count();
    }
  }
}
