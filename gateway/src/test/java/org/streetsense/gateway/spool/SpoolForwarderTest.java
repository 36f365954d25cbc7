package org.streetsense.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.streetsense.gateway.spool.SpoolTestSupport.appendReadings;
import static org.streetsense.gateway.spool.SpoolTestSupport.await;
import static org.streetsense.gateway.spool.SpoolTestSupport.open;
import static org.streetsense.gateway.spool.SpoolTestSupport.small;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.clock.ClockTrust;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

class SpoolForwarderTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final ClockTrust trusted =
      new ClockTrust(TimeSource.system(), Instant.EPOCH, () -> true, "boot-a");
  private final ForwarderOptions fast = ForwarderOptions.builder().batchSize(100)
      .ratePerSecond(1_000_000).burst(1_000_000).retryInitial(Duration.ofMillis(20))
      .retryMax(Duration.ofMillis(100)).idlePoll(Duration.ofMillis(50)).build();

  @AfterEach
  void closeVertx() {
    await(vertx.close());
  }

  @Test
  void deliversTheBacklogInOrderAndAdvancesTheCursor() {
    Spool spool = open(vertx, small(dir).segmentBytes(64 * 1024).build());
    appendReadings(spool, "temperature", 1000);
    RecordingSink sink = new RecordingSink("mqtt");
    SpoolForwarder forwarder = start(spool, sink, fast, trusted);

    await().atMost(WAIT).until(() -> sink.delivered().size() >= 1000);
    assertThat(seqs(sink.delivered())).containsExactlyElementsOf(range(1, 1000));
    await().atMost(WAIT).until(() -> await(spool.cursor("mqtt", Lane.TELEMETRY)) == 1000);
    ReplayProgress progress = await(forwarder.progress());
    assertThat(progress.delivered()).isEqualTo(1000);
    assertThat(progress.backlog()).isZero();
    forwarder.stop();
  }

  @Test
  void failedDeliveriesAreRetriedFromTheFirstUnacknowledgedRecord() {
    Spool spool = open(vertx, small(dir).segmentBytes(64 * 1024).build());
    RecordingSink sink = new RecordingSink("influxdb");
    sink.failNext(3);
    appendReadings(spool, "temperature", 250);
    SpoolForwarder forwarder = start(spool, sink, fast, trusted);

    await().atMost(WAIT).until(() -> sink.delivered().size() >= 250);
    assertThat(seqs(sink.delivered())).containsExactlyElementsOf(range(1, 250));
    assertThat(sink.attempts()).isEqualTo(3 + 3);
    assertThat(await(forwarder.progress()).failures()).isEqualTo(3);
    forwarder.stop();
  }

  @Test
  void interactionEventsOvertakeAPacedTelemetryBacklog() {
    Spool spool = open(vertx, small(dir).segmentBytes(64 * 1024).build());
    appendReadings(spool, "temperature", 3000);
    RecordingSink sink = new RecordingSink("mqtt");
    ForwarderOptions paced = ForwarderOptions.builder().batchSize(50).ratePerSecond(200)
        .burst(100).idlePoll(Duration.ofMillis(50)).build();
    SpoolForwarder forwarder = start(spool, sink, paced, trusted);
    await().atMost(WAIT).until(() -> sink.delivered().size() >= 100);

    await(spool.append(Observations.touch("e3", 250)));
    await(spool.flush());
    await().atMost(WAIT).until(() ->
        sink.delivered().stream().anyMatch(InteractionEvent.class::isInstance));
    // one snapshot: telemetry keeps flowing in its own lane while the test looks
    List<Observation> seen = sink.delivered();
    long readingsBefore = seen.stream().takeWhile(Reading.class::isInstance).count();
    assertThat(readingsBefore).isLessThan(3000);
    assertThat(seqs(seen.stream().filter(Reading.class::isInstance).toList()))
        .isEqualTo(range(1, seen.size() - 1));
    forwarder.stop();
  }

  @Test
  void anInteractionEventIsDeliveredWhileATelemetryBatchIsInFlight() {
    Spool spool = open(vertx, small(dir).build());
    appendReadings(spool, "temperature", 50);
    RecordingSink sink = new RecordingSink("mqtt");
    sink.holdReadings();
    SpoolForwarder forwarder = start(spool, sink, fast, trusted);
    await().atMost(WAIT).until(() -> sink.heldBatches() == 1);

    await(spool.append(Observations.touch("e3", 250)));
    await().atMost(WAIT).until(() ->
        sink.delivered().stream().anyMatch(InteractionEvent.class::isInstance));
    assertThat(sink.delivered()).hasSize(1);
    sink.release();
    await().atMost(WAIT).until(() -> sink.delivered().size() == 51);
    assertThat(seqs(sink.delivered().stream().filter(Reading.class::isInstance).toList()))
        .isEqualTo(range(1, 50));
    forwarder.stop();
  }

  @Test
  void aPacedBacklogGoesOutInBatchesOfThePacedSizeNotAFewRecordsAtATime() {
    Spool spool = open(vertx, small(dir).build());
    appendReadings(spool, "backlog", 1000);
    RecordingSink sink = new RecordingSink("mqtt");
    // 2,000 tokens/s: without pacedBatch the forwarder sends the 2 or so earned per millisecond
    ForwarderOptions paced = ForwarderOptions.builder().batchSize(100).ratePerSecond(2000)
        .burst(100).pacedBatch(100).idlePoll(Duration.ofMillis(50)).build();
    SpoolForwarder forwarder = start(spool, sink, paced, trusted);

    await().atMost(WAIT).until(() -> sink.delivered().size() == 1000);
    assertThat(sink.deliveredBatchSizes()).containsOnly(100);
    assertThat(seqs(sink.delivered())).containsExactlyElementsOf(range(1, 1000));
    forwarder.stop();
  }

  @Test
  void aPacedBatchIsAWholeMultipleOfThePacedSize() {
    Spool spool = open(vertx, small(dir).build());
    appendReadings(spool, "backlog", 1000);
    RecordingSink sink = new RecordingSink("mqtt");
    ForwarderOptions paced = ForwarderOptions.builder().batchSize(100).ratePerSecond(2000)
        .burst(100).pacedBatch(30).idlePoll(Duration.ofMillis(50)).build();
    SpoolForwarder forwarder = start(spool, sink, paced, trusted);

    await().atMost(WAIT).until(() -> sink.delivered().size() == 1000);
    List<Integer> sizes = sink.deliveredBatchSizes();
    assertThat(sizes.get(0)).as("the full bucket's 100 tokens, cut to a multiple").isEqualTo(90);
    // every batch but the backlog's last is 30, 60 or 90, never 31 or 47
    assertThat(sizes.subList(0, sizes.size() - 1)).allMatch(n -> n % 30 == 0, "multiples of 30");
    forwarder.stop();
  }

  @Test
  void aBacklogDrainsEvenWhenLiveTelemetryIsFasterThanTheReplayRate() {
    Spool spool = open(vertx, small(dir).build());
    appendReadings(spool, "backlog", 300);
    RecordingSink sink = new RecordingSink("mqtt");
    ForwarderOptions paced = ForwarderOptions.builder().batchSize(50).ratePerSecond(200)
        .burst(50).idlePoll(Duration.ofMillis(50)).build();
    // live telemetry at about 400/s, twice the replay rate
    long producer = vertx.setPeriodic(10, id -> {
      for (int i = 0; i < 4; i++) {
        spool.append(Observations.reading("live", i));
      }
    });
    SpoolForwarder forwarder = start(spool, sink, paced, trusted);

    await().atMost(WAIT).until(() ->
        sink.delivered().stream().anyMatch(o -> o.channel().equals("backlog") && o.seq() == 300));
    await().atMost(WAIT).until(() -> await(forwarder.progress()).backlog() < 100);
    vertx.cancelTimer(producer);
    forwarder.stop();
  }

  @Test
  void keepsSeveralTelemetryBatchesInFlightAndAdvancesTheCursorOnlyInOrder() {
    Spool spool = open(vertx, small(dir).segmentBytes(64 * 1024).build());
    appendReadings(spool, "temperature", 500);
    RecordingSink sink = new RecordingSink("mqtt");
    sink.holdReadings();
    ForwarderOptions three = ForwarderOptions.builder().batchSize(100).ratePerSecond(1_000_000)
        .burst(1_000_000).idlePoll(Duration.ofMillis(50)).telemetryBatchesInFlight(3).build();
    SpoolForwarder forwarder = start(spool, sink, three, trusted);

    await().atMost(WAIT).until(() -> sink.heldBatches() == 3);
    sink.releaseBatchStartingAt(201);
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() ->
        await(spool.cursor("mqtt", Lane.TELEMETRY)) == 0 && sink.heldBatches() == 2);
    sink.releaseBatchStartingAt(1);
    await().atMost(WAIT).until(() -> await(spool.cursor("mqtt", Lane.TELEMETRY)) == 100);
    sink.releaseBatchStartingAt(101);
    await().atMost(WAIT).until(() -> await(spool.cursor("mqtt", Lane.TELEMETRY)) == 300);
    sink.release();
    await().atMost(WAIT).until(() -> await(spool.cursor("mqtt", Lane.TELEMETRY)) == 500);
    assertThat(sink.delivered().stream().map(Observation::seq).distinct().sorted().toList())
        .isEqualTo(range(1, 500));
    assertThat(sink.attempts()).isEqualTo(5);
    forwarder.stop();
  }

  @Test
  void aBatchFailingWhileLaterOnesAreInFlightIsResentWithEverythingAfterIt() {
    Spool spool = open(vertx, small(dir).segmentBytes(64 * 1024).build());
    appendReadings(spool, "temperature", 500);
    RecordingSink sink = new RecordingSink("influxdb");
    sink.holdReadings();
    sink.failAttempt(2);
    ForwarderOptions three = ForwarderOptions.builder().batchSize(100).ratePerSecond(1_000_000)
        .burst(1_000_000).retryInitial(Duration.ofMillis(20)).retryMax(Duration.ofMillis(100))
        .idlePoll(Duration.ofMillis(50)).telemetryBatchesInFlight(3).build();
    SpoolForwarder forwarder = start(spool, sink, three, trusted);

    // batch 2 failed at once, batches 1 and 3 are held
    await().atMost(WAIT).until(() -> sink.heldBatches() == 2);
    assertThat(await(spool.cursor("influxdb", Lane.TELEMETRY))).isZero();
    sink.release();
    await().atMost(WAIT).until(() -> await(spool.cursor("influxdb", Lane.TELEMETRY)) == 500);
    List<Observation> seen = sink.delivered();
    assertThat(seen.stream().map(Observation::seq).distinct().sorted().toList())
        .isEqualTo(range(1, 500));
    // batch 3 went out before batch 2 failed, so it is sent again after batch 2: at least once
    assertThat(seen.stream().filter(o -> o.seq() == 201).count()).isEqualTo(2);
    assertThat(seen.stream().filter(o -> o.seq() == 101).count()).isEqualTo(1);
    assertThat(await(forwarder.progress()).failures()).isEqualTo(1);
    forwarder.stop();
  }

  @Test
  void aWakeDeliversToASinkThatBecameAvailableWithoutWaitingForTheIdlePoll() {
    Spool spool = open(vertx, small(dir).build());
    appendReadings(spool, "temperature", 10);
    RecordingSink sink = new RecordingSink("mqtt");
    sink.setAvailable(false);
    ForwarderOptions slowPoll = ForwarderOptions.builder().batchSize(100)
        .idlePoll(Duration.ofMinutes(10)).build();
    SpoolForwarder forwarder = start(spool, sink, slowPoll, trusted);
    await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> sink.attempts() == 0);

    sink.setAvailable(true);
    forwarder.wake();

    await().atMost(WAIT).until(() -> sink.delivered().size() == 10);
    forwarder.stop();
  }

  @Test
  void gapsAreReportedToTheSinkWithExactCounts() {
    Spool spool = open(vertx, small(dir).maxBytes(4096).build());
    await(spool.registerSink("mqtt"));
    appendReadings(spool, "temperature", 400);
    await(spool.flush());
    long dropped = await(spool.stats()).dropsByReason().get("spool_full");
    RecordingSink sink = new RecordingSink("mqtt");
    SpoolForwarder forwarder = start(spool, sink, fast, trusted);

    await().atMost(WAIT).until(() -> sink.delivered().size() + sum(sink.gaps()) >= 400);
    assertThat(sum(sink.gaps())).isEqualTo(dropped);
    assertThat(sink.delivered().get(0).seq()).isEqualTo(dropped + 1);
    await().atMost(WAIT).until(() -> await(spool.pendingGaps("mqtt")).isEmpty());
    forwarder.stop();
  }

  @Test
  void untrustedObservationsWaitForTheClockAndAreRestamped() {
    ManualTimeSource time = new ManualTimeSource(0, 2_000_000_000L);
    AtomicBoolean synced = new AtomicBoolean();
    ClockTrust clock = new ClockTrust(time, Instant.parse("2026-01-01T00:00:00Z"), synced::get,
        "boot-a");
    Spool spool = open(vertx, small(dir).build());
    Reading early = new Reading("plaza", "bh1750", "illuminance", 3, "lx", Quality.GOOD,
        clock.stamp(), 0);
    await(spool.append(early));
    await(spool.flush());
    RecordingSink sink = new RecordingSink("mqtt");
    SpoolForwarder forwarder = start(spool, sink, fast, clock);
    await().atMost(WAIT).until(() -> await(forwarder.progress()).waitingForClock());
    assertThat(sink.delivered()).isEmpty();

    time.advance(Duration.ofSeconds(30));
    long real = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    time.setWall(real);
    await().atMost(WAIT).until(() -> !sink.delivered().isEmpty());
    ObservedTime t = sink.delivered().get(0).time();
    assertThat(t.clockTrusted()).isTrue();
    assertThat(t.epochMillis()).isEqualTo(real - 30_000);
    forwarder.stop();
  }

  @Test
  void aRestartedForwarderResumesWhereTheSinkLeftOff() {
    Spool spool = open(vertx, small(dir).build());
    appendReadings(spool, "temperature", 100);
    RecordingSink first = new RecordingSink("mqtt");
    SpoolForwarder f1 = start(spool, first, fast, trusted);
    await().atMost(WAIT).until(() -> await(spool.cursor("mqtt", Lane.TELEMETRY)) == 100);
    f1.stop();
    await(spool.close());

    Spool reopened = open(vertx, small(dir).build());
    appendReadings(reopened, "temperature", 10);
    RecordingSink second = new RecordingSink("mqtt");
    SpoolForwarder f2 = start(reopened, second, fast, trusted);
    await().atMost(WAIT).until(() -> second.delivered().size() >= 10);
    assertThat(seqs(second.delivered())).containsExactlyElementsOf(range(101, 110));
    f2.stop();
  }

  @Test
  void anUnavailableSinkIsNotCalled() {
    Spool spool = open(vertx, small(dir).build());
    appendReadings(spool, "temperature", 5);
    RecordingSink sink = new RecordingSink("mqtt");
    sink.setAvailable(false);
    SpoolForwarder forwarder = start(spool, sink, fast, trusted);
    await().atMost(WAIT).until(() -> await(forwarder.progress()).backlog() == 5);
    assertThat(sink.attempts()).isZero();
    sink.setAvailable(true);
    await().atMost(WAIT).until(() -> sink.delivered().size() == 5);
    forwarder.stop();
  }

  @Test
  void theNextInteractionEventIsHandedOverBeforeThePreviousIsAcknowledged() {
    Spool spool = open(vertx, small(dir).build());
    RecordingSink sink = new RecordingSink("mqtt");
    sink.holdEvents();
    SpoolForwarder forwarder = start(spool, sink, fast, trusted);

    handOverTwoEventsOneAtATime(spool, sink);

    assertThat(await(spool.cursor("mqtt", Lane.INTERACTIVE))).isZero();
    assertThat(sink.eventBatch(1)).singleElement()
        .satisfies(o -> assertThat(o.channel()).isEqualTo("e2"));
    sink.acknowledgeEvents(0);
    sink.acknowledgeEvents(1);
    await().atMost(WAIT).until(() -> await(spool.cursor("mqtt", Lane.INTERACTIVE)) == 2);
    assertThat(await(forwarder.progress()).delivered()).isEqualTo(2);
    forwarder.stop();
  }

  @Test
  void theCursorDoesNotPassAnEventBatchThatIsNotYetAcknowledged() {
    Spool spool = open(vertx, small(dir).build());
    RecordingSink sink = new RecordingSink("mqtt");
    sink.holdEvents();
    SpoolForwarder forwarder = start(spool, sink, fast, trusted);
    handOverTwoEventsOneAtATime(spool, sink);

    sink.acknowledgeEvents(1);
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() ->
        await(spool.cursor("mqtt", Lane.INTERACTIVE)) == 0
            && await(forwarder.progress()).delivered() == 0);

    sink.acknowledgeEvents(0);
    await().atMost(WAIT).until(() -> await(spool.cursor("mqtt", Lane.INTERACTIVE)) == 2);
    forwarder.stop();
  }

  @Test
  void afterAFailedEventBatchTheLaneResendsItAndEverythingAfterIt() {
    Spool spool = open(vertx, small(dir).build());
    RecordingSink sink = new RecordingSink("mqtt");
    sink.holdEvents();
    SpoolForwarder forwarder = start(spool, sink, fast, trusted);
    handOverTwoEventsOneAtATime(spool, sink);

    sink.stopHoldingEvents();
    sink.acknowledgeEvents(1);
    sink.failEvents(0);

    await().atMost(WAIT).until(() -> await(spool.cursor("mqtt", Lane.INTERACTIVE)) == 2);
    List<String> channels = sink.delivered().stream().map(Observation::channel).toList();
    // e2 was acknowledged once out of order, then sent again after e1: at-least-once, in order
    assertThat(channels).containsSubsequence("e1", "e2");
    assertThat(channels.subList(channels.indexOf("e1"), channels.size()))
        .containsExactly("e1", "e2");
    assertThat(await(forwarder.progress()).failures()).isEqualTo(1);
    forwarder.stop();
  }

  @Test
  void afterTakingEveryCommittedEventTheInteractiveLaneWaitsForTheNextCommitInsteadOfReadingAgain() {
    CountingSpool spool = new CountingSpool(open(vertx, small(dir).build()));
    RecordingSink sink = new RecordingSink("mqtt");
    ForwarderOptions noPolling = ForwarderOptions.builder().batchSize(100)
        .idlePoll(Duration.ofMinutes(10)).build();
    SpoolForwarder forwarder = start(spool, sink, noPolling, trusted);
    await().atMost(WAIT).until(() -> spool.reads(Lane.INTERACTIVE) == 1);

    await(spool.append(Observations.touch("e1", 100)));

    await().atMost(WAIT).until(() -> sink.delivered().size() == 1);
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() ->
        spool.reads(Lane.INTERACTIVE) == 2);
    forwarder.stop();
  }

  /** Appends e1, waits until the sink holds it, then e2: two batches of one event each. */
  private static void handOverTwoEventsOneAtATime(Spool spool, RecordingSink sink) {
    await(spool.append(Observations.touch("e1", 100)));
    await().atMost(WAIT).until(() -> sink.eventBatchesHandedOver() == 1);
    await(spool.append(Observations.touch("e2", 200)));
    await().atMost(WAIT).until(() -> sink.eventBatchesHandedOver() == 2);
  }

  private SpoolForwarder start(Spool spool, org.streetsense.gateway.sink.Sink sink, ForwarderOptions options, ClockTrust c) {
    return await(SpoolForwarder.start(vertx, spool, sink, options, c, TimeSource.system()));
  }

  private static List<Long> seqs(List<Observation> observations) {
    return observations.stream().map(Observation::seq).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  private static long sum(List<Gap> gaps) {
    return gaps.stream().mapToLong(Gap::count).sum();
  }

}
