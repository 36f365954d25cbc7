package org.streetsense.gateway.safety;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.rate.TokenBucket;

/**
 * The one place that decides whether a command may touch the hardware, whatever its source
 * (MQTT, OSC, HTTP, local reflexes). Actuators absent from the allow-list are refused.
 *
 * <p>Checks, in order: allow-list, operation, value (finite, in range), duration (at most
 * {@link #maxDuration()} and the max on-time), on-time (no leaving the safe level during a
 * cool-down; a pulse no longer than the on-time left), quiet hours, and last the rate limit (so
 * refused commands do not use up the rate). A command that fails any check is refused whole.
 *
 * <p>Quiet hours follow each actuator's {@link QuietRule}: a blocked actuator may only go to its
 * safe level; a capped one is accepted at its cap ({@link Verdict#capped}) when it asks for more,
 * and the caller runs it at that level; an unaffected one is not limited.
 *
 * <p>The policy also keeps each limited actuator's {@link OnTimeLedger}: the
 * {@code CommandProcessor} records every level it applies ({@link #recordLevel}), asks how much
 * on-time is left ({@link #onTimeLeft}) and reports a cut-off ({@link #cutOff}). Thread-safe.
 */
public final class SafetyPolicy {

  private final Map<String, ActuatorLimits> limits;
  /** For policies built without one; the same as the file's default ({@code SafetySettings}). */
  private static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(1);

  private final Map<String, TokenBucket> buckets = new HashMap<>();
  private final Map<String, OnTimeLedger> ledgers = new HashMap<>();
  /**
   * Accounts of actuators the previous files declared with a max on-time and this one does not,
   * until they are forgotten (decision 0375); never consulted for commands.
   */
  private final Map<String, OnTimeLedger> resting = new HashMap<>();
  private final Duration maxDuration;
  private final QuietHours quietHours;
  private final LongSupplier wallMillis;
  private final LongSupplier monotonicNanos;

  /**
   * @param limits one entry per allowed actuator
   * @param quietHours quiet periods
   * @param wallMillis wall clock (unix ms), used for quiet hours
   * @param monotonicNanos monotonic clock, used for rate limits
   */
  public SafetyPolicy(List<ActuatorLimits> limits, QuietHours quietHours,
      LongSupplier wallMillis, LongSupplier monotonicNanos) {
    this(limits, quietHours, DEFAULT_MAX_DURATION, wallMillis, monotonicNanos);
  }

  /**
   * @param limits one entry per allowed actuator
   * @param quietHours quiet periods
   * @param maxDuration the longest pulse or fade for any actuator ({@code safety.maxDuration})
   * @param wallMillis wall clock (unix ms), used for quiet hours
   * @param monotonicNanos monotonic clock, used for rate limits and on-time
   */
  public SafetyPolicy(List<ActuatorLimits> limits, QuietHours quietHours, Duration maxDuration,
      LongSupplier wallMillis, LongSupplier monotonicNanos) {
    this(limits, quietHours, maxDuration, wallMillis, monotonicNanos, null);
  }

