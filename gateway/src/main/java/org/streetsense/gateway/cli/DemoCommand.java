package org.streetsense.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.streetsense.gateway.app.DemoInstallation;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.demo.EmbeddedBroker;
import org.streetsense.gateway.http.TokenSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streetsense demo}: the demo installation on simulated hardware, with an embedded MQTT
 * broker on localhost, a fresh spool in a temporary directory and a generated dashboard token.
 */
@Command(name = "demo",
    description = "Run the demo installation on simulated hardware with an embedded MQTT broker on localhost.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped cleanly", "1:failed to start (for example a port in use)"})
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--mqtt-port", defaultValue = "1883", paramLabel = "PORT",
      description = "port of the embedded MQTT broker (default: ${DEFAULT-VALUE})")
  int mqttPort;

  @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
      description = "port of the dashboard and public pages (default: ${DEFAULT-VALUE})")
  int httpPort;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "where the spool lives (default: a new temporary directory)")
  Path dataDir;

  @Override
  public Integer call() throws IOException, ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", mqttPort);
    // the broker starts on a thread of its own while the installation is prepared (two cores
    // instead of one for the start; decision 0385); both must succeed before the gateway starts
    FutureTask<Void> brokerStart = new FutureTask<>(() -> {
      broker.start();
      return null;
    });
    Thread starter = new Thread(brokerStart, "streetsense-demo-broker-start");
    starter.setDaemon(true);
    starter.start();
    Path dir;
    Installation inst;
    try {
      dir = dataDir != null ? dataDir : Files.createTempDirectory("streetsense-demo-");
      inst = DemoInstallation.prepare(mqttPort, httpPort, dir);
      awaitBroker(brokerStart);
    } catch (IOException | ConfigException | RuntimeException e) {
      awaitQuietly(brokerStart);
      broker.close();
      throw e;
    }
    char[] token = TokenSources.generate();
    return GatewayRunner.runUntilShutdown(inst, new GatewayOptions(TokenSources.of(token), null, VersionProvider.version()),
        spec.commandLine().getErr(), g -> {
          out.println();
          out.println("Streetsense demo is running (installation '" + inst.id() + "', simulated hardware).");
          out.println("  Watch the stream:  mosquitto_sub -h localhost -p " + mqttPort + " -t 'streetsense/#' -v");
          out.println("  Dashboard:         http://localhost:" + g.httpPort() + "/dash/   token: " + new String(token));
          out.println("  Citizens' page:    http://localhost:" + g.httpPort() + "/public/about");
          out.println("  Spool:             " + dir.resolve("spool"));
          out.println("Press Ctrl+C to stop.");
          out.flush();
        }, broker);
  }

  /** Waits for the broker's start; rethrows its failure (port in use) as it was thrown. */
  private static void awaitBroker(FutureTask<Void> start) throws IOException {
    try {
      start.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the embedded MQTT broker started", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("the embedded MQTT broker did not start", e.getCause());
    }
  }

  private static void awaitQuietly(FutureTask<Void> start) {
    try {
      start.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // the preparation's failure is the one reported
    }
  }
}
