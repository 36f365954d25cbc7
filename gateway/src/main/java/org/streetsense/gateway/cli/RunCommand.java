package org.streetsense.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.config.ConfigError;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.config.SecretException;
import org.streetsense.gateway.http.TokenSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code streetsense run --config FILE}: runs an installation until stopped. */
@Command(name = "run",
    description = "Run an installation (production): devices, spool, MQTT uplink, sinks, dashboard.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped cleanly", "1:failed at run time", "3:the installation file is invalid"})
final class RunCommand implements Callable<Integer> {

  /** Token used when the file names none: lets technicians in without editing the file. */
  static final String TOKEN_ENV = "STREETSENSE_HTTP_TOKEN";

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "installation file (YAML)")
  Path config;

  @Override
  public Integer call() {
    Installation inst;
    try {
      inst = InstallationLoader.load(config);
    } catch (ConfigException e) {
      for (ConfigError error : e.errors()) {
        spec.commandLine().getErr().println(error.format());
      }
      spec.commandLine().getErr().flush();
      return ExitCodes.CONFIG_INVALID;
    }
    Supplier<char[]> token;
    try {
      token = token(inst);
    } catch (SecretException e) {
      spec.commandLine().getErr().println("streetsense: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    PrintWriter out = spec.commandLine().getOut();
    return GatewayRunner.runUntilShutdown(inst, new GatewayOptions(token, null, VersionProvider.version()),
        spec.commandLine().getErr(), g -> {
          out.println("Streetsense is running installation '" + inst.id() + "' (boot " + g.boot() + ").");
          out.println("  Dashboard:         " + dashboardUrl(inst.http().host(), g.httpPort()));
          out.println("  MQTT uplink:       " + inst.uplink().mqtt().pahoUrl());
          out.println("Stop with SIGTERM or Ctrl+C.");
          out.flush();
        });
  }

  /**
   * The dashboard address to print: a wildcard bind address is shown as {@code localhost} (the
   * dashboard is then reachable on every address of the machine).
   */
  static String dashboardUrl(String host, int port) {
    String shown = host.equals("0.0.0.0") || host.equals("::") || host.isEmpty() ? "localhost"
        : host.contains(":") ? "[" + host + "]" : host;
    return "http://" + shown + ":" + port + "/dash/";
  }

  private static Supplier<char[]> token(Installation inst) throws SecretException {
    if (inst.http().token().isPresent()) {
      return TokenSources.of(inst.http().token().get().resolve().toCharArray());
    }
    String env = System.getenv(TOKEN_ENV);
    if (env != null && !env.isBlank()) {
      return TokenSources.fromEnv(TOKEN_ENV);
    }
    LoggerFactory.getLogger(RunCommand.class).warn(
        "no technician token (http.token or {}): the dashboard stays locked", TOKEN_ENV);
    return TokenSources.of(TokenSources.generate());
  }
}
