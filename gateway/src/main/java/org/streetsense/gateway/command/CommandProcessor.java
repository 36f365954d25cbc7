package org.streetsense.gateway.command;

import io.vertx.core.Future;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.actuator.ColourActuator;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.safety.QuietRule;
import org.streetsense.gateway.safety.SafetyPolicy;
import org.streetsense.gateway.safety.Verdict;

/**
 * Runs commands from every source against the actuators, under the {@link SafetyPolicy}.
 *
 * <p>For each command: a remote sender (MQTT, HTTP) may not use the id spaces of the gateway's own
 * sources ({@link #RESERVED_ID_PREFIXES}); a repeated id of the same source for the same actuator
 * is answered with the latest answer of that id (DONE or FAILED once the command finished) and not
 * executed again (ids of different sources or actuators
 * never collide; the memory is bounded by {@link CommandProcessorOptions#rememberedIds()}); an
 * expired command is refused, and one whose expiry is on the sender's clock is refused while the
 * gateway's own clock is not trusted; then the policy decides. An accepted command runs on the
 * processor's own actuator thread (hardware calls block, so never on the event loop): ACCEPTED is
 * answered when it is queued, DONE when it finished (after the pulse or fade), FAILED if the
 * hardware failed, in which case the actuator is returned to its safe state. A newer command for
 * the same actuator supersedes a running pulse or fade, which is then answered FAILED with reason
 * {@code superseded}.
 *
 * <p>On-time: every level written is recorded in the policy's on-time ledger. When an output
 * leaves its safe level a watchdog is set for the on-time it has left; no command re-arms it.
 * When it fires the output is returned to safe (state cause {@code max_on_time}), a running
 * pulse or fade is answered FAILED with reason {@code max_on_time}, and the cool-down starts.
 *
 * <p>Quiet hours: a command the policy caps ({@link Verdict#capped}) runs at the cap (ON becomes
 * a set to the cap; a pulse or fade keeps its duration), and its ACCEPTED and DONE answers carry
 * {@link CommandResult#cappedTo} and a detail saying so. Every {@link #QUIET_CHECK_INTERVAL} the
 * actuator thread also holds the outputs to the rules while quiet hours are in force: an output of
 * a capped actuator above its cap is lowered to the cap, one of a blocked actuator away from its
 * safe level goes safe (state cause {@code quiet_hours}); a pulse or fade it interrupts is answered
 * FAILED with reason {@code quiet_hours}. A fade already heading to a level the rules allow (down
 * to the cap or to safe) is left to finish.
 *
 * <p>State listeners hear every level change, except inside a fade: the hardware moves every
 * {@link CommandProcessorOptions#fadeStep}, but the state is reported when the fade starts (with
 * its target and duration), at most every {@link CommandProcessorOptions#rampStateInterval}
 * while it runs, and when it ends (docs/mqtt-contract.md, "Actuator state").
 *
 * <p>{@link #submit} may be called from any thread; its future completes with the first answer
 * (ACCEPTED or REJECTED; for a repeated id the latest answer of that id) on the calling thread
 * or the actuator thread. A reflex's ACCEPTED answer is handed to the result listeners right
 * after its first write (still before its state and DONE), so the reflex path from an edge to the
 * write encodes and publishes nothing (decision 0336); other sources' ACCEPTED answers are handed
 * over on the calling thread before the command is queued. Listeners run on the actuator thread
 * or the caller's and must not block.
 *
 * <p>A reflex to an output that {@linkplain Actuator#writesInPlace writes in place} (a GPIO pin)
 * submitted from a thread that is not Vert.x's (a backend's edge thread) runs on that thread when
 * the actuator thread is idle, holding the actuator thread's turn, so no parked thread is woken
 * between the edge and the write (decision 0377); otherwise it is queued like any command.
 * Actuator work is serial either way ({@link ActuatorThread}): "on the actuator thread" below
 * means "holding its turn".
 */
