package org.streetsense.rigs.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.spool.FsyncPolicy;
import org.streetsense.gateway.spool.Lane;
import org.streetsense.gateway.spool.Spool;
import org.streetsense.gateway.spool.SpoolOptions;
import org.streetsense.gateway.spool.SpooledRecord;

/**
 * What a stopped (or killed) gateway's spool holds, read without touching it: the directory is
 * copied, the copy opened and recovered by the spool itself, and every record of every lane read
 * through a fresh sink cursor. The result is a {@link StreamLedger} of {@code (device, channel,
 * seq)}; records every sink had acknowledged and whose segment was removed are not in it.
 */
public final class SpoolAudit {

  private static final String SINK = "audit";
  private static final int PAGE = 5000;

  private SpoolAudit() {}

  /** Reads the spool in {@code spoolDir}; {@code scratch} receives the copy (deleted after). */
  public static StreamLedger read(Path spoolDir, Path scratch) {
    Path copy = copyTree(spoolDir, scratch.resolve("audit-" + System.nanoTime()));
    Vertx vertx = Vertx.vertx();
    try {
      Spool spool = await(Spool.open(SpoolOptions.builder(copy).fsyncPolicy(FsyncPolicy.ALWAYS).build(), vertx));
      try {
        await(spool.registerSink(SINK));
        StreamLedger ledger = new StreamLedger();
        for (Lane lane : Lane.values()) {
          long from = 0;
          while (true) {
            List<SpooledRecord> page = await(spool.read(SINK, lane, from, PAGE));
            if (page.isEmpty()) {
              break;
            }
            for (SpooledRecord r : page) {
              Observation o = r.observation();
              ledger.add(o.device() + "/" + o.channel(), o.seq());
            }
            from = page.get(page.size() - 1).offset() + 1;
          }
        }
        return ledger;
      } finally {
        await(spool.close());
      }
    } finally {
      await(vertx.close());
      deleteTree(copy);
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("spool audit failed: " + e, e);
    }
  }

  private static Path copyTree(Path from, Path to) {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the spool " + from, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
