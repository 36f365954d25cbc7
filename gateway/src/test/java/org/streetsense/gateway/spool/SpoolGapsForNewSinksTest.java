package org.streetsense.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.pipeline.Gap;

/**
 * Records dropped before a sink registered are reported to it as gaps before any data
 * (decision 0373): a gateway stopped before its sinks registered, a sink added later, and every
 * drop reason.
 */
class SpoolGapsForNewSinksTest {

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  /**
   * Starts at the real time: recovery takes a segment's last append from its file's mtime, so a
   * virtual clock behind the real one would never see a reopened segment expire.
   */
  private final ManualTimeSource time = new ManualTimeSource(System.currentTimeMillis(), 0);

  @AfterEach
  void closeVertx() {
    await(vertx.close());
  }

  /** Expiry checked at open only (the periodic check would race the test's steps). */
  private SpoolOptions expiring() {
    return small(dir).timeSource(time).maxAge(Duration.ofHours(1))
        .retentionCheckInterval(Duration.ofDays(1)).build();
  }

  @Test
  void recordsExpiredBeforeTheFirstSinkRegisteredAreReportedToItBeforeLaterData() {
    Spool first = open(vertx, expiring());
    appendReadings(first, "temperature", 40);
    await(first.close()); // stopped before any sink registered

    time.advance(Duration.ofHours(2)); // left down past maxAge
    Spool down = open(vertx, expiring()); // expiry at open: no sink registered to tell
    await(down.close());
    Spool reopened = open(vertx, expiring());
    await(reopened.registerSink("mqtt"));
    appendReadings(reopened, "temperature", 3);
    await(reopened.flush());

    assertThat(seqs(readAll(reopened, "mqtt", Lane.TELEMETRY))).containsExactly(41L, 42L, 43L);
    List<Gap> gaps = gaps(reopened, "mqtt");
    assertThat(gaps).singleElement().satisfies(g -> {
      assertThat(g.reason()).isEqualTo("expired");
      assertThat(g.channel()).isEqualTo("temperature");
      assertThat(g.firstSeq()).isEqualTo(1);
      assertThat(g.lastSeq()).isEqualTo(40);
      assertThat(g.count()).isEqualTo(40);
      assertThat(g.fromMillis()).isEqualTo(Observations.T0);
      assertThat(g.toMillis()).isEqualTo(Observations.T0 + 39);
    });

    await(reopened.registerSink("influxdb"));
    assertThat(gaps(reopened, "influxdb")).as("a second sink registering later").isEqualTo(gaps);
    await(reopened.registerSink("mqtt"));
    assertThat(gaps(reopened, "mqtt")).as("registering again adds nothing").isEqualTo(gaps);
    await(reopened.close());
  }

  @Test
  void aSinkAddedLaterIsToldOfDropsTheRegisteredSinksWereToldOfUntilTheyAreRemovedAfterDelivery() {
    Spool spool = open(vertx, expiring());
    await(spool.registerSink("mqtt"));
    appendReadings(spool, "temperature", 40);
    await(spool.close());

    time.advance(Duration.ofHours(2));
    Spool reopened = open(vertx, expiring());
    await(reopened.registerSink("mqtt"));
    List<Gap> mqtt = gaps(reopened, "mqtt");
    assertThat(mqtt).extracting(Gap::reason).containsOnly("expired");
    assertThat(mqtt.stream().mapToLong(Gap::count).sum()).isEqualTo(40);
    await(reopened.registerSink("influxdb")); // added to the installation file meanwhile
    List<Gap> influx = gaps(reopened, "influxdb");
    assertThat(influx).singleElement().satisfies(g -> {
      assertThat(g.firstSeq()).isEqualTo(1);
      assertThat(g.lastSeq()).isEqualTo(40);
      assertThat(g.count()).isEqualTo(40);
    });

    appendReadings(reopened, "temperature", 100);
    await(reopened.flush());
    for (String sink : List.of("mqtt", "influxdb")) {
      long end = readAll(reopened, sink, Lane.TELEMETRY).get(99).offset() + 1;
      await(reopened.acknowledge(sink, Lane.TELEMETRY, end));
    }
    await(reopened.registerSink("archive"));
    assertThat(gaps(reopened, "archive"))
        .as("records after the loss were delivered and removed: the loss is history").isEmpty();
    assertThat(seqs(readAll(reopened, "archive", Lane.TELEMETRY))).allMatch(s -> s > 41);
    await(reopened.close());
  }

