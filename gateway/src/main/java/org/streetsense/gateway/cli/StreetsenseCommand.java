package org.streetsense.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code streetsense} command line: {@code java -jar streetsense.jar <command>}.
 *
 * <p>Errors are printed as one clear line, never as a stack trace; exit codes are listed in
 * {@link ExitCodes} and docs/cli.md.
 */
@Command(name = "streetsense",
    mixinStandardHelpOptions = true,
    // every subcommand inherits --help and --version: `streetsense run --help`
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "Streetsense: IoT gateway for art-tech sensing installations in public space.",
    subcommands = {RunCommand.class, DemoCommand.class, ValidateCommand.class, ProbeCommand.class, RigCommand.class,
        SafeOutputsCommand.class, SignCommand.class, PushCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success, or a clean shutdown",
        "1:the gateway failed at run time",
        "2:wrong usage",
        "3:the installation file is invalid",
        "4:probe: the hardware does not match the installation file"})
public final class StreetsenseCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of run, demo, validate, probe, rig, safe-outputs");
  }

  /** Builds the command line with Streetsense's error handling, on the process's environment. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /**
   * Builds the command line with Streetsense's error handling; commands that read environment
   * variables ({@code push}: its broker password) read them from {@code environment}, so a test
   * gives them exactly the environment it means, whatever the environment it runs in.
   */
  static CommandLine commandLine(java.util.Map<String, String> environment) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine cl = new CommandLine(new StreetsenseCommand(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == PushCommand.class ? type.cast(new PushCommand(environment))
            : defaults.create(type);
      }
    });
    // `streetsense help run` prints the usage of run, like `streetsense run --help`
    cl.addSubcommand("help", new CommandLine.HelpCommand());
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      commandLine.getErr().println("streetsense: " + describe(ex));
      commandLine.getErr().flush();
      return ExitCodes.FAILURE;
    });
    return cl;
  }

  /**
   * The message of {@code ex} and its causes on one line: values from the installation file in
   * them (paths, hosts) are escaped and cut ({@link org.streetsense.gateway.config.Echo#line}).
   */
  static String describe(Throwable ex) {
    StringBuilder sb = new StringBuilder(String.valueOf(ex.getMessage()));
    for (Throwable c = ex.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
        sb.append(": ").append(c.getMessage());
      }
    }
    return org.streetsense.gateway.config.Echo.line(sb.toString());
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != ExitCodes.OK || !isLongRunning(args)) {
      System.exit(code);
    }
  }

  private static boolean isLongRunning(String[] args) {
    boolean help = java.util.Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help")
        || a.equals("-V") || a.equals("--version"));
    return !help && args.length > 0
        && (args[0].equals("run") || args[0].equals("demo") || args[0].equals("rig"));
  }
}