public final class CommandProcessor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

  private final Map<String, Actuator> actuators;
  private final SafetyPolicy policy;
  private final TimeSource time;
  private final CommandProcessorOptions options;
  private final RecentResults recent;
  /** Accepted commands handed to the actuator thread and not yet started. */
  private final java.util.Set<QueuedCommand> queued = ConcurrentHashMap.newKeySet();
  private final CommandStats stats = new CommandStats();
  private final ActuatorThread thread;
  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final List<Consumer<CommandResult>> resultListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ActuatorState>> stateListeners = new CopyOnWriteArrayList<>();
  private final Map<String, ScheduledFuture<?>> watchdogs = new ConcurrentHashMap<>();
  private final Map<String, Command> running = new ConcurrentHashMap<>();
  private final Map<String, ActuatorState> lastStates = new ConcurrentHashMap<>();
  private final Semaphore slots;
  private final java.util.function.BooleanSupplier clockTrusted;

  /** How often the outputs are held to the quiet-hours rules (wall clock of the TimeSource). */
  public static final Duration QUIET_CHECK_INTERVAL = Duration.ofSeconds(1);

  /** Id prefixes of the gateway's own sources; remote senders may not use them. */
  public static final List<String> RESERVED_ID_PREFIXES = List.of("osc:", "reflex:");

  /** Per space of {@link #internalId}: the last number given; one entry per OSC input and reflex rule. */
  private final Map<String, AtomicLong> internalIds = new ConcurrentHashMap<>();
  /**
   * Held while a command is admitted (answered {@code accepted} and queued) and while the
   * processor closes, so that a command is either queued before the close (and so runs and gets
   * its final answer) or refused with {@link #closedReason}, never accepted and then dropped.
   */
  private final Object admission = new Object();
  /** Why commands are refused from now on ({@code shutdown} or {@code reconfigured}); null while open. */
  private volatile RejectReason closedReason;

  /** A processor that trusts the wall clock (tests, rigs without a clock to watch). */
  public CommandProcessor(List<Actuator> actuators, SafetyPolicy policy, TimeSource time,
      CommandProcessorOptions options) {
    this(actuators, policy, time, options, () -> true);
  }

  /**
   * @param clockTrusted whether the wall clock is trusted now ({@code ClockTrust::isTrusted});
   *     while it is not, commands whose expiry is on the sender's clock are refused as
   *     {@link RejectReason#CLOCK_UNTRUSTED}. Called on submitting threads; must not block.
   */
  public CommandProcessor(List<Actuator> actuators, SafetyPolicy policy, TimeSource time,
      CommandProcessorOptions options, java.util.function.BooleanSupplier clockTrusted) {
    this.clockTrusted = Objects.requireNonNull(clockTrusted, "clockTrusted");
    Map<String, Actuator> byId = new ConcurrentHashMap<>();
    for (Actuator a : actuators) {
      byId.put(a.id(), a);
      generations.put(a.id(), new AtomicLong());
      if (a instanceof ColourActuator) {
        generations.put(colourLane(a.id()), new AtomicLong());
      }
    }
    this.actuators = byId;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.time = Objects.requireNonNull(time, "time");
    this.options = Objects.requireNonNull(options, "options");
    this.recent = new RecentResults(options.rememberedIds());
    this.slots = new Semaphore(options.queueCapacity());
    this.thread = new ActuatorThread("streetsense-actuators");
    long every = QUIET_CHECK_INTERVAL.toMillis();
    this.thread.scheduleWithFixedDelay(this::holdQuietHours, every, every, TimeUnit.MILLISECONDS);
    // an output handed over away from its safe level (kept across an apply of a new installation
    // file, decision 0364) is counted from its ledger and cut off when its on-time is used up,
    // never given a fresh max on-time
    this.thread.execute(() -> {
      for (Actuator a : byId.values()) {
        boolean away = a.level() != a.safeLevel();
        policy.recordLevel(a.id(), away);
        if (away) {
          armWatchdog(a);
        }
      }
    });
  }

  public CommandStats stats() {
    return stats;
  }

  public List<String> actuatorIds() {
    return List.copyOf(actuators.keySet());
  }

  /**
   * How many colour channels actuator {@code id} has (a DMX fixture's red, green, blue, white,
   * amber); 0 for an actuator without colour or an unknown id. Any thread.
   */
  public int colourChannels(String id) {
    return actuators.get(id) instanceof ColourActuator ca ? ca.colourChannels() : 0;
  }

  /** Whether actuator {@code id} is only off or on (a fractional level is refused). Any thread. */
  public boolean onOff(String id) {
    Actuator a = actuators.get(id);
    return a != null && a.onOff();
  }

  /** Whether {@code id} is one of this processor's actuators. Any thread. */
  public boolean hasActuator(String id) {
    return actuators.containsKey(id);
  }

  /**
   * What the safety policy allows {@code actuator} (operations, range, rate); empty for an
   * actuator it does not list, which can only be returned to its safe state.
   */
  public java.util.Optional<org.streetsense.gateway.safety.ActuatorLimits> limitsFor(
      String actuator) {
    return policy.limitsFor(actuator);
  }

  /** Every answer to every command (ACCEPTED, REJECTED, DONE, FAILED). */
  public void onResult(Consumer<CommandResult> listener) {
    resultListeners.add(listener);
  }

  /** Every actuator level change. */
  public void onState(Consumer<ActuatorState> listener) {
    stateListeners.add(listener);
  }

  /**
   * The latest answer per remembered command id, oldest first, for the processor that takes over
   * after an apply ({@link #remember}). Any thread; call it after {@link #closeKeeping} so the
   * final answers of cut commands are in it.
   */
  public List<Map.Entry<String, CommandResult>> rememberedAnswers() {
    return recent.snapshot();
  }

  /**
   * The level of each actuator's last published state, by id (actuators never published are
   * left out), for the processor that takes over after an apply: an output it reopens at that
   * level needs no second state. Any thread; call it after {@link #closeKeeping}.
   */
  public Map<String, Double> publishedLevels() {
    Map<String, Double> levels = new java.util.HashMap<>();
    lastStates.forEach((id, s) -> levels.put(id, s.level()));
    return Map.copyOf(levels);
  }

  /**
   * Remembers the answers of the processor this one replaces (an apply of a new installation
   * file), so a repeated command id is answered again and never run a second time across an
   * apply, as within one processor. Call before the first {@link #submit}.
   */
  public void remember(List<Map.Entry<String, CommandResult>> answers) {
    for (Map.Entry<String, CommandResult> e : answers) {
      recent.replace(e.getKey(), e.getValue());
    }
  }

  /** Submits a command; the future completes with ACCEPTED or REJECTED. Never fails. */
  public Future<CommandResult> submit(Command c) {
    long now = time.wallMillis();
    if (c.source().remote()) {
      for (String reserved : RESERVED_ID_PREFIXES) {
        if (c.id().startsWith(reserved)) {
          CommandResult refused = CommandResult.rejected(c, RejectReason.RESERVED_ID, "ids starting with '"
              + reserved + "' are kept for the gateway's own " + reserved.substring(0, reserved.length() - 1)
              + " commands; choose another id", now);
          stats.rejected(RejectReason.RESERVED_ID);
          publish(refused);
          return Future.succeededFuture(refused);
        }
      }
    }
    CommandResult accepted = CommandResult.of(c, CommandStatus.ACCEPTED, now);
    String key = key(c);
    CommandResult previous = recent.putIfAbsent(key, accepted);
    if (previous != null) {
      stats.duplicate();
      // The sender may have missed the answers (that is why it repeats): answer it again with the
      // latest known one (done or failed once the command finished).
      publish(previous);
      return Future.succeededFuture(previous);
    }
    Verdict verdict = check(c, now);
    if (!verdict.accepted()) {
      CommandResult rejection = CommandResult.rejected(c, verdict.reason(), verdict.detail(), now);
      recent.replace(key, rejection);
      stats.rejected(rejection.reason());
      publish(rejection);
      return Future.succeededFuture(rejection);
    }
    if (closedReason != null) {
      return Future.succeededFuture(refuseClosed(c, key, now));
    }
    if (!slots.tryAcquire()) {
      CommandResult overloaded = CommandResult.rejected(c, RejectReason.OVERLOADED,
          "more than " + options.queueCapacity() + " commands waiting for the actuators", now);
      recent.replace(key, overloaded);
      stats.rejected(RejectReason.OVERLOADED);
      publish(overloaded);
      return Future.succeededFuture(overloaded);
    }
    stats.accepted();
    Command run = c;
    if (verdict.capped()) {
      accepted = CommandResult.capped(c, CommandStatus.ACCEPTED, verdict.cappedTo(), verdict.detail(), now);
      recent.replace(key, accepted);
      run = atLevel(c, verdict.cappedTo());
    }
    // A reflex's answer waits until its output is written: published here it would encode JSON and
    // take the uplink's publish queue, shared with telemetry, before the person gets the lamp.
    CommandResult answerAfterWrite = c.source() == CommandSource.REFLEX ? accepted : null;
    // published before the admission lock: the answer goes through the uplink, whose queue is
    // shared with telemetry, and a reflex admitted meanwhile must not wait behind it
    if (answerAfterWrite == null) {
      publish(accepted);
    }
    QueuedCommand task = new QueuedCommand(run, verdict, answerAfterWrite);
    // a reflex to a pin written in place is written here, on the thread that saw the edge, when
    // the actuator thread is idle: no wake-up of a parked thread between the edge and the lamp
    // (decision 0377); never on a Vert.x thread
    boolean here = answerAfterWrite != null && actuators.get(c.actuator()).writesInPlace()
        && !io.vertx.core.Context.isOnVertxThread();
    boolean admitted = admit(task, !here);
    if (admitted && here && !thread.runHereIfIdle(task, () -> closedReason == null)) {
      // the actuator thread is busy, or has work waiting that was handed over first
      admitted = handOver(task);
    }
    if (!admitted) {
      // the processor closed after the check above
      slots.release();
      if (answerAfterWrite != null) {
        return Future.succeededFuture(refuseClosed(c, key, now));
      }
      notRun(run); // it was answered accepted: its final answer follows
    }
    return Future.succeededFuture(accepted);
  }

  /**
   * While the processor is open: adds {@code task} to {@link #queued} and, when
   * {@code handOver}, hands it to the actuator thread. Returns false once closed (the task is not
   * queued then), or when the hand-over failed and the task was taken back.
   */
  private boolean admit(QueuedCommand task, boolean handOver) {
    synchronized (admission) {
      if (closedReason != null) {
        return false;
      }
      queued.add(task);
      return !handOver || handOver(task);
    }
  }

  /**
   * Hands {@code task}, already in {@link #queued}, to the actuator thread while the processor is
   * open. Otherwise takes it back from {@link #queued} and returns false; true if it was already
   * taken (answered by {@link #answerQueued()}).
   */
  private boolean handOver(QueuedCommand task) {
    synchronized (admission) {
      if (closedReason == null) {
        try {
          thread.execute(task);
          return true;
        } catch (RejectedExecutionException e) {
          // not expected (the executor is shut down only after closedReason is set)
        }
      }
      return !queued.remove(task);
    }
  }

  /**
   * The answer to a command submitted after {@link #close()} or {@link #closeKeeping} began:
   * {@code rejected} with {@code shutdown} or {@code reconfigured} (the next gateway takes
   * commands once it runs; the sender may send it again).
   */
  private CommandResult refuseClosed(Command c, String key, long now) {
    RejectReason why = closedReason;
    CommandResult refused = CommandResult.rejected(c, why, why == RejectReason.RECONFIGURED
        ? "a new installation file is being applied; send the command again in a moment"
        : "the gateway is stopping", now);
    recent.forget(key); // not an answer to repeat: the same id may be sent again
    stats.rejected(why);
    publish(refused);
    return refused;
  }

  /**
   * From now on every submitted command is refused with {@code why}; those admitted before are
   * queued, and run or are answered by {@link #answerQueued()}.
   */
  private void closeAdmission(RejectReason why) {
    synchronized (admission) {
      if (closedReason == null) {
        closedReason = why;
      }
    }
  }

  /** An accepted command waiting for the actuator thread; runs at most once, or is answered. */
  private final class QueuedCommand implements Runnable {
    final Command command;
    final Verdict verdict;
    final CommandResult answerAfterWrite;

    QueuedCommand(Command command, Verdict verdict, CommandResult answerAfterWrite) {
      this.command = command;
      this.verdict = verdict;
      this.answerAfterWrite = answerAfterWrite;
    }

    @Override
    public void run() {
      if (queued.remove(this)) {
        slots.release();
        execute(command, verdict, answerAfterWrite);
      }
    }
  }

  /**
   * Answers every accepted command the actuator thread will no longer run (the processor closed:
   * the gateway stops, or an apply replaced it), so no accepted command is left without a final
   * answer.
   */
  private void answerQueued() {
    for (QueuedCommand task : List.copyOf(queued)) {
      if (queued.remove(task)) {
        slots.release();
        notRun(task.command);
      }
    }
  }

  private void notRun(Command c) {
    LOG.warn("command {} not run: processor closed", c.id());
    RejectReason why = closedReason == null ? RejectReason.SHUTDOWN : closedReason;
    stats.rejected(why);
    finish(c, new CommandResult(c.id(), c.correlationId(), c.actuator(), CommandStatus.FAILED,
        why, "the gateway stopped or applied a new installation file before '"
            + c.actuator() + "' ran the command; send it again with a new id", time.wallMillis()));
  }

  private Verdict check(Command c, long now) {
    if (now > c.expiresAtMillis()) {
      return Verdict.reject(RejectReason.EXPIRED, "command expired "
          + (now - c.expiresAtMillis()) + " ms ago");
    }
    if (c.source().remote() && c.expiresAtMillis() != Long.MAX_VALUE && !clockTrusted.getAsBoolean()) {
      return Verdict.reject(RejectReason.CLOCK_UNTRUSTED, "the command expires on the sender's "
          + "clock, and the gateway's clock is not synchronised yet, so its expiry cannot be judged");
    }
    Actuator a = actuators.get(c.actuator());
    if (a == null) {
      return Verdict.reject(RejectReason.UNKNOWN_ACTUATOR, "no actuator '" + c.actuator()
          + "'; known: " + actuators.keySet().stream().sorted().toList());
    }
    java.util.Optional<String> fault = a.fault();
    if (fault.isPresent()) {
      return Verdict.reject(RejectReason.HARDWARE_ERROR, "'" + a.id() + "' cannot be driven: "
          + fault.get());
    }
    if (c.operation() == Operation.COLOR) {
      if (!(a instanceof ColourActuator ca)) {
        return Verdict.reject(RejectReason.NOT_ALLOWED, "'" + c.actuator() + "' has no colour "
            + "channels; 'color' is for DMX fixtures with red, green, blue, white or amber");
      }
      if (c.colour().size() != ca.colourChannels()) {
        return Verdict.reject(RejectReason.MALFORMED, "'" + c.actuator() + "' has "
            + ca.colourChannels() + " colour channels; the color has " + c.colour().size() + " values");
      }
    }
    if (a.position() && (c.operation() == Operation.ON || c.operation() == Operation.OFF)) {
      return Verdict.reject(RejectReason.NOT_ALLOWED, "'" + c.actuator() + "' is a position 0..1: "
          + "operation '" + c.operation().wireName() + "' is not one of a position (set, fade, "
          + "pulse, safe)");
    }
    if (a.kind() == org.streetsense.gateway.actuator.ActuatorKind.MOTION && !a.onOff()
        && (c.operation() == Operation.ON || c.operation() == Operation.OFF)) {
      return Verdict.reject(RejectReason.NOT_ALLOWED, "'" + c.actuator() + "' is a servo, whose "
          + "level is an angle: operation '" + c.operation().wireName() + "' is not one of a servo "
          + "(set, fade, pulse, safe)");
    }
    return policy.check(c, a.kind(), a.safeLevel(), a.onOff());
  }

  /** The command run at {@code level} (a quiet-hours cap): ON becomes SET, durations are kept. */
  private static Command atLevel(Command c, double level) {
    Operation op = c.operation() == Operation.ON ? Operation.SET : c.operation();
    return new Command(c.id(), c.correlationId(), c.actuator(), op, level, c.duration(),
        c.expiresAtMillis(), c.source());
  }

  /** The DONE answer: with the cap and its detail when the command ran capped. */
  private CommandResult done(Command c, Verdict v) {
    return v.capped()
        ? CommandResult.capped(c, CommandStatus.DONE, v.cappedTo(), v.detail(), time.wallMillis())
        : CommandResult.of(c, CommandStatus.DONE, time.wallMillis());
  }

  /**
   * Runs on the actuator thread: while quiet hours are in force, lowers outputs of capped
   * actuators above their cap to the cap and returns outputs of blocked actuators to safe.
   */
  void holdQuietHours() {
    try {
      if (!policy.quietNow()) {
        return;
      }
      for (Actuator a : actuators.values()) {
        double level = a.level();
        if (level == a.safeLevel()) {
          continue;
        }
        QuietRule rule = policy.quietRule(a.id(), a.kind());
        Command moving = running.get(a.id());
        // a pulse or fade already on its way to a level the rules allow (a fade down) may finish
        boolean allowedTarget = moving != null && (rule.mode() == QuietRule.Mode.CAP
            ? moving.targetLevel(a.safeLevel()) <= rule.cap() && moving.operation() == Operation.FADE
            : moving.targetLevel(a.safeLevel()) == a.safeLevel() && moving.operation() == Operation.FADE);
        boolean over = !allowedTarget && switch (rule.mode()) {
          case BLOCK -> true;
          case CAP -> level > rule.cap();
          case UNAFFECTED -> false;
        };
        if (!over) {
          continue;
        }
        generations.get(a.id()).incrementAndGet();
        cancelPending(a.id());
        Command cut = running.remove(a.id());
        // a pulse ends at the safe level anyway: cut short, it goes there now (held at the cap,
        // nothing would ever end it); a fade up or a steady level is held at the cap
        boolean toCap = rule.mode() == QuietRule.Mode.CAP && rule.cap() != a.safeLevel()
            && (cut == null || cut.operation() != Operation.PULSE);
        try {
          if (toCap) {
            writeLevel(a, rule.cap());
            if (a.level() == level) {
              // an on/off output whose cap still means "on": nothing changed, nothing to announce
              continue;
            }
            publishState(a, "quiet_hours");
          } else {
            returnToSafe(a, "quiet_hours");
          }
        } catch (HardwareIoException e) {
          LOG.warn("actuator {}: holding it to quiet hours failed: {}", a.id(), e.getMessage());
          returnToSafe(a, "hardware_lost");
        }
        if (cut != null) {
          stats.rejected(RejectReason.QUIET_HOURS);
          finish(cut, new CommandResult(cut.id(), cut.correlationId(), cut.actuator(), CommandStatus.FAILED,
              RejectReason.QUIET_HOURS, "quiet hours began: '" + a.id() + "' was "
              + (toCap ? "lowered to its cap " + rule.cap() : "returned to safe"),
              time.wallMillis()));
        }
        LOG.info("actuator {}: quiet hours, {} from {}", a.id(),
            toCap ? "capped at " + rule.cap() : "returned to safe", level);
      }
    } catch (RuntimeException e) {
      LOG.warn("holding the outputs to quiet hours failed", e);
    }
  }

  /**
   * Runs an accepted command on the actuator thread.
   *
   * @param accepted its ACCEPTED answer when it is still to be published (a reflex's: right after
   *     the first write, before the state; otherwise before anything else is answered), or null
   */
  private void execute(Command c, Verdict v, CommandResult accepted) {
    Actuator a = actuators.get(c.actuator());
    if (c.targetLevel(a.safeLevel()) != a.safeLevel() && !policy.coolingDown(a.id()).isZero()) {
      publishIfAny(accepted);
      // Accepted just before the output was cut off: the cool-down holds (same thread as the cut).
      stats.rejected(RejectReason.COOL_DOWN);
      finish(c, new CommandResult(c.id(), c.correlationId(), c.actuator(), CommandStatus.FAILED,
          RejectReason.COOL_DOWN, "'" + a.id() + "' reached its max on-time before this command ran; "
          + "it rests at its safe level for its cool-down", time.wallMillis()));
      return;
    }
    // a fixture's colour is a lane of its own: a colour fade and a level fade run side by side,
    // each superseding only its own kind; the safe state ends both
    String lane = c.operation() == Operation.COLOR ? colourLane(a.id()) : a.id();
    long gen = generations.get(lane).incrementAndGet();
    cancelPending(lane);
    Command superseded = running.remove(lane);
    if (c.operation() == Operation.SAFE) {
      cutColourFade(a, RejectReason.SUPERSEDED, "superseded by '" + c.id() + "'");
    }
    if (superseded != null) {
      // a pulse or fade still running ends here: its sender gets its final answer
      stats.rejected(RejectReason.SUPERSEDED);
      finish(superseded, new CommandResult(superseded.id(), superseded.correlationId(), superseded.actuator(),
          CommandStatus.FAILED, RejectReason.SUPERSEDED, "superseded by '" + c.id() + "'",
          time.wallMillis()));
    }
    try {
      switch (c.operation()) {
        case COLOR -> {
          running.put(lane, c);
          startColourFade((ColourActuator) a, c, gen, v);
        }
        case FADE -> {
          publishIfAny(accepted);
          running.put(a.id(), c);
          startFade(a, c, gen, v);
        }
        case PULSE -> {
          running.put(a.id(), c);
          applyLevel(a, c.value(), c.id(), accepted);
          schedule(a.id(), c.duration(), gen, () -> {
            try {
              running.remove(a.id(), c);
              applyLevel(a, a.safeLevel(), c.id());
              finish(c, done(c, v));
            } catch (HardwareIoException e) {
              fail(a, c, e);
            }
          });
        }
        default -> {
          running.remove(a.id());
          applyLevel(a, c.targetLevel(a.safeLevel()), c.id(), accepted);
          finish(c, done(c, v));
        }
      }
    } catch (HardwareIoException e) {
      fail(a, c, e);
    }
  }

  private void publishIfAny(CommandResult r) {
    if (r != null) {
      publish(r);
    }
  }

  private void startFade(Actuator a, Command c, long gen, Verdict v) {
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
        writeLevel(a, from + (to - from) * progress);
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
          running.remove(a.id(), c);
          finish(c, done(c, v));
        }
      } catch (HardwareIoException e) {
        cancelPending(a.id());
        fail(a, c, e);
      }
    }, 0, stepMillis, TimeUnit.MILLISECONDS);
    pending.put(a.id(), f);
  }

  /**
   * Moves the colour linearly to the command's colour over its duration (at once for none), a
   * step every fade step like a level fade; the level is untouched. The state is published when
   * the colour arrived (with the level, which the state topic carries).
   */
  private void startColourFade(ColourActuator a, Command c, long gen, Verdict v) {
    String lane = colourLane(a.id());
    double[] from = a.colour();
    double[] to = c.colour().stream().mapToDouble(Integer::doubleValue).toArray();
    long startNanos = time.monotonicNanos();
    long durationNanos = c.duration().toNanos();
    long stepMillis = Math.max(1, options.fadeStep().toMillis());
    ScheduledFuture<?> f = thread.scheduleAtFixedRate(() -> {
      if (generations.get(lane).get() != gen) {
        return;
      }
      double progress = durationNanos <= 0 ? 1.0
          : Math.min(1.0, (time.monotonicNanos() - startNanos) / (double) durationNanos);
      double[] now = new double[to.length];
      for (int i = 0; i < now.length; i++) {
        now[i] = from[i] + (to[i] - from[i]) * progress;
      }
      try {
        a.applyColour(now);
      } catch (RuntimeException e) {
        cancelPending(lane);
        fail(a, c, new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE, String.valueOf(e.getMessage())));
        return;
      }
      if (progress >= 1.0) {
        cancelPending(lane);
        running.remove(lane, c);
        publishState(a, c.id());
        finish(c, done(c, v));
      }
    }, 0, stepMillis, TimeUnit.MILLISECONDS);
    pending.put(lane, f);
  }

  /** The key of a colour actuator's colour fades in generations, pending and running. */
  private static String colourLane(String actuatorId) {
    return actuatorId + "#color";
  }

  /**
   * Ends a running colour fade of {@code a} (the safe state brings back the file's colour), and
   * answers its sender {@code reason}. Nothing for actuators without colour.
   */
  private void cutColourFade(Actuator a, RejectReason reason, String detail) {
    if (!(a instanceof ColourActuator)) {
      return;
    }
    String lane = colourLane(a.id());
    generations.get(lane).incrementAndGet();
    cancelPending(lane);
    Command cut = running.remove(lane);
    if (cut != null) {
      stats.rejected(reason);
      publish(new CommandResult(cut.id(), cut.correlationId(), cut.actuator(), CommandStatus.FAILED,
          reason, detail, time.wallMillis()));
    }
  }

  /** Sets the on-time watchdog of an output that is away from its safe level, unless one is set. */
  private void armWatchdog(Actuator a) {
    if (watchdogs.containsKey(a.id())) {
      return;
    }
    policy.onTimeLeft(a.id()).ifPresent(left -> {
      try {
        watchdogs.put(a.id(), thread.schedule(() -> watchdog(a),
            Math.max(1_000_000L, left.toNanos()), TimeUnit.NANOSECONDS));
      } catch (RejectedExecutionException e) {
        LOG.debug("watchdog after close ignored");
      }
    });
  }

  /** Runs on the actuator thread: cuts the output off if its on-time is used up. */
  private void watchdog(Actuator a) {
    watchdogs.remove(a.id());
    if (a.level() == a.safeLevel()) {
      return;
    }
    if (!policy.onTimeLeft(a.id()).orElse(Duration.ZERO).isZero()) {
      armWatchdog(a);
      return;
    }
    generations.get(a.id()).incrementAndGet();
    cancelPending(a.id());
    Command cut = running.remove(a.id());
    cutColourFade(a, RejectReason.MAX_ON_TIME, "cut off: '" + a.id() + "' reached its max on-time");
    policy.cutOff(a.id());
    returnToSafe(a, "max_on_time");
    if (cut != null) {
      finish(cut, new CommandResult(cut.id(), cut.correlationId(), cut.actuator(), CommandStatus.FAILED,
          RejectReason.MAX_ON_TIME, "cut off: '" + a.id() + "' reached its max on-time", time.wallMillis()));
    }
    LOG.info("actuator {}: max on-time reached, returned to its safe state for its cool-down", a.id());
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
    applyLevel(a, level, cause, null);
  }

  /** Writes, then publishes {@code accepted} (if any, also when the write failed), then the state. */
  private void applyLevel(Actuator a, double level, String cause, CommandResult accepted)
      throws HardwareIoException {
    try {
      writeLevel(a, level);
    } finally {
      publishIfAny(accepted);
    }
    publishState(a, cause);
  }

  /** Writes {@code level} and records it in the on-time ledger; publishes nothing. */
  private void writeLevel(Actuator a, double level) throws HardwareIoException {
    try {
      a.apply(level);
    } finally {
      boolean away = a.level() != a.safeLevel();
      policy.recordLevel(a.id(), away);
      if (away) {
        armWatchdog(a);
      }
    }
  }

  private void fail(Actuator a, Command c, HardwareIoException e) {
    LOG.warn("actuator {}: command {} failed: {}", a.id(), c.id(), e.getMessage());
    running.remove(a.id());
    stats.rejected(RejectReason.HARDWARE_ERROR);
    finish(c, new CommandResult(c.id(), c.correlationId(), c.actuator(), CommandStatus.FAILED,
        RejectReason.HARDWARE_ERROR, e.getMessage(), time.wallMillis()));
    returnToSafe(a, "hardware_lost");
  }

  private void returnToSafe(Actuator a, String cause) {
    if (cause.equals("shutdown")) {
      // what the output is left at once the process is gone (a DMX blackout on stop is dark)
      a.toStopState();
      policy.recordLevel(a.id(), a.level() != a.stopLevel());
      publishState(stateNow(a, cause, coolDownUntil(a), a.stopLevel()));
      return;
    }
    driveSafe(a);
    publishState(a, cause);
  }

  /** Drives the safe level and records it in the on-time ledger; publishes nothing. */
  private void driveSafe(Actuator a) {
    a.toSafeState();
    policy.recordLevel(a.id(), a.level() != a.safeLevel());
  }

  /**
   * A fresh id for a command the gateway makes itself: {@code <space>:<boot>.<n>}, with {@code n}
   * counted from 1 per space, so ids are unique per space and across restarts (a backend that
   * deduplicates results by id never merges two actions). {@code space} is {@code osc} or
   * {@code reflex:<rule>}: it must start with one of {@link #RESERVED_ID_PREFIXES} without its
   * colon. Any thread.
   */
  public String internalId(String space) {
    if (RESERVED_ID_PREFIXES.stream().noneMatch(p -> (space + ":").startsWith(p))) {
      throw new IllegalArgumentException("not an internal id space: " + space);
    }
    long n = internalIds.computeIfAbsent(space, k -> new AtomicLong()).incrementAndGet();
    return space + ":" + options.boot() + "." + n;
  }

  /**
   * The last number {@link #internalId} gave in each space, for the processor of the next
   * generation when the MQTT session (and so the boot number) is kept across an apply. Any thread.
   */
  public Map<String, Long> internalIdCounts() {
    Map<String, Long> counts = new java.util.HashMap<>();
    internalIds.forEach((space, n) -> counts.put(space, n.get()));
    return Map.copyOf(counts);
  }

  /**
   * Continues the numbering of {@link #internalId} from {@code counts} (from
   * {@link #internalIdCounts()} of the processor before, same boot), so that ids never repeat
   * within a boot. Call before the first command.
   */
  public void continueInternalIds(Map<String, Long> counts) {
    counts.forEach((space, n) -> internalIds.computeIfAbsent(space, k -> new AtomicLong())
        .accumulateAndGet(n, Math::max));
  }

  /**
   * Hands the state of every actuator, as last published (or its level now, cause
   * {@code startup}, when none was), to {@code to}; for a front end whose connection came back,
   * so that retained states match the outputs again. Runs on the actuator thread, in order with
   * every change, so a newer state is never overtaken by an older one. Does not block.
   */
  public void republishStates(Consumer<ActuatorState> to) {
    try {
      thread.execute(() -> {
        for (Actuator a : actuators.values()) {
          ActuatorState last = lastStates.get(a.id());
          // a fade's last published sample is behind the output: the level now, its next
          // sample follows within the ramp state interval
          ActuatorState s = last == null
              ? stateNow(a, "startup", coolDownUntil(a))
              : last.ramping()
                  ? new ActuatorState(a.id(), a.level(), a.level() == a.safeLevel(), last.cause(), time.wallMillis())
                  : new ActuatorState(last.actuator(), last.level(), last.safe(), last.cause(), last.tsMillis(), coolDownUntil(a));
          try {
            to.accept(s);
          } catch (RuntimeException e) {
            LOG.warn("republishing actuator states failed", e);
          }
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("republish after close ignored");
    }
  }

  /**
   * Publishes the current state of every actuator with the given cause (for example
   * {@code startup}, after the outputs were opened in their safe states), so retained state
   * topics are right after a restart. Runs on the actuator thread; does not block the caller.
   */
  public void announceAll(String cause) {
    announce(actuators.keySet(), cause);
  }

  /**
   * Like {@link #announceAll}, for the actuators in {@code ids} only (unknown ids are ignored):
   * for example {@code reload} for outputs kept across an apply at the level they had.
   */
  public void announce(java.util.Collection<String> ids, String cause) {
    for (String id : ids) {
      Actuator a = actuators.get(id);
      if (a == null) {
        continue;
      }
      try {
        thread.execute(() -> publishState(a, cause));
      } catch (RejectedExecutionException e) {
        LOG.debug("announce after close ignored");
      }
    }
  }

  /**
   * The hardware of actuator {@code id} was lost (a board unplugged, silent or reset): a running
   * pulse or fade ends (answered {@code hardware_error}), the actuator is returned to its safe
   * level (its output drives it as soon as the hardware is back) and its state is published with
   * cause {@code hardware_lost}. Runs on the actuator thread; does not block; unknown ids are
   * ignored.
   */
  public void hardwareLost(String id) {
    Actuator a = actuators.get(id);
    if (a == null) {
      return;
    }
    try {
      thread.execute(() -> {
        generations.get(a.id()).incrementAndGet();
        cancelPending(a.id());
        Command cut = running.remove(a.id());
        cutColourFade(a, RejectReason.HARDWARE_ERROR, "'" + a.id()
            + "' lost its hardware and was returned to its safe state");
        returnToSafe(a, "hardware_lost");
        if (cut != null) {
          stats.rejected(RejectReason.HARDWARE_ERROR);
          finish(cut, new CommandResult(cut.id(), cut.correlationId(), cut.actuator(),
              CommandStatus.FAILED, RejectReason.HARDWARE_ERROR, "'" + a.id()
              + "' lost its hardware and was returned to its safe state", time.wallMillis()));
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("hardware loss of {} after close ignored", id);
    }
  }

  /**
   * The hardware of output {@code id} settled: its board confirmed the safe level after a
   * handshake (state cause {@code hardware_ready}, safe), or refused its pin (cause
   * {@code device_fault}, not safe; commands to it are refused naming the pin). Runs on the
   * actuator thread; does not block; unknown ids are ignored.
   */
  public void hardwareSettled(String id) {
    Actuator a = actuators.get(id);
    if (a == null) {
      return;
    }
    try {
      thread.execute(() -> {
        policy.recordLevel(a.id(), a.level() != a.safeLevel());
        publishState(a, "hardware_ready");
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("settled hardware of {} after close ignored", id);
    }
  }

  /**
   * Returns every actuator to its safe state now (shutdown, lost hardware). Blocks until done,
   * at most {@code timeout}. Call it off the event loop.
   */
  public void allToSafeState(String cause, Duration timeout) {
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    // one deadline for every actuator: a stuck actuator thread delays the safe states by at most
    // the timeout in all, not once per actuator
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Actuator a : actuators.values()) {
      // a pulse's end or a fade's steps already due stop at once; what ran is ended holding the
      // turn below, after whatever holds it now (a reflex written on an edge's thread)
      generations.get(a.id()).incrementAndGet();
      cancelPending(a.id());
      Runnable toSafe = () -> {
        generations.get(a.id()).incrementAndGet();
        cancelPending(a.id());
        Command cut = running.remove(a.id());
        cutColourFade(a, cause.equals("hardware_lost") ? RejectReason.HARDWARE_ERROR
            : RejectReason.SHUTDOWN, "'" + a.id() + "' returned to its safe state (" + cause + ")");
        returnToSafe(a, cause);
        if (cut != null) {
          // a pulse or fade that was running gets its final answer before the session closes
          RejectReason reason = cause.equals("hardware_lost") ? RejectReason.HARDWARE_ERROR
              : RejectReason.SHUTDOWN;
          stats.rejected(reason);
          finish(cut, new CommandResult(cut.id(), cut.correlationId(), cut.actuator(), CommandStatus.FAILED,
              reason, "'" + a.id() + "' was returned to its safe state (" + cause + ")", time.wallMillis()));
        }
      };
      try {
        done.add(thread.submit(toSafe));
      } catch (RejectedExecutionException e) {
        if (!thread.runHolding(toSafe, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
          LOG.warn("'{}' returned to its safe state while the actuator thread was stuck", a.id());
        }
      }
    }
    for (java.util.concurrent.Future<?> f : done) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        LOG.warn("returning actuators to safe state: {}", e.toString());
      }
    }
  }

  /** The key of a command's remembered answer: ids of different sources or actuators never collide. */
  private static String key(Command c) {
    return c.source().name() + '\u0000' + c.actuator() + '\u0000' + c.id();
  }

  /**
   * Publishes the final answer (DONE or FAILED) of {@code c} and remembers it as the answer to a
   * repeat of its id, while the id is still remembered.
   */
  private void finish(Command c, CommandResult r) {
    recent.replaceIfPresent(key(c), r);
    publish(r);
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

  /**
   * Publishes the actuator's state now. An output whose hardware did not confirm its level (a
   * board away, or one that refused the pin) is never {@code safe}: its cause is then
   * {@code device_fault} for a refused pin, {@code hardware_absent} instead of {@code startup}.
   */
  private void publishState(Actuator a, String cause) {
    publishState(stateNow(a, cause, coolDownUntil(a)));
  }

  private ActuatorState stateNow(Actuator a, String cause, long coolDownUntil) {
    return stateNow(a, cause, coolDownUntil, a.safeLevel());
  }

  /** The state now; {@code safe} when the level is {@code safeLevel} (the stop level at shutdown). */
  private ActuatorState stateNow(Actuator a, String cause, long coolDownUntil, double safeLevel) {
    boolean faulted = a.fault().isPresent();
    boolean confirmed = !faulted && a.confirmed();
    String why = faulted ? "device_fault"
        : !confirmed && cause.equals("startup") ? "hardware_absent" : cause;
    return new ActuatorState(a.id(), a.level(), confirmed && a.level() == safeLevel, why,
        time.wallMillis(), coolDownUntil);
  }

  private void publishState(ActuatorState state) {
    ActuatorState s = state;
    if (s.colour().isEmpty() && actuators.get(s.actuator()) instanceof ColourActuator ca) {
      // a fixture's state carries its colour, rounded to the DMX values it sends
      s = s.withColour(java.util.Arrays.stream(ca.colour()).mapToObj(v -> (int) Math.round(v))
          .toList());
    }
    lastStates.put(s.actuator(), s);
    for (Consumer<ActuatorState> l : stateListeners) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        LOG.warn("actuator state listener failed", e);
      }
    }
  }

  private long coolDownUntil(Actuator a) {
    Duration cooling = policy.coolingDown(a.id());
    return cooling.isZero() ? 0 : time.wallMillis() + cooling.toMillis();
  }

  /**
   * Stops the actuator thread for an apply of a new installation file (decision 0364), leaving
   * the outputs in {@code kept} at their levels for the next processor: a pulse running on a kept
   * output ends at its safe level now, as it would have at its end; a fade (level or colour)
   * running on one stops where it is; no state is published for a kept output (the next
   * processor announces it). Every other output returns to its safe state (state cause
   * {@code cause}). Each pulse or fade cut is answered {@code failed} with reason
   * {@link RejectReason#RECONFIGURED}. Commands queued before the call run first; commands
   * submitted after it are refused ({@code rejected}, {@code reconfigured}); queued ones the
   * thread does not run in time are answered {@code failed} ({@link RejectReason#SHUTDOWN}).
   * Blocks until done, at most {@code timeout}; call it off the
   * event loop, and once, instead of {@link #close()}.
   */
  public void closeKeeping(java.util.Set<String> kept, String cause, Duration timeout) {
    closeAdmission(RejectReason.RECONFIGURED);
    Runnable release = () -> {
      for (Actuator a : actuators.values()) {
        generations.get(a.id()).incrementAndGet();
        cancelPending(a.id());
        Command cut = running.remove(a.id());
        boolean keep = kept.contains(a.id());
        boolean pulseCut = cut != null && cut.operation() == Operation.PULSE;
        String detail = keep && !pulseCut
            ? "a new installation file was applied; '" + a.id() + "' kept its level"
            : keep
            ? "a new installation file was applied; '" + a.id() + "' ended its pulse at its safe level"
            : "a new installation file was applied; '" + a.id() + "' was returned to its safe state";
        cutColourFade(a, RejectReason.RECONFIGURED, detail);
        if (!keep) {
          returnToSafe(a, cause);
        } else if (pulseCut) {
          // its state (cause reload, at this level) comes from the next processor's announcement:
          // one state per output per apply
          driveSafe(a);
        }
        if (cut != null) {
          stats.rejected(RejectReason.RECONFIGURED);
          finish(cut, new CommandResult(cut.id(), cut.correlationId(), cut.actuator(),
              CommandStatus.FAILED, RejectReason.RECONFIGURED, detail, time.wallMillis()));
        }
      }
    };
    try {
      thread.execute(release);
      // what is due runs (commands queued before, then the release); pulse ends, fade steps,
      // watchdogs and the quiet-hours hold of this processor are dropped
      thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      thread.shutdown();
      if (!thread.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.warn("the actuator thread did not end within {} ms", timeout.toMillis());
      }
    } catch (RejectedExecutionException e) {
      LOG.debug("already closed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      thread.shutdownNow();
      answerQueued();
    }
  }

  /**
   * Returns every actuator to safe state and stops the actuator thread; accepted commands it did
   * not run are answered {@code failed} ({@link RejectReason#SHUTDOWN}), commands submitted from
   * now on are refused ({@code rejected}, {@code shutdown}).
   */
  @Override
  public void close() {
    closeAdmission(RejectReason.SHUTDOWN);
    allToSafeState("shutdown", Duration.ofSeconds(5));
    thread.shutdownNow();
    answerQueued();
  }
}
