package org.streetsense.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.streetsense.gateway.app.Gateway;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.app.Reloader;
import org.streetsense.gateway.config.ConfigError;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.SecretException;
import org.streetsense.gateway.systemd.SystemdNotifier;
import org.streetsense.gateway.systemd.SystemdNotifierOptions;

/**
 * Runs a gateway until the process is asked to stop (SIGTERM, Ctrl+C): a shutdown hook stops it
 * cleanly (actuators to safe states, offline state published, spool closed) and then releases
 * the waiting command thread. Under systemd it reports readiness, keeps the watchdog fed while
 * the event loop answers, and says when it is stopping.
 *
 * <p>After an orderly stop the process exits 0, also when SIGTERM started it (the JVM would
 * otherwise exit 143). A stop that hangs is ended by systemd's stop timeout.
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
    AtomicReference<Gateway> running = new AtomicReference<>();
    SystemdNotifier systemd = SystemdNotifier.create(SystemdNotifierOptions.fromProcessEnvironment(
        () -> alive(running.get())));
    systemd.status("starting " + inst.id());
    Gateway gateway;
    try {
      gateway = Gateway.start(inst, options);
    } catch (IOException | SecretException | RuntimeException e) {
      err.println("streetsense: " + StreetsenseCommand.describe(e));
      err.flush();
      closeAll(alsoClose);
      systemd.close();
      return ExitCodes.FAILURE;
    }
    running.set(gateway);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      systemd.stopping("stopping " + inst.id());
      gateway.stop();
      closeAll(alsoClose);
      systemd.close();
      stopped.countDown();
      // A JVM ended by SIGTERM exits 143 (128 + 15) even after an orderly stop; the stop was
      // asked for and completed, so say success (docs/cli.md). halt: we are the last hook to
      // matter, and exit() from a shutdown hook would block forever.
      err.flush();
      System.out.flush();
      Runtime.getRuntime().halt(ExitCodes.OK);
    }, "streetsense-shutdown"));
    systemd.startWatchdog();
    systemd.ready("running " + inst.id() + " (boot " + gateway.boot() + ")");
    started.accept(gateway);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  /**
   * Runs a reloadable gateway ({@code run}): boots through {@link Reloader#boot}, reloads the
   * local file on SIGHUP ({@code systemctl reload}), and blocks until shutdown. A reloader that
   * cannot start even its last known good file ends the process with {@link ExitCodes#FAILURE}
   * (systemd restarts it).
   *
   * @return the exit code
   */
  static int runReloadable(Reloader.ReloaderOptions options, String id, PrintWriter err,
      java.util.function.Consumer<Gateway> started) {
    AtomicReference<Reloader> running = new AtomicReference<>();
    java.util.concurrent.atomic.AtomicInteger exitCode = new java.util.concurrent.atomic.AtomicInteger(ExitCodes.OK);
    SystemdNotifier systemd = SystemdNotifier.create(SystemdNotifierOptions.fromProcessEnvironment(
        () -> alive(running.get() == null ? null : running.get().current())));
    systemd.status("starting " + id);
    Reloader.ReloaderOptions withFatal = new Reloader.ReloaderOptions(options.localFile(),
        options.storeDir(), options.healthWindow(), options.gateway(), e -> {
          err.println("streetsense: " + StreetsenseCommand.describe(e));
          err.flush();
          exitCode.set(ExitCodes.FAILURE);
          // not from the reloader's own thread: the shutdown hook waits for that thread
          new Thread(() -> System.exit(ExitCodes.FAILURE), "streetsense-fatal").start();
        });
    // SIGHUP is taken from before the boot: the JVM's own HUP action is to exit, and the gateway
    // publishes its birth (and so may be asked to reload) before Reloader.boot returns. A HUP
    // that arrives during the boot reloads once the boot is done.
    Object hupLock = new Object();
    boolean[] hupDuringBoot = {false};
    sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
      synchronized (hupLock) {
        Reloader r = running.get();
        if (r == null) {
          hupDuringBoot[0] = true;
        } else {
          r.reloadLocal();
        }
      }
    });
    Reloader reloader;
    try {
      reloader = Reloader.boot(withFatal);
    } catch (ConfigException e) {
      for (ConfigError error : e.errors()) {
        err.println(error.format());
      }
      err.flush();
      systemd.close();
      return ExitCodes.CONFIG_INVALID;
    } catch (IOException | SecretException | RuntimeException e) {
      err.println("streetsense: " + StreetsenseCommand.describe(e));
      err.flush();
      systemd.close();
      return ExitCodes.FAILURE;
    }
    synchronized (hupLock) {
      running.set(reloader);
      if (hupDuringBoot[0]) {
        reloader.reloadLocal();
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      systemd.stopping("stopping " + id);
      reloader.close();
      systemd.close();
      stopped.countDown();
      err.flush();
      System.out.flush();
      Runtime.getRuntime().halt(exitCode.get());
    }, "streetsense-shutdown"));
    systemd.startWatchdog();
    systemd.ready("running " + id + " (boot " + reloader.current().boot() + ")");
    started.accept(reloader.current());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return exitCode.get();
  }

  /**
   * The watchdog's liveness check: the event loop must still run tasks, or systemd restarts us.
   */
  private static CompletionStage<?> alive(Gateway g) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (g == null) {
      done.complete(null);
    } else {
      g.vertx().runOnContext(v -> done.complete(null));
    }
    return done;
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
