package org.streetsense.rigs.load;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.streetsense.gateway.app.Gateway;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.SecretException;
import org.streetsense.gateway.spool.SpoolStats;

/**
 * The whole gateway, started in this JVM from an installation, with an {@link AcceptedLedger}
 * attached so a test knows what the spool accepted. {@link #close()} stops it (idempotent).
 */
public final class GatewayUnderTest implements AutoCloseable {

  private final Gateway gateway;
  private final AcceptedLedger accepted = new AcceptedLedger();

  private GatewayUnderTest(Gateway gateway) {
    this.gateway = gateway;
    gateway.onAccepted(accepted);
  }

  /**
   * Starts the installation; blocks until it runs. The ledger is attached right after start, so
   * it may miss the first few observations' callbacks; its per-stream maxima are still exact.
   */
  public static GatewayUnderTest start(Installation installation) {
    try {
      return new GatewayUnderTest(Gateway.start(installation,
          new GatewayOptions(() -> "fault-test-token".toCharArray(), null, "fault-test")));
    } catch (IOException | SecretException e) {
      throw new IllegalStateException("gateway did not start: " + e.getMessage(), e);
    }
  }

  public Gateway gateway() {
    return gateway;
  }

  /** Highest accepted sequence number per stream, a snapshot. */
  public Map<String, Long> acceptedSnapshot() {
    return accepted.snapshot();
  }

  /** The spool's own counters; waits up to 10 s. */
  public SpoolStats spoolStats() {
    try {
      return gateway.spoolStats().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("spool stats not available: " + e, e);
    }
  }

  @Override
  public void close() {
    gateway.stop();
  }
}