  @Test
  void recordsDroppedAtTheCapWhileNoSinkIsRegisteredAreReportedAsOneRangePerStream() {
    Spool spool = open(vertx, small(dir).maxBytes(4096).build());
    appendReadings(spool, "temperature", 300);
    appendReadings(spool, "humidity", 200);
    await(spool.flush());
    await(spool.registerSink("mqtt"));

    List<SpooledRecord> kept = readAll(spool, "mqtt", Lane.TELEMETRY);
    List<Gap> gaps = gaps(spool, "mqtt");
    assertThat(gaps).extracting(Gap::reason).containsOnly("spool_full");
    assertThat(gaps).extracting(Gap::channel).doesNotHaveDuplicates();
    assertCovered("temperature", 300, kept, gaps);
    assertCovered("humidity", 200, kept, gaps);
    assertThat(await(spool.stats()).dropsByReason().get("spool_full"))
        .isEqualTo(gaps.stream().mapToLong(Gap::count).sum());
    await(spool.close());
  }

  @Test
  void aCorruptSegmentFoundBeforeAnySinkRegisteredIsReportedToTheFirstSink() throws IOException {
    Spool spool = open(vertx, small(dir).build());
    appendReadings(spool, "temperature", 300);
    await(spool.close());
    List<Path> segments;
    try (Stream<Path> s = Files.list(dir.resolve(Lane.TELEMETRY.dirName()))) {
      segments = s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
    try (FileChannel ch = FileChannel.open(segments.get(2), StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xAB, (byte) 0xCD}), 400);
    }

    Spool reopened = open(vertx, small(dir).build());
    await(reopened.registerSink("mqtt"));
    List<Gap> gaps = gaps(reopened, "mqtt");
    assertThat(gaps).isNotEmpty().extracting(Gap::reason).containsOnly("corrupt");
    List<SpooledRecord> readable = readAll(reopened, "mqtt", Lane.TELEMETRY);
    assertThat(readable.size() + gaps.stream().mapToLong(Gap::count).sum()).isEqualTo(300);
    await(reopened.close());
  }

  @Test
  void numbersSkippedAfterACrashBeforeAnySinkRegisteredAreReportedToTheFirstSink() {
    Vertx crashing = Vertx.vertx();
    Spool spool = open(crashing, small(dir).build());
    appendReadings(spool, "temperature", 30);
    await(crashing.close()); // no spool.close(): exact numbers are never written

    Spool reopened = open(vertx, small(dir).build());
    long next = await(reopened.append(Observations.reading("temperature", 5)));
    await(reopened.registerSink("mqtt"));
    assertThat(gaps(reopened, "mqtt")).singleElement().satisfies(g -> {
      assertThat(g.reason()).isEqualTo("unused");
      assertThat(g.firstSeq()).isEqualTo(31);
      assertThat(g.lastSeq()).isEqualTo(next - 1);
    });
    await(reopened.close());
  }

  /** Every number 1..n of the channel was delivered or lies in one of its gaps, exactly once. */
  static void assertCovered(String channel, long n, List<SpooledRecord> kept, List<Gap> gaps) {
    List<Long> delivered = kept.stream().map(SpooledRecord::observation)
        .filter(o -> o.channel().equals(channel)).map(o -> o.seq()).toList();
    List<Long> reported = gaps.stream().filter(g -> g.channel().equals(channel))
        .peek(g -> assertThat(g.count()).isEqualTo(g.lastSeq() - g.firstSeq() + 1))
        .flatMap(g -> LongStream.rangeClosed(g.firstSeq(), g.lastSeq()).boxed()).toList();
    assertThat(Stream.concat(reported.stream(), delivered.stream()).sorted().toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
  }

  static List<Gap> gaps(Spool spool, String sink) {
    return await(spool.pendingGaps(sink)).stream().map(PendingGap::gap).toList();
  }
}
