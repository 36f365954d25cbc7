package org.streetsense.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.app.Reloader;
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

  @Option(names = "--config-store", paramLabel = "DIR", description = "where the gateway keeps "
      + "the last known good installation file and the one being applied (default: config-store "
      + "beside the spool directory)")
  Path configStore;

  @Option(names = "--health-window", paramLabel = "SECONDS", defaultValue = "60",
      description = "how long a reloaded file is watched before it counts as good (default: ${DEFAULT-VALUE})")
  long healthWindow;

  @Override
  public Integer call() {
    Installation inst;
    try {
      inst = InstallationLoader.load(config);
    } catch (ConfigException e) {
      // with a stored last known good file the gateway runs it (Reloader.boot logs the errors)
      inst = configStore == null ? null : storedFile();
      if (inst != null) {
        return run(inst);
      }
      for (ConfigError error : e.errors()) {
        spec.commandLine().getErr().println(error.format());
      }
      spec.commandLine().getErr().flush();
      return ExitCodes.CONFIG_INVALID;
    }
    return run(inst);
  }

  private Installation storedFile() {
    try {
      return Reloader.fileInUse(config, configStore);
    } catch (ConfigException e) {
      return null;
    }
  }

  private int run(Installation inst) {
    if (healthWindow < Reloader.MIN_WINDOW_S || healthWindow > Reloader.MAX_WINDOW_S) {
      spec.commandLine().getErr().println("streetsense: --health-window must be from "
          + Reloader.MIN_WINDOW_S + " to " + Reloader.MAX_WINDOW_S + " seconds");
      return ExitCodes.USAGE;
    }
    Supplier<char[]> token;
    try {
      token = token(inst);
    } catch (SecretException e) {
      spec.commandLine().getErr().println("streetsense: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    Path store = configStore != null ? configStore
        : inst.spool().dir().toAbsolutePath().normalize().resolveSibling("config-store");
    PrintWriter out = spec.commandLine().getOut();
    Reloader.ReloaderOptions options = new Reloader.ReloaderOptions(config, store,
        Duration.ofSeconds(healthWindow), new GatewayOptions(token, null, VersionProvider.version()),
        e -> { });
    return GatewayRunner.runReloadable(options, inst.id(), spec.commandLine().getErr(), g -> {
      Installation running = g.installation();
      out.println("Streetsense is running installation '" + running.id() + "' (boot " + g.boot()
          + ", configuration version " + g.stamp().version() + ").");
      out.println("  Dashboard:         " + dashboardUrl(running.http().host(), g.httpPort()));
      out.println("  MQTT uplink:       " + running.uplink().mqtt().pahoUrl());
      out.println("  Configuration:     " + g.topics().base() + "config/set");
      out.println("Stop with SIGTERM or Ctrl+C; reload the file with SIGHUP (systemctl reload).");
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

  /**
   * The token used while the running file names no {@code http.token}. The file's own token is
   * resolved at every start and apply ({@link Reloader}); a reference that cannot be resolved
   * stops the start, or rolls the apply back, with its key named.
   */
  private static Supplier<char[]> token(Installation inst) throws SecretException {
    if (inst.http().token().isPresent()) {
      String env = System.getenv(TOKEN_ENV);
      return env != null && !env.isBlank() ? TokenSources.fromEnv(TOKEN_ENV)
          : TokenSources.of(TokenSources.generate());
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
