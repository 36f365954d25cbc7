package org.streetsense.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.streetsense.gateway.app.Gateway;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.SecretException;

/**
 * Runs a gateway until the process is asked to stop (SIGTERM, Ctrl+C): a shutdown hook stops it
 * cleanly (actuators to safe states, offline state published, spool closed) and then releases
 * the waiting command thread.
 */
final class GatewayRunner {

  private GatewayRunner() {}

  /**
   * Starts the gateway, calls {@code started}, and blocks until shutdown.
   *
   * @return the exit code
   */
  static int runUntilShutdown(Installation inst, GatewayOptions options, PrintWriter err,
      java.util.function.Consumer<Gateway> started, AutoCloseable... alsoClose) {
    Gateway gateway;
    try {
      gateway = Gateway.start(inst, options);
    } catch (IOException | SecretException | RuntimeException e) {
      err.println("streetsense: " + StreetsenseCommand.describe(e));
      err.flush();
      closeAll(alsoClose);
      return ExitCodes.FAILURE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.stop();
      closeAll(alsoClose);
      stopped.countDown();
    }, "streetsense-shutdown"));
    started.accept(gateway);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  private static void closeAll(AutoCloseable... closeables) {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        // Shutting down: nothing left to report to.
      }
    }
  }
}
