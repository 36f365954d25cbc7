package org.streetsense.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waiting between measurement steps without {@code Thread.sleep}: a delayed no-op, joined. */
public final class Pause {

  private Pause() {}

  /** Returns after about {@code d} (timer resolution of the common pool's delayed executor). */
  public static void of(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return;
    }
    CompletableFuture.runAsync(() -> { },
        CompletableFuture.delayedExecutor(d.toNanos(), TimeUnit.NANOSECONDS)).join();
  }
}
