package org.streetsense.gateway.rig;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.streetsense.gateway.app.Gateway;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.app.SimulatedInstallation;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.demo.DemoInstallation;
import org.streetsense.gateway.demo.EmbeddedBroker;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.http.TokenSources;

/**
 * Runs the demo installation with an embedded broker and plays a scenario against its simulated
 * hardware, printing each step as it happens; stops when the scenario ends.
 */
public final class RigRun {

  private RigRun() {}

  public static int run(ScenarioName name, int mqttPort, int httpPort, PrintWriter out, PrintWriter err)
      throws Exception {
    Path dir = Files.createTempDirectory("streetsense-rig-");
    Installation inst = DemoInstallation.prepare(mqttPort, httpPort, dir);
    SimulatedBackend backend = SimulatedBackend.builder().seed(inst.hardware().seed()).build();
    SimulatedInstallation.populate(backend, inst);
    RigControl control = new RigControl(backend, inst);
    List<RigStep> steps = Scenarios.steps(name).stream().sorted(Comparator.comparing(RigStep::at)).toList();
    try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", mqttPort)) {
      broker.start();
      Gateway gateway = Gateway.start(inst, new GatewayOptions(TokenSources.of(TokenSources.generate()),
          backend, org.streetsense.gateway.cli.VersionProvider.version()));
      ScheduledExecutorService timeline = Executors.newSingleThreadScheduledExecutor();
      CountDownLatch done = new CountDownLatch(steps.size());
      try {
        out.println("scenario " + name + ": " + steps.size() + " steps; watch with mosquitto_sub -h localhost -p "
            + mqttPort + " -t 'streetsense/#' -v");
        out.flush();
        for (RigStep step : steps) {
          timeline.schedule(() -> {
            try {
              step.action().accept(control);
              out.printf("%6.1f s  %s%n", step.at().toMillis() / 1000.0, step.description());
              out.flush();
            } catch (RuntimeException e) {
              err.println("step '" + step.description() + "' failed: " + e.getMessage());
              err.flush();
            } finally {
              done.countDown();
            }
          }, step.at().toMillis(), TimeUnit.MILLISECONDS);
        }
        done.await();
        return org.streetsense.gateway.cli.ExitCodes.OK;
      } finally {
        timeline.shutdownNow();
        gateway.stop();
      }
    }
  }
}
