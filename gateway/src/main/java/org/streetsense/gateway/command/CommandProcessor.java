package org.streetsense.gateway.command;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.TimeSource;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.SafetyPolicy;
import org.streetsense.gateway.safety.Verdict;

/**
 * Runs commands from every source against the actuators, under the {@link SafetyPolicy}.
 *
 * <p>For each command: a repeated id is answered with its first answer and not executed again;
 * an expired command is refused; then the policy decides. An accepted command runs on the
 * processor's own actuator thread (hardware calls block, so never on the event loop): ACCEPTED is
 * answered when it is queued, DONE when it finished (after the pulse or fade), FAILED if the
 * hardware failed, in which case the actuator is returned to its safe state. A newer command for
 * the same actuator supersedes a running pulse or fade. An actuator with a max on-time is
 * returned to its safe state when it stayed above it that long.
 *
 * <p>State listeners hear every level change, except inside a fade: the hardware moves every
 * {@link CommandProcessorOptions#fadeStep}, but the state is reported when the fade starts (with
 * its target and duration), at most every {@link CommandProcessorOptions#rampStateInterval}
 * while it runs, and when it ends (docs/mqtt-contract.md, "Actuator state").
 *
 * <p>{@link #submit} may be called from any thread; its future completes with the first answer
 * (ACCEPTED or REJECTED) on the calling thread or the actuator thread. Listeners run on the
 * actuator thread or the caller's and must not block.
 */
