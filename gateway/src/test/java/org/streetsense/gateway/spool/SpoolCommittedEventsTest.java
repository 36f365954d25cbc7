package org.streetsense.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streetsense.gateway.spool.SpoolTestSupport.await;
import static org.streetsense.gateway.spool.SpoolTestSupport.open;
import static org.streetsense.gateway.spool.SpoolTestSupport.readAll;
import static org.streetsense.gateway.spool.SpoolTestSupport.small;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interaction events just committed are read without a hop to the spool worker (decision 0372),
 * and the answer is the one the worker would give.
 */
class SpoolCommittedEventsTest {

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() {
    await(vertx.close());
  }

  private Spool openGroup() {
    return open(vertx, small(dir).fsyncPolicy(FsyncPolicy.GROUP)
        .groupCommitInterval(Duration.ofHours(1)).groupCommitRecords(1_000_000).build());
  }

  @Test
  void committedEventsAreReadAtOnceWithoutTheWorker() {
    Spool spool = openGroup();
    await(spool.registerSink("mqtt"));
    for (int i = 1; i <= 3; i++) {
      await(spool.append(Observations.touch("e3", i)));
    }

    Future<List<SpooledRecord>> read = spool.read("mqtt", Lane.INTERACTIVE, 0, 10);

    assertThat(read.succeeded()).isTrue();
    assertThat(read.result()).extracting(SpooledRecord::offset).containsExactly(0L, 1L, 2L);
    assertThat(read.result()).extracting(r -> r.observation().seq()).containsExactly(1L, 2L, 3L);
    assertThat(read.result()).extracting(SpooledRecord::bootId).containsOnly("boot-a");
    await(spool.close());
  }

  @Test
  void theAnswerIsWhatTheWorkerReadsFromTheSegments() {
    Spool spool = openGroup();
    await(spool.registerSink("mqtt"));
    for (int i = 1; i <= 5; i++) {
      await(spool.append(Observations.touch("e" + (i % 2), i)));
      await(spool.append(Observations.reading("temperature", i)));
    }
    List<SpooledRecord> recent = readAll(spool, "mqtt", Lane.INTERACTIVE);
    await(spool.close());

    // reopened, nothing is held in memory: the worker reads the segment files
    Spool again = openGroup();
    await(again.registerSink("mqtt"));
    assertThat(readAll(again, "mqtt", Lane.INTERACTIVE)).isEqualTo(recent).hasSize(5);
    await(again.close());
  }

  @Test
  void readsStartAtTheSinksCursorAndTakeAtMostMax() {
    Spool spool = openGroup();
    await(spool.registerSink("mqtt"));
    for (int i = 1; i <= 4; i++) {
      await(spool.append(Observations.touch("e3", i)));
    }
    await(spool.acknowledge("mqtt", Lane.INTERACTIVE, 2));

    List<SpooledRecord> read = await(spool.read("mqtt", Lane.INTERACTIVE, 0, 1));

    assertThat(read).extracting(SpooledRecord::offset).containsExactly(2L);
    await(spool.close());
  }

  @Test
  void aBacklogLongerThanTheRecentEventsIsReadWholeAndInOrder() {
    Spool spool = openGroup();
    await(spool.registerSink("mqtt"));
    for (int i = 1; i <= 150; i++) {
      spool.append(Observations.touch("e3", i));
    }
    await(spool.flush());

    List<SpooledRecord> all = readAll(spool, "mqtt", Lane.INTERACTIVE);

    assertThat(all).extracting(SpooledRecord::offset)
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 150).boxed().toList());
    assertThat(all).extracting(r -> r.observation().seq())
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 150).boxed().toList());
    await(spool.close());
  }

  @Test
  void aSinkRegisteredAgainReadsFromTheOldestRetainedEvent() {
    Spool spool = openGroup();
    await(spool.registerSink("mqtt"));
    await(spool.append(Observations.touch("e3", 1)));
    await(spool.unregisterSink("mqtt"));
    await(spool.registerSink("mqtt"));

    assertThat(readAll(spool, "mqtt", Lane.INTERACTIVE)).hasSize(1);
    await(spool.close());
  }
}
