package org.streetsense.gateway.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.driver.pir.PirDescriptor;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.SinkSettings;
import org.streetsense.gateway.demo.EmbeddedBroker;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.http.TokenSources;

/**
 * Runs an installation (the demo, or any installation file) on simulated hardware with an
 * embedded broker and plays a scenario against it, printing the dashboard address and token and
 * each step as it happens; stops when the scenario ends.
 */
public final class RigRun {

  private RigRun() {}

  /**
   * {@code inst} made ready for a rehearsal: a plain broker on localhost {@code mqttPort}, the
   * dashboard on loopback {@code httpPort}, the spool under {@code dataDir}; no InfluxDB sink (a
   * rehearsal must not write made-up data into the operator's database; OSC targets are kept, so
   * the artist's visuals answer); and no PIR warm-up (a simulated PIR does not settle, and a 60 s
   * warm-up would hide every passer-by of a scenario).
   */
  public static Installation rehearsal(Installation inst, int mqttPort, int httpPort, Path dataDir) {
    Installation local = DemoInstallation.local(inst, mqttPort, httpPort, dataDir)
        .withSinks(new SinkSettings(Optional.empty(), inst.sinks().osc()));
    List<DeviceSpec> devices = new ArrayList<>();
    for (DeviceSpec d : local.devices()) {
      if (d.driver() == PirDescriptor.DESCRIPTOR) {
        Map<String, Object> options = new LinkedHashMap<>(d.options());
        options.put("warmUp", java.time.Duration.ZERO);
        d = new DeviceSpec(d.id(), d.driver(), d.connection(), d.sampling(), d.channels(),
            d.safeState(), options);
      }
      devices.add(d);
    }
    return local.withDevices(devices);
  }

  /**
   * Plays {@code steps} (from {@link Scenarios#steps}) on {@code inst} (from {@link #rehearsal}).
   * Blocks until the scenario ended. {@code version} is the gateway version it reports.
   */
  public static void run(ScenarioName name, Installation inst, List<RigStep> steps, int mqttPort,
      String version, PrintWriter out, PrintWriter err) throws Exception {
    SimulatedBackend backend = SimulatedBackend.builder().seed(inst.hardware().seed()).build();
    SimulatedInstallation.populate(backend, inst);
    RigControl control = new RigControl(backend, inst);
    List<RigStep> timeline = steps.stream().sorted(Comparator.comparing(RigStep::at)).toList();
    char[] token = TokenSources.generate();
    try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", mqttPort)) {
      broker.start();
      Gateway gateway = Gateway.start(inst, new GatewayOptions(TokenSources.of(token), backend,
          version));
      ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
      CountDownLatch done = new CountDownLatch(timeline.size());
      try {
        out.println("Rehearsing installation '" + inst.id() + "' (" + inst.source()
            + ") on simulated hardware: scenario " + name + ", " + timeline.size() + " steps.");
        out.println("  Watch the stream:  mosquitto_sub -h localhost -p " + mqttPort + " -t 'streetsense/#' -v");
        out.println("  Dashboard:         http://localhost:" + gateway.httpPort() + "/dash/   token: "
            + new String(token));
        out.println("  PIR warm-up is skipped and no InfluxDB is written during a rehearsal.");
        out.flush();
        for (RigStep step : timeline) {
          clock.schedule(() -> {
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
      } finally {
        clock.shutdownNow();
        gateway.stop();
      }
    }
  }
}
