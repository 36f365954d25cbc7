package org.streetsense.gateway.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link SystemdNotifier} finds the service manager and talks to it.
 *
 * @param environment the process environment to read {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC}
 *     and {@code WATCHDOG_PID} from (normally {@link System#getenv()})
 * @param executable the {@code systemd-notify} program, a bare name resolved on {@code PATH} or
 *     an absolute path
 * @param commandTimeout how long one {@code systemd-notify} run may take before it is killed and
 *     the notification counted as failed
 * @param livenessProbe asked before every watchdog keep-alive; no keep-alive is sent unless it
 *     completes normally within half the watchdog interval
 */
public record SystemdNotifierOptions(
    Map<String, String> environment,
    String executable,
    Duration commandTimeout,
    LivenessProbe livenessProbe) {

  public static final String DEFAULT_EXECUTABLE = "systemd-notify";
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

  public SystemdNotifierOptions {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(executable, "executable");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    Objects.requireNonNull(livenessProbe, "livenessProbe");
    if (executable.isBlank()) {
      throw new IllegalArgumentException("executable must not be blank");
    }
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("commandTimeout must be positive, was " + commandTimeout);
    }
    environment = Map.copyOf(environment);
  }

  /** Options for the real process: its environment, {@code systemd-notify} on PATH, 5 s. */
  public static SystemdNotifierOptions fromProcessEnvironment(LivenessProbe probe) {
    return builder().livenessProbe(probe).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SystemdNotifierOptions}; unset values take the defaults. */
  public static final class Builder {
    private Map<String, String> environment = System.getenv();
    private String executable = DEFAULT_EXECUTABLE;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private LivenessProbe livenessProbe = LivenessProbe.ALWAYS_ALIVE;

    private Builder() {}

    public Builder environment(Map<String, String> environment) {
      this.environment = environment;
      return this;
    }

    public Builder executable(String executable) {
      this.executable = executable;
      return this;
    }

    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = commandTimeout;
      return this;
    }

    public Builder livenessProbe(LivenessProbe livenessProbe) {
      this.livenessProbe = livenessProbe;
      return this;
    }

    public SystemdNotifierOptions build() {
      return new SystemdNotifierOptions(environment, executable, commandTimeout, livenessProbe);
    }
  }
}
