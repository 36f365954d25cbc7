package org.streetsense.bench.gateway;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.streetsense.bench.Workload;
import org.streetsense.bench.proc.ProcFiles;
import org.streetsense.gateway.spool.FsyncPolicy;
import org.streetsense.gateway.spool.Lane;
import org.streetsense.gateway.spool.Spool;
import org.streetsense.gateway.spool.SpoolOptions;
import org.streetsense.gateway.spool.SpooledRecord;

/**
 * The spool alone, with its default options (group-commit fsync every 200 ms or 1000 records)
 * except the fsync policy given (the bench also runs {@link FsyncPolicy#OS} to show the cost of
 * forcing):
 * append rate of {@code readings} pipelined appends until the last is accepted and flushed;
 * storage bytes per reading from this process's {@code /proc/self/io write_bytes} over the
 * appends and the final flush (and, for comparison, the growth of the lane's files); then the
 * replay rate of a new sink reading the whole lane back in batches of 1000 and acknowledging.
 */
public final class SpoolCost {

  /**
   * @param appendRate readings/s accepted and flushed
   * @param writeBytesPerReading block-layer bytes written per reading
   * @param fileBytesPerReading growth of segment files per reading
   * @param replayRate readings/s read back and acknowledged
   */
  public record Result(long readings, double appendRate, double writeBytesPerReading,
      double fileBytesPerReading, double replayRate) { }

  private SpoolCost() {}

  public static Result run(Path dir, int readings, FsyncPolicy policy, Duration timeout)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Spool spool = get(Spool.open(SpoolOptions.builder(dir).fsyncPolicy(policy).build(), vertx).toCompletionStage()
          .toCompletableFuture(), timeout);
      long filesBefore = size(dir);
      long ioBefore = ProcFiles.writeBytes("self");
      long start = System.nanoTime();
      long accepted = Appender.appendAll(spool, readings, 20_000,
          k -> Workload.reading(k, 20), timeout);
      get(spool.flush().toCompletionStage().toCompletableFuture(), timeout);
      double appendSeconds = (System.nanoTime() - start) / 1e9;
      long written = ProcFiles.writeBytes("self") - ioBefore;
      long files = size(dir) - filesBefore;

      get(spool.registerSink("replay").toCompletionStage().toCompletableFuture(), timeout);
      long replayStart = System.nanoTime();
      long offset = 0;
      long read = 0;
      while (read < accepted && System.nanoTime() - replayStart < timeout.toNanos()) {
        List<SpooledRecord> batch = get(spool.read("replay", Lane.TELEMETRY, offset, 1000)
            .toCompletionStage().toCompletableFuture(), timeout);
        if (batch.isEmpty()) {
          break;
        }
        offset = batch.get(batch.size() - 1).offset() + 1;
        get(spool.acknowledge("replay", Lane.TELEMETRY, offset).toCompletionStage()
            .toCompletableFuture(), timeout);
        read += batch.size();
      }
      double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
      get(spool.close().toCompletionStage().toCompletableFuture(), timeout);
      return new Result(accepted, accepted / appendSeconds, (double) written / accepted,
          (double) files / accepted, read / replaySeconds);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static <T> T get(java.util.concurrent.CompletableFuture<T> f, Duration timeout)
      throws Exception {
    return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