  /**
   * Like {@link #SafetyPolicy(List, QuietHours, Duration, LongSupplier, LongSupplier)}, continuing
   * the accounts of every actuator {@code previous} also had: {@code previous} is the policy of
   * the installation file that ran before the apply of this one (decisions 0364, 0375). The
   * on-time account belongs to the output, not to a file, so it continues whether the output was
   * kept at its level or went to its safe state at the apply, and whether or not the new file
   * changed its limits: the same {@link OnTimeLedger} when its max on-time and cool-down are the
   * same, else a ledger with the new limits {@link OnTimeLedger#continuing continuing} the
   * account. A rate limit's tokens are the same when its commands per minute are. The previous
   * policy must no longer be used (its command processor is closed).
   *
   * @param previous the policy before the apply; null for none
   */
  public SafetyPolicy(List<ActuatorLimits> limits, QuietHours quietHours, Duration maxDuration,
      LongSupplier wallMillis, LongSupplier monotonicNanos, SafetyPolicy previous) {
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (maxDuration.isZero() || maxDuration.isNegative()) {
      throw new IllegalArgumentException("maxDuration must be positive, was " + maxDuration);
    }
    this.maxDuration = maxDuration;
    Map<String, ActuatorLimits> byId = new HashMap<>();
    for (ActuatorLimits l : limits) {
      if (byId.put(l.actuator(), l) != null) {
        throw new IllegalArgumentException("duplicate limits for actuator '" + l.actuator() + "'");
      }
      ActuatorLimits before = previous == null ? null : previous.limits.get(l.actuator());
      buckets.put(l.actuator(), before != null && before.commandsPerMinute() == l.commandsPerMinute()
          ? previous.buckets.get(l.actuator())
          : TokenBucket.perPeriod(l.commandsPerMinute(), Duration.ofMinutes(1)));
      if (l.maxOnTime().isPresent()) {
        Duration max = l.maxOnTime().get();
        Duration coolDown = l.coolDown().orElse(max);
        OnTimeLedger carried = previous == null ? null : previous.account(l.actuator());
        ledgers.put(l.actuator(), carried == null ? new OnTimeLedger(max, coolDown)
            : carried.maxOnTime().equals(max) && carried.coolDown().equals(coolDown) ? carried
            : OnTimeLedger.continuing(carried, max, coolDown));
      }
    }
    this.limits = Map.copyOf(byId);
    this.quietHours = Objects.requireNonNull(quietHours, "quietHours");
    this.wallMillis = Objects.requireNonNull(wallMillis, "wallMillis");
    this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
    if (previous != null) {
      // a file that drops an actuator (or its max on-time) and the next that declares it again
      // must not give it a fresh allowance: its account waits here until it has rested a full
      // cool-down, so this holds at most the accounts of actuators dropped within one cool-down
      long now = monotonicNanos.getAsLong();
      Map<String, OnTimeLedger> before = new HashMap<>(previous.resting);
      before.putAll(previous.ledgers);
      before.forEach((id, ledger) -> {
        if (!ledgers.containsKey(id) && !ledger.forgotten(now)) {
          resting.put(id, ledger);
        }
      });
    }
  }

  /** The account of {@code actuator}: declared here, or dropped recently and not yet forgotten. */
  private OnTimeLedger account(String actuator) {
    OnTimeLedger declared = ledgers.get(actuator);
    return declared != null ? declared : resting.get(actuator);
  }

  public Optional<ActuatorLimits> limitsFor(String actuator) {
    return Optional.ofNullable(limits.get(actuator));
  }

  /** The longest pulse or fade any command may ask for. */
  public Duration maxDuration() {
    return maxDuration;
  }

  /**
   * Records the level an actuator's output is at now (call after every write): away from its safe
   * level or at it. Does nothing for actuators without a max on-time.
   */
  public void recordLevel(String actuator, boolean away) {
    OnTimeLedger l = ledgers.get(actuator);
    if (l != null) {
      l.level(away, monotonicNanos.getAsLong());
    }
  }

  /** On-time left before the actuator must be returned to safe; empty without a max on-time. */
  public Optional<Duration> onTimeLeft(String actuator) {
    OnTimeLedger l = ledgers.get(actuator);
    return l == null ? Optional.empty() : Optional.of(l.remaining(monotonicNanos.getAsLong()));
  }

  /** Records that the actuator reached its max on-time and was driven safe: its cool-down starts. */
  public void cutOff(String actuator) {
    OnTimeLedger l = ledgers.get(actuator);
    if (l != null) {
      l.cutOff(monotonicNanos.getAsLong());
    }
  }

  /** Time left of the actuator's cool-down; zero when none runs. */
  public Duration coolingDown(String actuator) {
    OnTimeLedger l = ledgers.get(actuator);
    return l == null ? Duration.ZERO : l.coolingDown(monotonicNanos.getAsLong());
  }

