package org.streetsense.gateway.cli;

/**
 * Process exit codes of the {@code streetsense} command, documented in docs/cli.md. systemd's
 * restart policy relies on them: configuration errors (3) are not worth restarting for.
 */
public final class ExitCodes {

  /** Success; for {@code run} and {@code demo}, a clean shutdown. */
  public static final int OK = 0;
  /** The gateway failed at run time (a port in use, the spool directory not writable, ...). */
  public static final int FAILURE = 1;
  /** Wrong command-line usage. */
  public static final int USAGE = 2;
  /** The installation file is invalid; every error was printed. */
  public static final int CONFIG_INVALID = 3;
  /** {@code probe}: the hardware found does not match the installation file. */
  public static final int PROBE_MISMATCH = 4;

  private ExitCodes() {}
}
