package org.streetsense.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.streetsense.gateway.app.RigRun;
import org.streetsense.gateway.app.RigStep;
import org.streetsense.gateway.app.ScenarioName;
import org.streetsense.gateway.app.Scenarios;
import org.streetsense.gateway.config.ConfigError;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code streetsense rig [--config FILE] SCENARIO}: an installation (the demo, or the file) on
 * simulated hardware, driven through a scripted scenario that adapts to its devices.
 */
@Command(name = "rig",
    description = "Rehearse an installation (the demo, or --config FILE) on simulated hardware through a "
        + "scripted scenario: crowd, vandalised-button, unplugged-sensor, unplugged-output.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the scenario ran to its end", "1:failed to start",
        "2:unknown scenario, or one the installation has no device for", "3:the installation file is invalid"})
final class RigCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SCENARIO", completionCandidates = Names.class,
      description = "scenario name: ${COMPLETION-CANDIDATES}")
  String scenario;

  @Option(names = "--config", paramLabel = "FILE",
      description = "installation file to rehearse (default: the demo installation)")
  Path config;

  @Option(names = "--mqtt-port", defaultValue = "1883", paramLabel = "PORT",
      description = "port of the embedded MQTT broker (default: ${DEFAULT-VALUE})")
  int mqttPort;

  @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
      description = "port of the dashboard (default: ${DEFAULT-VALUE})")
  int httpPort;

  /** The scenario names, for the usage help. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return ScenarioName.names().iterator();
    }
  }

  @Override
  public Integer call() throws Exception {
    ScenarioName name;
    try {
      name = ScenarioName.parse(scenario);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Installation file;
    try {
      file = config == null
          ? InstallationLoader.loadResource(InstallationLoader.DEMO_RESOURCE)
          : InstallationLoader.load(config);
    } catch (ConfigException e) {
      for (ConfigError error : e.errors()) {
        spec.commandLine().getErr().println(error.format());
      }
      spec.commandLine().getErr().flush();
      return ExitCodes.CONFIG_INVALID;
    }
    Path dir = Files.createTempDirectory("streetsense-rig-");
    Installation inst = RigRun.rehearsal(file, mqttPort, httpPort, dir);
    List<RigStep> steps;
    try {
      steps = Scenarios.steps(name, inst);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    RigRun.run(name, inst, steps, mqttPort, VersionProvider.version(),
        spec.commandLine().getOut(), spec.commandLine().getErr());
    return ExitCodes.OK;
  }
}