public final class CommandProcessor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

  private final Map<String, Actuator> actuators;
  private final SafetyPolicy policy;
  private final TimeSource time;
  private final CommandProcessorOptions options;
  private final RecentResults recent;
  private final CommandStats stats = new CommandStats();
  private final ScheduledThreadPoolExecutor thread;
  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final List<Consumer<CommandResult>> resultListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ActuatorState>> stateListeners = new CopyOnWriteArrayList<>();
  private final Semaphore slots;

  public CommandProcessor(List<Actuator> actuators, SafetyPolicy policy, TimeSource time,
      CommandProcessorOptions options) {
    Map<String, Actuator> byId = new ConcurrentHashMap<>();
    for (Actuator a : actuators) {
      byId.put(a.id(), a);
      generations.put(a.id(), new AtomicLong());
    }
    this.actuators = byId;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.time = Objects.requireNonNull(time, "time");
    this.options = Objects.requireNonNull(options, "options");
    this.recent = new RecentResults(options.rememberedIds());
    this.slots = new Semaphore(options.queueCapacity());
    this.thread = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "streetsense-actuators");
      t.setDaemon(true);
      return t;
    });
    this.thread.setRemoveOnCancelPolicy(true);
  }

  public CommandStats stats() {
    return stats;
  }

  public List<String> actuatorIds() {
    return List.copyOf(actuators.keySet());
  }

  /** Every answer to every command (ACCEPTED, REJECTED, DONE, FAILED). */
  public void onResult(Consumer<CommandResult> listener) {
    resultListeners.add(listener);
  }

  /** Every actuator level change. */
  public void onState(Consumer<ActuatorState> listener) {
    stateListeners.add(listener);
  }

  /** Submits a command; the future completes with ACCEPTED or REJECTED. Never fails. */
  public Future<CommandResult> submit(Command c) {
    long now = time.wallMillis();
    CommandResult accepted = CommandResult.of(c, CommandStatus.ACCEPTED, now);
    CommandResult previous = recent.putIfAbsent(c.id(), accepted);
    if (previous != null) {
      stats.duplicate();
      // The sender may have missed the first answer (that is why it repeats): answer it again.
      publish(previous);
      return Future.succeededFuture(previous);
    }
    CommandResult rejection = check(c, now);
    if (rejection != null) {
      recent.replace(c.id(), rejection);
      stats.rejected(rejection.reason());
      publish(rejection);
      return Future.succeededFuture(rejection);
    }
    if (!slots.tryAcquire()) {
      CommandResult overloaded = CommandResult.rejected(c, RejectReason.OVERLOADED,
          "more than " + options.queueCapacity() + " commands waiting for the actuators", now);
      recent.replace(c.id(), overloaded);
      stats.rejected(RejectReason.OVERLOADED);
      publish(overloaded);
      return Future.succeededFuture(overloaded);
    }
    stats.accepted();
    publish(accepted);
    Promise<CommandResult> promise = Promise.promise();
    promise.complete(accepted);
    try {
      thread.execute(() -> {
        slots.release();
        execute(c);
      });
    } catch (RejectedExecutionException e) {
      slots.release();
      LOG.warn("command {} dropped: processor closed", c.id());
    }
    return promise.future();
  }

  private CommandResult check(Command c, long now) {
    if (now > c.expiresAtMillis()) {
      return CommandResult.rejected(c, RejectReason.EXPIRED, "command expired "
          + (now - c.expiresAtMillis()) + " ms ago", now);
    }
    Actuator a = actuators.get(c.actuator());
    if (a == null) {
      return CommandResult.rejected(c, RejectReason.UNKNOWN_ACTUATOR, "no actuator '" + c.actuator()
          + "'; known: " + actuators.keySet().stream().sorted().toList(), now);
    }
    Verdict v = policy.check(c, a.kind(), a.safeLevel());
    return v.accepted() ? null : CommandResult.rejected(c, v.reason(), v.detail(), now);
  }

  private void execute(Command c) {
    Actuator a = actuators.get(c.actuator());
    long gen = generations.get(a.id()).incrementAndGet();
    cancelPending(a.id());
    try {
      switch (c.operation()) {
        case FADE -> startFade(a, c, gen);
        case PULSE -> {
          applyLevel(a, c.value(), c.id());
          schedule(a.id(), c.duration(), gen, () -> {
            try {
              applyLevel(a, a.safeLevel(), c.id());
              publish(CommandResult.of(c, CommandStatus.DONE, time.wallMillis()));
            } catch (HardwareIoException e) {
              fail(a, c, e);
            }
          });
        }
        default -> {
          applyLevel(a, c.targetLevel(a.safeLevel()), c.id());
          armMaxOnTime(a, gen);
          publish(CommandResult.of(c, CommandStatus.DONE, time.wallMillis()));
        }
      }
    } catch (HardwareIoException e) {
      fail(a, c, e);
    }
  }

  private void startFade(Actuator a, Command c, long gen) {
    double from = a.level();
    double to = c.value();
    long startNanos = time.monotonicNanos();
    long durationNanos = c.duration().toNanos();
    long stepMillis = Math.max(1, options.fadeStep().toMillis());
    long intervalNanos = options.rampStateInterval().toNanos();
    // runs on the one actuator thread only: the time of the last state published for this fade
    long[] lastState = {0};
    boolean[] started = {false};
    ScheduledFuture<?> f = thread.scheduleAtFixedRate(() -> {
      if (generations.get(a.id()).get() != gen) {
        return;
      }
      long now = time.monotonicNanos();
      double progress = durationNanos <= 0 ? 1.0 : Math.min(1.0, (now - startNanos) / (double) durationNanos);
      try {
        a.apply(from + (to - from) * progress);
        if (progress >= 1.0) {
          publishState(a, c.id());
        } else if (!started[0] || now - lastState[0] >= intervalNanos) {
          // the hardware moves every fade step; the state topic gets the ramp at its start and a
          // few samples per second, so a fleet's broker is not flooded by one fade
          started[0] = true;
          lastState[0] = now;
          long remainingMs = Math.max(0, (durationNanos - (now - startNanos)) / 1_000_000);
          publishState(new ActuatorState(a.id(), a.level(), a.level() == a.safeLevel(), c.id(),
              time.wallMillis(), to, remainingMs));
        }
        if (progress >= 1.0) {
          cancelPending(a.id());
          armMaxOnTime(a, gen);
          publish(CommandResult.of(c, CommandStatus.DONE, time.wallMillis()));
        }
      } catch (HardwareIoException e) {
        cancelPending(a.id());
        fail(a, c, e);
      }
    }, 0, stepMillis, TimeUnit.MILLISECONDS);
    pending.put(a.id(), f);
  }

  private void armMaxOnTime(Actuator a, long gen) {
    policy.limitsFor(a.id()).flatMap(ActuatorLimits::maxOnTime).ifPresent(max -> {
      if (a.level() != a.safeLevel()) {
        schedule(a.id(), max, gen, () -> returnToSafe(a, "max_on_time"));
      }
    });
  }

  private void schedule(String id, Duration delay, long gen, Runnable task) {
    ScheduledFuture<?> f = thread.schedule(() -> {
      if (generations.get(id).get() == gen) {
        task.run();
      }
    }, delay.toNanos(), TimeUnit.NANOSECONDS);
    pending.put(id, f);
  }

  private void cancelPending(String id) {
    ScheduledFuture<?> f = pending.remove(id);
    if (f != null) {
      f.cancel(false);
    }
  }

  private void applyLevel(Actuator a, double level, String cause) throws HardwareIoException {
    a.apply(level);
    publishState(a, cause);
  }

  private void fail(Actuator a, Command c, HardwareIoException e) {
    LOG.warn("actuator {}: command {} failed: {}", a.id(), c.id(), e.getMessage());
    stats.rejected(RejectReason.HARDWARE_ERROR);
    publish(new CommandResult(c.id(), c.correlationId(), c.actuator(), CommandStatus.FAILED,
        RejectReason.HARDWARE_ERROR, e.getMessage(), time.wallMillis()));
    returnToSafe(a, "hardware_lost");
  }

  private void returnToSafe(Actuator a, String cause) {
    a.toSafeState();
    publishState(a, cause);
  }

  /**
   * Publishes the current state of every actuator with the given cause (for example
   * {@code startup}, after the outputs were opened in their safe states), so retained state
   * topics are right after a restart. Runs on the actuator thread; does not block the caller.
   */
  public void announceAll(String cause) {
    for (Actuator a : actuators.values()) {
      try {
        thread.execute(() -> publishState(a, cause));
      } catch (RejectedExecutionException e) {
        LOG.debug("announce after close ignored");
      }
    }
  }

  /**
   * Returns every actuator to its safe state now (shutdown, lost hardware). Blocks until done,
   * at most {@code timeout}. Call it off the event loop.
   */
  public void allToSafeState(String cause, Duration timeout) {
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (Actuator a : actuators.values()) {
      generations.get(a.id()).incrementAndGet();
      cancelPending(a.id());
      try {
        done.add(thread.submit(() -> returnToSafe(a, cause)));
      } catch (RejectedExecutionException e) {
        returnToSafe(a, cause);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (java.util.concurrent.Future<?> f : done) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        LOG.warn("returning actuators to safe state: {}", e.toString());
      }
    }
  }

  private void publish(CommandResult r) {
    for (Consumer<CommandResult> l : resultListeners) {
      try {
        l.accept(r);
      } catch (RuntimeException e) {
        LOG.warn("command result listener failed", e);
      }
    }
  }

  private void publishState(Actuator a, String cause) {
    publishState(new ActuatorState(a.id(), a.level(), a.level() == a.safeLevel(), cause, time.wallMillis()));
  }

  private void publishState(ActuatorState s) {
    for (Consumer<ActuatorState> l : stateListeners) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        LOG.warn("actuator state listener failed", e);
      }
    }
  }

  /** Returns every actuator to safe state and stops the actuator thread. */
  @Override
  public void close() {
    allToSafeState("shutdown", Duration.ofSeconds(5));
    thread.shutdownNow();
  }
}
