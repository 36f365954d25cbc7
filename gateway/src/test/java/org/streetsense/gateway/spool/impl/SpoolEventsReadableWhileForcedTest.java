package org.streetsense.gateway.spool.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.spool.FsyncPolicy;
import org.streetsense.gateway.spool.Lane;
import org.streetsense.gateway.spool.SpoolOptions;
import org.streetsense.gateway.spool.SpooledRecord;

/**
 * Under {@code group} an interaction event is handed to the forwarders while its own force runs,
 * not after it (decision 0383); under {@code always} only once forced.
 */
class SpoolEventsReadableWhileForcedTest {

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  /**
   * The lanes a forwarder was woken for, what it could read of the interactive lane at that
   * moment, and how much of that lane was forced then.
   */
  private record Seen(Set<Lane> woken, List<Long> readable, long committedEnd) {}

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private List<Seen> wakeUpsOfOneEvent(FsyncPolicy policy) throws Exception {
    DefaultSpool spool = (DefaultSpool) await(DefaultSpool.open(SpoolOptions.builder(dir)
        .fsyncPolicy(policy).groupCommitInterval(Duration.ofHours(1))
        .groupCommitRecords(1_000_000).cursorFlushInterval(Duration.ZERO).bootId("boot-a")
        .build(), vertx));
    await(spool.registerSink("mqtt"));
    List<Seen> seen = new CopyOnWriteArrayList<>();
    spool.onReadable(lanes -> {
      // on the worker, as a forwarder's wake-up is; a read the tail answers completes at once
      Future<List<SpooledRecord>> read = spool.read("mqtt", Lane.INTERACTIVE, 0, 10);
      List<Long> offsets = read.isComplete()
          ? read.result().stream().map(SpooledRecord::offset).toList() : List.of();
      seen.add(new Seen(lanes, offsets, spool.lanes().get(Lane.INTERACTIVE).committedEnd()));
    });

    await(spool.append(new InteractionEvent("plaza", "mpr121", "e3", "touch_start", 1.0,
        new ObservedTime(1_780_000_000_000L, 1_000_000L, true), 0)));

    assertThat(await(spool.read("mqtt", Lane.INTERACTIVE, 0, 10))).hasSize(1);
    assertThat(spool.lanes().get(Lane.INTERACTIVE).committedEnd()).isEqualTo(1);
    await(spool.close());
    return seen;
  }

  @Test
  void underGroupAnEventIsReadableBeforeItsForceCompletes() throws Exception {
    assertThat(wakeUpsOfOneEvent(FsyncPolicy.GROUP)).containsExactly(
        new Seen(Set.of(Lane.INTERACTIVE), List.of(0L), 0));
  }

  @Test
  void underAlwaysAnEventIsReadableOnlyOnceForced() throws Exception {
    assertThat(wakeUpsOfOneEvent(FsyncPolicy.ALWAYS)).containsExactly(
        new Seen(Set.of(Lane.INTERACTIVE, Lane.TELEMETRY), List.of(0L), 1));
  }
}
