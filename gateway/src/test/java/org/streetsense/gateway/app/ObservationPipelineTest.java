package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.clock.ClockTrust;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.spool.Observations;
import org.streetsense.gateway.spool.Spool;
import org.streetsense.gateway.spool.SpoolOptions;

class ObservationPipelineTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final ClockTrust clock =
      new ClockTrust(TimeSource.system(), Instant.EPOCH, () -> true, "boot-a");
  private final List<Observation> immediate = new CopyOnWriteArrayList<>();
  private final List<Observation> accepted = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void immediateConsumersSeeAnObservationOnTheCallingThreadBeforeTheSpoolAcceptsIt()
      throws Exception {
    Spool spool = open();
    ObservationPipeline pipeline = pipeline(spool);
    List<Thread> threads = new CopyOnWriteArrayList<>();
    pipeline.onObserved(o -> threads.add(Thread.currentThread()));

    pipeline.accept(Observations.touch("e3", 250));

    assertThat(immediate).hasSize(1);
    assertThat(immediate.get(0).seq()).isZero();
    assertThat(threads).containsExactly(Thread.currentThread());
    await().atMost(WAIT).until(() -> accepted.size() == 1);
    assertThat(accepted.get(0).seq()).isEqualTo(1);
    assertThat(accepted.get(0).channel()).isEqualTo("e3");
  }

  @Test
  void immediateConsumersStillAnswerWhenTheSpoolRefusesTheObservation() throws Exception {
    Spool spool = open();
    done(spool.close());
    ObservationPipeline pipeline = pipeline(spool);

    pipeline.accept(Observations.touch("e3", 250));

    assertThat(immediate).extracting(Observation::channel).containsExactly("e3");
    await().atMost(WAIT).until(() -> pipeline.refusedCount() == 1);
    assertThat(accepted).isEmpty();
  }

  @Test
  void aFailingImmediateConsumerDoesNotKeepTheObservationFromTheSpool() throws Exception {
    Spool spool = open();
    ObservationPipeline pipeline = new ObservationPipeline(vertx, spool, clock, "obs.test");
    pipeline.onObserved(o -> {
      throw new IllegalStateException("consumer broke");
    });
    pipeline.onAccepted(accepted::add);

    pipeline.accept(Observations.reading("temperature", 21.5));

    await().atMost(WAIT).until(() -> accepted.size() == 1);
    assertThat(accepted.get(0).seq()).isEqualTo(1);
  }

  private ObservationPipeline pipeline(Spool spool) {
    ObservationPipeline pipeline = new ObservationPipeline(vertx, spool, clock, "obs.test");
    pipeline.onObserved(immediate::add);
    pipeline.onAccepted(accepted::add);
    return pipeline;
  }

  private Spool open() throws Exception {
    return done(Spool.open(SpoolOptions.builder(dir).bootId("boot-a").build(), vertx));
  }

  private static <T> T done(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
