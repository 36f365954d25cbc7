package org.streetsense.gateway.systemd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd about the gateway's life: readiness ({@code READY=1}), watchdog keep-alives
 * ({@code WATCHDOG=1}), shutdown ({@code STOPPING=1}) and a status line ({@code STATUS=...}),
 * for units with {@code Type=notify}, {@code NotifyAccess=all} and {@code WatchdogSec=}.
 *
 * <p>Enabled only when {@code NOTIFY_SOCKET} is set; otherwise every method is a no-op whose
 * future completes with {@code false} at once. The watchdog is armed only when
 * {@code WATCHDOG_USEC} is set and {@code WATCHDOG_PID}, if present, is this process.
 *
 * <p>Threads: every notification runs {@code systemd-notify} on the notifier's own daemon
 * thread, never on the caller's (safe to call from a Vert.x event loop). Futures complete on that
 * thread: {@code true} when systemd accepted the message, exceptionally with
 * {@link SystemdNotifyException} when {@code systemd-notify} is missing, fails or times out.
 * Keep-alives are sent every half {@code WATCHDOG_USEC} and only after the
 * {@link LivenessProbe} answered within that half interval; a failed keep-alive is logged and
 * retried at the next tick. {@link #close()} stops the thread.
 */
public final class SystemdNotifier implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);

  private final NotifyProcess process;
  private final Duration watchdogTimeout;
  private final LivenessProbe probe;
  private final ScheduledExecutorService executor;
  private ScheduledFuture<?> watchdogTask;

  private SystemdNotifier(SystemdNotifierOptions options) {
    String socket = options.environment().get("NOTIFY_SOCKET");
    this.process = socket == null || socket.isBlank()
        ? null
        : new NotifyProcess(options.executable(), socket, options.commandTimeout());
    this.watchdogTimeout = process == null ? null : watchdogTimeout(options);
    this.probe = options.livenessProbe();
    this.executor = process == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "streetsense-sd-notify");
      t.setDaemon(true);
      return t;
    });
  }

  /** Creates a notifier for the environment in {@code options}; never throws for a bad env. */
  public static SystemdNotifier create(SystemdNotifierOptions options) {
    return new SystemdNotifier(Objects.requireNonNull(options, "options"));
  }

  /** True when running under systemd with a notification socket. */
  public boolean enabled() {
    return process != null;
  }

  /** The watchdog timeout systemd enforces ({@code WATCHDOG_USEC}), when it watches us. */
  public Optional<Duration> watchdogTimeout() {
    return Optional.ofNullable(watchdogTimeout);
  }

  /** The keep-alive period: half the watchdog timeout, when the watchdog is armed. */
  public Optional<Duration> keepAliveInterval() {
    return watchdogTimeout().map(t -> t.dividedBy(2));
  }

  /**
   * Starts the keep-alives now (call it early in start-up: systemd's watchdog runs from the
   * start of the service, not from readiness). Idempotent; a no-op without a watchdog.
   */
  public synchronized void startWatchdog() {
    if (watchdogTimeout == null || watchdogTask != null || executor.isShutdown()) {
      return;
    }
    long periodMicros = watchdogTimeout.toNanos() / 2_000;
    watchdogTask = executor.scheduleAtFixedRate(this::keepAlive, 0, periodMicros,
        TimeUnit.MICROSECONDS);
  }

  /** Sends {@code READY=1} (and {@code STATUS=status}), and starts the watchdog. */
  public CompletableFuture<Boolean> ready(String status) {
    startWatchdog();
    return send(withStatus(List.of("READY=1", "MAINPID=" + ProcessHandle.current().pid()),
        status));
  }

  /** Sends {@code STATUS=status}: shown by {@code systemctl status streetsense}. */
  public CompletableFuture<Boolean> status(String status) {
    return send(withStatus(List.of(), Objects.requireNonNull(status, "status")));
  }

  /** Sends {@code STOPPING=1} and stops the keep-alives. */
  public CompletableFuture<Boolean> stopping(String status) {
    synchronized (this) {
      if (watchdogTask != null) {
        watchdogTask.cancel(false);
      }
    }
    return send(withStatus(List.of("STOPPING=1"), status));
  }

  /** Stops the notifier's thread after already queued notifications; later calls are no-ops. */
  @Override
  public synchronized void close() {
    if (executor != null) {
      if (watchdogTask != null) {
        watchdogTask.cancel(false);
      }
      executor.shutdown();
    }
  }

  private CompletableFuture<Boolean> send(List<String> assignments) {
    if (process == null || executor.isShutdown()) {
      return CompletableFuture.completedFuture(false);
    }
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          process.send(assignments);
          result.complete(true);
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      result.complete(false);
    }
    return result;
  }

  private void keepAlive() {
    Duration budget = watchdogTimeout.dividedBy(2);
    try {
      probe.check().toCompletableFuture().get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      LOG.warn("liveness probe did not answer within {}; no watchdog keep-alive sent", budget, e);
      return;
    }
    try {
      process.send(List.of("WATCHDOG=1"));
    } catch (SystemdNotifyException e) {
      LOG.warn("watchdog keep-alive failed: {}", e.getMessage());
    }
  }

  private static List<String> withStatus(List<String> base, String status) {
    List<String> all = new ArrayList<>(base);
    if (status != null && !status.isBlank()) {
      all.add("STATUS=" + status.replace('\n', ' '));
    }
    return all;
  }

  private static Duration watchdogTimeout(SystemdNotifierOptions options) {
    String usec = options.environment().get("WATCHDOG_USEC");
    if (usec == null) {
      return null;
    }
    String pid = options.environment().get("WATCHDOG_PID");
    if (pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid()))) {
      return null;
    }
    try {
      long micros = Long.parseLong(usec.strip());
      if (micros <= 0) {
        LOG.warn("ignoring WATCHDOG_USEC={}: not a positive number of microseconds", usec);
        return null;
      }
      return Duration.ofNanos(Math.multiplyExact(micros, 1000L));
    } catch (NumberFormatException | ArithmeticException e) {
      LOG.warn("ignoring WATCHDOG_USEC={}: not a number of microseconds", usec);
      return null;
    }
  }
}
