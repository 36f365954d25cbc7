package org.streetsense.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.streetsense.gateway.app.SafeOutputs;
import org.streetsense.gateway.config.ConfigError;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streetsense safe-outputs --config FILE}: drives every declared output to its safe state
 * and publishes the retained states as safe when the broker answers. Run by the systemd unit after
 * the gateway process ended, however it ended ({@code ExecStopPost=}); never while it runs.
 */
@Command(name = "safe-outputs",
    description = "Drive every output of the installation to its safe state and publish the "
        + "retained states (after the gateway process ended; the systemd unit runs it as ExecStopPost).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every output is in its safe state (the states were published, or the "
        + "broker was not reachable: said on stderr)",
        "1:an output could not be opened or does not read back its safe state",
        "2:wrong usage",
        "3:the installation file is invalid"})
final class SafeOutputsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "installation file (YAML)")
  Path config;

  @Option(names = "--config-store", paramLabel = "DIR", description = "the gateway's store of "
      + "installation files (run --config-store): drive the outputs of the file the gateway ran "
      + "(the one being applied, or the last known good one) rather than FILE")
  Path configStore;

  @Option(names = "--broker-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "how long to try the broker, 1..60 s (default ${DEFAULT-VALUE})")
  int brokerTimeoutSeconds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (brokerTimeoutSeconds < 1 || brokerTimeoutSeconds > 60) {
      err.println("streetsense: --broker-timeout must be 1 to 60 seconds, was "
          + brokerTimeoutSeconds);
      err.flush();
      return ExitCodes.USAGE;
    }
    Installation inst;
    try {
      inst = configStore == null ? InstallationLoader.load(config)
          : org.streetsense.gateway.app.Reloader.fileInUse(config, configStore);
    } catch (ConfigException e) {
      e.errors().stream().map(ConfigError::format).forEach(err::println);
      err.flush();
      return ExitCodes.CONFIG_INVALID;
    }
    SafeOutputs.Report report = SafeOutputs.run(inst, Duration.ofSeconds(brokerTimeoutSeconds));
    for (SafeOutputs.Output o : report.outputs()) {
      out.println(String.format(Locale.ROOT, "%s: level %s, %s%s", o.actuator(),
          level(o.level()), o.safe() ? "safe" : "NOT SAFE", output(o.outputHigh())));
    }
    if (report.outputs().isEmpty() && report.openError().isEmpty()) {
      out.println("no outputs declared in " + config);
    }
    if (!report.openError().isEmpty()) {
      err.println("streetsense: outputs not opened: " + report.openError());
    }
    if (report.published()) {
      out.println("retained states published as safe (cause " + SafeOutputs.CAUSE + ")");
    } else if (!report.publishProblem().isEmpty()) {
      err.println("streetsense: retained states not published: " + report.publishProblem());
    }
    out.flush();
    err.flush();
    return report.allSafe() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** What the hardware reads back: the pin's level, or the share of each period it is high. */
  private static String output(double high) {
    if (Double.isNaN(high)) {
      return "";
    }
    if (high == 0 || high == 1) {
      return high == 1 ? ", output high" : ", output low";
    }
    return String.format(Locale.ROOT, ", output high %.1f%% of each period", high * 100);
  }

  private static String level(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }
}
