package org.streetsense.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streetsense rig SCENARIO}: the demo installation driven through a scripted scenario. */
@Command(name = "rig",
    description = "Drive the simulated demo installation through a scripted scenario (crowd, vandalised-button, unplugged-sensor).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the scenario ran to its end", "1:failed to start", "2:unknown scenario"})
final class RigCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SCENARIO", description = "scenario name: ${COMPLETION-CANDIDATES}")
  org.streetsense.gateway.rig.ScenarioName scenario;

  @Option(names = "--mqtt-port", defaultValue = "1883", paramLabel = "PORT",
      description = "port of the embedded MQTT broker (default: ${DEFAULT-VALUE})")
  int mqttPort;

  @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
      description = "port of the dashboard (default: ${DEFAULT-VALUE})")
  int httpPort;

  @Override
  public Integer call() throws Exception {
    return org.streetsense.gateway.rig.RigRun.run(scenario, mqttPort, httpPort,
        spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
