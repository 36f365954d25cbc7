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
import org.streetsense.gateway.command.Command;
import org.streetsense.gateway.command.Operation;
import org.streetsense.gateway.command.RejectReason;

/**
 * The one place that decides whether a command may touch the hardware, whatever its source
 * (MQTT, OSC, HTTP, local reflexes). Actuators absent from the allow-list are refused.
 *
 * <p>Checks, in order: allow-list, operation, value range, duration against max on-time, quiet
 * hours, and last the rate limit (so refused commands do not use up the rate). A command that
 * fails any check is refused whole. Thread-safe.
 */
public final class SafetyPolicy {

  private final Map<String, ActuatorLimits> limits;
  private final Map<String, TokenBucket> buckets = new HashMap<>();
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
    Map<String, ActuatorLimits> byId = new HashMap<>();
    for (ActuatorLimits l : limits) {
      if (byId.put(l.actuator(), l) != null) {
        throw new IllegalArgumentException("duplicate limits for actuator '" + l.actuator() + "'");
      }
      buckets.put(l.actuator(), new TokenBucket(l.commandsPerMinute(), Duration.ofMinutes(1)));
    }
    this.limits = Map.copyOf(byId);
    this.quietHours = Objects.requireNonNull(quietHours, "quietHours");
    this.wallMillis = Objects.requireNonNull(wallMillis, "wallMillis");
    this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
  }

  public Optional<ActuatorLimits> limitsFor(String actuator) {
    return Optional.ofNullable(limits.get(actuator));
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
    double target = c.targetLevel(safeLevel);
    if (c.operation().needsValue() && Double.isNaN(c.value())) {
      return Verdict.reject(RejectReason.MALFORMED, "operation '" + c.operation().wireName() + "' needs a value");
    }
    if (target < l.min() || target > l.max() || Double.isNaN(target)) {
      return Verdict.reject(RejectReason.OUT_OF_RANGE, "value " + fmt(target) + " is out of range "
          + fmt(l.min()) + ".." + fmt(l.max()) + " for '" + c.actuator() + "'");
    }
    if (c.operation().needsDuration() && c.duration().isZero()) {
      return Verdict.reject(RejectReason.MALFORMED, "operation '" + c.operation().wireName() + "' needs a duration");
    }
    Optional<Duration> maxOn = l.maxOnTime();
    if (maxOn.isPresent() && c.operation() == Operation.PULSE && c.duration().compareTo(maxOn.get()) > 0) {
      return Verdict.reject(RejectReason.MAX_ON_TIME, "duration " + c.duration().toMillis() + " ms exceeds the max on-time of "
          + maxOn.get().toMillis() + " ms for '" + c.actuator() + "'");
    }
    if (kind.affectedByQuietHours() && target > quietHours.limitFor(kind) && target != safeLevel) {
      long now = wallMillis.getAsLong();
      if (quietHours.activeAt(Instant.ofEpochMilli(now))) {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(now), quietHours.zone());
        return Verdict.reject(RejectReason.QUIET_HOURS, "quiet hours (" + local.toLocalTime().withNano(0) + " "
            + quietHours.zone() + "): " + kind.name().toLowerCase(Locale.ROOT) + " '" + c.actuator()
            + "' is limited to " + fmt(quietHours.limitFor(kind)) + ", asked " + fmt(target));
      }
    }
    if (!buckets.get(c.actuator()).tryTake(monotonicNanos.getAsLong())) {
      return Verdict.reject(RejectReason.RATE_LIMITED, "more than " + l.commandsPerMinute()
          + " commands per minute for '" + c.actuator() + "'");
    }
    return Verdict.accept();
  }

  private static String wireNames(ActuatorLimits l) {
    return l.operations().stream().map(Operation::wireName).sorted().collect(Collectors.joining(", "));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