  public QuietHours quietHours() {
    return quietHours;
  }

  /** Whether quiet hours are in force now. */
  public boolean quietNow() {
    return quietHours.activeAt(Instant.ofEpochMilli(wallMillis.getAsLong()));
  }

  /**
   * Checks a command for an actuator of the given kind. Accepting consumes one token of the
   * actuator's rate limit.
   */
  public Verdict check(Command c, ActuatorKind kind, double safeLevel) {
    return check(c, kind, safeLevel, false);
  }

  /**
   * Checks a command for an actuator of the given kind. Accepting consumes one token of the
   * actuator's rate limit.
   *
   * @param onOff whether the output is only off or on ({@code Actuator#onOff}): a level between
   *     0 and 1 is then refused as {@link RejectReason#OUT_OF_RANGE}, never rounded, and a fade
   *     as {@link RejectReason#NOT_ALLOWED} (an on/off output cannot fade)
   */
  public Verdict check(Command c, ActuatorKind kind, double safeLevel, boolean onOff) {
    ActuatorLimits l = limits.get(c.actuator());
    if (l == null) {
      return Verdict.reject(RejectReason.NOT_ALLOWED,
          "actuator '" + c.actuator() + "' is not in the safety allow-list");
    }
    if (!l.operations().contains(c.operation())) {
      return Verdict.reject(RejectReason.NOT_ALLOWED, "operation '" + c.operation().wireName()
          + "' is not allowed on '" + c.actuator() + "'; allowed: " + wireNames(l));
    }
    if (c.operation() == Operation.SAFE) {
      return Verdict.accept();
    }
    if (onOff && c.operation() == Operation.FADE) {
      // a fade would hold the old level to its middle and then jump: say so instead
      return Verdict.reject(RejectReason.NOT_ALLOWED, "'" + c.actuator() + "' is an on/off output: "
          + "an on/off output cannot fade; use on, off, set 0 or 1, or pulse");
    }
    if (c.operation() == Operation.COLOR) {
      // a colour leaves the level (range, quiet-hours cap and on-time apply to the level)
      if (c.colour().isEmpty()) {
        return Verdict.reject(RejectReason.MALFORMED, "operation 'color' needs a color");
      }
      if (c.duration().compareTo(maxDuration) > 0) {
        return Verdict.reject(RejectReason.DURATION_TOO_LONG, "duration " + millis(c.duration())
            + " exceeds the longest pulse or fade of " + millis(maxDuration) + " (safety.maxDuration)");
      }
      if (!buckets.get(c.actuator()).tryTake(monotonicNanos.getAsLong())) {
        return Verdict.reject(RejectReason.RATE_LIMITED, "more than " + l.commandsPerMinute()
            + " commands per minute for '" + c.actuator() + "'");
      }
      return Verdict.accept();
    }
    double target = c.targetLevel(safeLevel);
    if (c.operation().needsValue() && Double.isNaN(c.value())) {
      return Verdict.reject(RejectReason.MALFORMED, "operation '" + c.operation().wireName() + "' needs a value");
    }
    if (Double.isInfinite(target)) {
      return Verdict.reject(RejectReason.MALFORMED, "value must be a finite number, was " + target);
    }
    if (target < l.min() || target > l.max() || Double.isNaN(target)) {
      return Verdict.reject(RejectReason.OUT_OF_RANGE, "value " + fmt(target) + " is out of range "
          + fmt(l.min()) + ".." + fmt(l.max()) + " for '" + c.actuator() + "'");
    }
    if (onOff && target > 0 && target < 1) {
      return Verdict.reject(RejectReason.OUT_OF_RANGE, "value " + fmt(target) + " cannot be set on '"
          + c.actuator() + "': it is an on/off output, only 0 (off) or 1 (on)");
    }
    if (c.operation().needsDuration() && c.duration().isZero()) {
      return Verdict.reject(RejectReason.MALFORMED, "operation '" + c.operation().wireName() + "' needs a duration of at least 1 ms (duration_ms)");
    }
    if (c.operation().needsDuration() && c.duration().compareTo(maxDuration) > 0) {
      return Verdict.reject(RejectReason.DURATION_TOO_LONG, "duration " + millis(c.duration())
          + " exceeds the longest pulse or fade of " + millis(maxDuration) + " (safety.maxDuration)");
    }
    Optional<Duration> maxOn = l.maxOnTime();
    if (maxOn.isPresent() && c.operation().needsDuration() && c.duration().compareTo(maxOn.get()) > 0) {
      return Verdict.reject(RejectReason.MAX_ON_TIME, "duration " + millis(c.duration()) + " exceeds the max on-time of "
          + millis(maxOn.get()) + " for '" + c.actuator() + "'");
    }
    OnTimeLedger ledger = ledgers.get(c.actuator());
    if (ledger != null && target != safeLevel) {
      long now = monotonicNanos.getAsLong();
      Duration cooling = ledger.coolingDown(now);
      if (!cooling.isZero()) {
        return Verdict.reject(RejectReason.COOL_DOWN, "'" + c.actuator() + "' reached its max on-time of "
            + millis(ledger.maxOnTime()) + " and rests at its safe level for its cool-down of "
            + millis(ledger.coolDown()) + "; " + millis(cooling) + " left");
      }
      Duration left = ledger.remaining(now);
      if (c.operation() == Operation.PULSE && c.duration().compareTo(left) > 0) {
        return Verdict.reject(RejectReason.MAX_ON_TIME, "duration " + millis(c.duration()) + " exceeds the "
            + millis(left) + " of on-time '" + c.actuator() + "' has left of its max on-time of "
            + millis(ledger.maxOnTime()));
      }
    }
    Verdict quiet = Verdict.accept();
    if (target != safeLevel && quietNow()) {
      QuietRule rule = quietRule(c.actuator(), kind);
      String when = "quiet hours (" + LocalDateTime.ofInstant(Instant.ofEpochMilli(wallMillis.getAsLong()),
          quietHours.zone()).toLocalTime().withNano(0) + " " + quietHours.zone() + "): "
          + kind.name().toLowerCase(Locale.ROOT) + " '" + c.actuator() + "'";
      if (rule.mode() == QuietRule.Mode.BLOCK) {
        return Verdict.reject(RejectReason.QUIET_HOURS, when + " is blocked; only its safe level "
            + fmt(safeLevel) + " is allowed, asked " + fmt(target));
      }
      if (rule.mode() == QuietRule.Mode.CAP && target > rule.cap()) {
        quiet = Verdict.capped(rule.cap(), when + " is capped at " + fmt(rule.cap()) + ", asked "
            + fmt(target));
      }
    }
    // going to the safe level is never rate-limited: a flood of commands (OSC has no
    // authentication) must not keep the backend or the technician from switching an output off
    if (target != safeLevel && !buckets.get(c.actuator()).tryTake(monotonicNanos.getAsLong())) {
      return Verdict.reject(RejectReason.RATE_LIMITED, "more than " + l.commandsPerMinute()
          + " commands per minute for '" + c.actuator() + "'");
    }
    return quiet;
  }

  /** What quiet hours do to the actuator: its declared rule, or the default of its kind. */
  public QuietRule quietRule(String actuator, ActuatorKind kind) {
    ActuatorLimits l = limits.get(actuator);
    return l == null ? QuietRule.block()
        : l.quiet().orElseGet(() -> QuietRule.defaultFor(kind, quietHours));
  }

  private static String wireNames(ActuatorLimits l) {
    return l.operations().stream().map(Operation::wireName).sorted().collect(Collectors.joining(", "));
  }

  private static String millis(Duration d) {
    try {
      return d.toMillis() + " ms";
    } catch (ArithmeticException e) {
      return d.getSeconds() + " s";
    }
  }

  private static String fmt(double v) {
    // whole numbers as integers while a long holds them exactly; 1e308 stays 1.0E308
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
