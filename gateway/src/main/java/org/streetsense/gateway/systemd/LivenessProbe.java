package org.streetsense.gateway.systemd;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Proves that the gateway still does its work before each watchdog keep-alive. The gateway
 * passes a probe that runs a no-op on its Vert.x event loop ({@code vertx.runOnContext}) and
 * completes when it ran, so a blocked event loop stops the keep-alives and systemd restarts the
 * service.
 *
 * <p>Called on the notifier's own thread. A probe must not block: return a stage and complete it
 * later. A stage that fails or does not complete in time means "not alive".
 */
@FunctionalInterface
public interface LivenessProbe {

  /** A probe that always answers alive: the keep-alive then only proves the JVM runs. */
  LivenessProbe ALWAYS_ALIVE = () -> CompletableFuture.completedFuture(null);

  CompletionStage<?> check();
}
