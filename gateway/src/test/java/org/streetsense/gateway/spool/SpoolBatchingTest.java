package org.streetsense.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streetsense.gateway.spool.SpoolTestSupport.await;
import static org.streetsense.gateway.spool.SpoolTestSupport.open;
import static org.streetsense.gateway.spool.SpoolTestSupport.readAll;
import static org.streetsense.gateway.spool.SpoolTestSupport.seqs;
import static org.streetsense.gateway.spool.SpoolTestSupport.small;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.pipeline.Observation;

/** Appends made without waiting are coalesced into batches; each keeps its own contract. */
class SpoolBatchingTest {

  private static final int THREADS = 4;
  private static final int PER_THREAD = 1500;

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() {
    await(vertx.close());
  }

  @Test
  void pipelinedAppendsFromSeveralThreadsGetDistinctInOrderSeqsAndSurviveReopen()
      throws Exception {
    SpoolOptions options = small(dir).segmentBytes(4096).maxBytes(64 << 20).seqReservation(50)
        .build();
    Spool spool = open(vertx, options);
    await(spool.registerSink("mqtt"));
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<java.util.concurrent.Future<List<Future<Long>>>> perThread = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String own = "own-" + t;
      Callable<List<Future<Long>>> feeder = () -> {
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < PER_THREAD; i++) {
          // one stream per thread and one stream all threads share
          futures.add(spool.append(Observations.reading(i % 2 == 0 ? own : "shared", i)));
        }
        return futures;
      };
      perThread.add(pool.submit(feeder));
    }
    Map<String, List<Long>> ownSeqs = new HashMap<>();
    List<Long> sharedSeqs = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<Future<Long>> futures = perThread.get(t).get(20, TimeUnit.SECONDS);
      List<Long> own = new ArrayList<>();
      List<Long> shared = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        (i % 2 == 0 ? own : shared).add(await(futures.get(i)));
      }
      ownSeqs.put("own-" + t, own);
      assertThat(shared).as("a thread's appends to a shared stream keep their order").isSorted();
      sharedSeqs.addAll(shared);
    }
    pool.shutdown();

    int half = PER_THREAD / 2;
    ownSeqs.values().forEach(s ->
        assertThat(s).containsExactlyElementsOf(LongStream.rangeClosed(1, half).boxed().toList()));
    Collections.sort(sharedSeqs);
    assertThat(sharedSeqs).containsExactlyElementsOf(
        LongStream.rangeClosed(1, (long) THREADS * half).boxed().toList());
    assertThat(await(spool.stats()).segments()).as("batches crossed segment ends").isGreaterThan(8);
    await(spool.close());

    Spool reopened = open(vertx, options);
    await(reopened.registerSink("mqtt"));
    List<SpooledRecord> records = readAll(reopened, "mqtt", Lane.TELEMETRY);
    assertThat(records).hasSize(THREADS * PER_THREAD);
    Map<String, List<Long>> readBack = new HashMap<>();
    for (SpooledRecord r : records) {
      readBack.computeIfAbsent(r.observation().channel(), c -> new ArrayList<>())
          .add(r.observation().seq());
    }
    ownSeqs.forEach((channel, seqs) -> assertThat(readBack.get(channel)).isEqualTo(seqs));
    assertThat(readBack.get("shared")).as("the log holds a stream in seq order")
        .containsExactlyElementsOf(sharedSeqs);
    assertThat(await(reopened.append(Observations.reading("shared", 1))))
        .isEqualTo(THREADS * half + 1L);
    await(reopened.close());
  }

  @Test
  void futuresCompleteOnTheCallersContextInAppendOrder() {
    Spool spool = open(vertx, small(dir).segmentBytes(64 * 1024).build());
    Context caller = vertx.getOrCreateContext();
    Promise<List<Long>> done = Promise.promise();
    List<Long> completed = new ArrayList<>();
    List<String> wrongContext = new ArrayList<>();
    int n = 2000;
    caller.runOnContext(v -> {
      for (int i = 0; i < n; i++) {
        spool.append(Observations.reading("temperature", i)).onComplete(ar -> {
          if (Vertx.currentContext() != caller) {
            wrongContext.add(String.valueOf(Vertx.currentContext()));
          }
          completed.add(ar.result());
          if (completed.size() == n) {
            done.complete(completed);
          }
        });
      }
    });

    assertThat(await(done.future()))
        .containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
    assertThat(wrongContext).isEmpty();
    await(spool.close());
  }

  @Test
  void appendsFromOutsideVertxCompleteOnAVertxThread() {
    Spool spool = open(vertx, small(dir).segmentBytes(64 * 1024).build());
    List<Future<Boolean>> onVertx = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      onVertx.add(spool.append(Observations.reading("temperature", i))
          .map(seq -> Context.isOnVertxThread()));
    }
    assertThat(onVertx).allSatisfy(f -> assertThat(await(f)).isTrue());
    await(spool.close());
  }

  @Test
  void underFsyncAlwaysEveryCompletedAppendIsAlreadyReadable() {
    Spool spool = open(vertx, small(dir).fsyncPolicy(FsyncPolicy.ALWAYS).build());
    await(spool.registerSink("mqtt"));
    List<Future<Long>> futures = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      futures.add(spool.append(Observations.reading("temperature", i)));
    }
    futures.forEach(SpoolTestSupport::await);
    // no flush: read returns only committed (forced) records
    assertThat(seqs(readAll(spool, "mqtt", Lane.TELEMETRY)))
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 800).boxed().toList());
    await(spool.close());
  }

  @Test
  void interactionEventQueuedBehindReadingsIsCommittedWhenItsFutureCompletes() {
    Spool spool = open(vertx, small(dir).segmentBytes(64 * 1024).build());
    await(spool.registerSink("mqtt"));
    for (int i = 0; i < 300; i++) {
      spool.append(Observations.reading("temperature", i));
    }
    await(spool.append(Observations.touch("e3", 5)));
    assertThat(readAll(spool, "mqtt", Lane.INTERACTIVE)).singleElement()
        .satisfies(r -> assertThat(r.observation().seq()).isEqualTo(1));
    await(spool.close());
  }

  @Test
  void appendsQueuedWhenTheSpoolClosesAreWrittenOrRefusedNeverLost() {
    SpoolOptions options = small(dir).segmentBytes(64 * 1024).build();
    Spool spool = open(vertx, options);
    await(spool.registerSink("mqtt"));
    List<Future<Long>> futures = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      futures.add(spool.append(Observations.reading("temperature", i)));
    }
    Future<Void> closed = spool.close();
    for (int i = 0; i < 100; i++) {
      futures.add(spool.append(Observations.reading("temperature", 3000 + i)));
    }
    await(closed);
    List<Long> accepted = new ArrayList<>();
    for (Future<Long> f : futures) {
      await(f.otherwiseEmpty());
      if (f.succeeded()) {
        accepted.add(f.result());
      } else {
        assertThat(f.cause()).isInstanceOf(IllegalStateException.class);
      }
    }
    assertThat(accepted).hasSizeGreaterThanOrEqualTo(3000);

    Spool reopened = open(vertx, options);
    await(reopened.registerSink("mqtt"));
    List<Observation> back = readAll(reopened, "mqtt", Lane.TELEMETRY).stream()
        .map(SpooledRecord::observation).toList();
    assertThat(back).extracting(Observation::seq).containsExactlyElementsOf(accepted);
    await(reopened.close());
  }
}
