package org.streetsense.gateway.safety;

import java.time.Duration;
import java.util.Objects;

/**
 * The on-time account of one actuator with a max on-time: how long its output has been away from
 * its safe level, whatever commands, fades or pulses put it there.
 *
 * <p>On-time runs while the output is not at its safe level and is added up across short returns
 * to safe: it is forgotten only once the output has rested at its safe level for a full
 * cool-down. When it reaches the max on-time the output must go safe ({@link #remaining} is zero)
 * and, after {@link #cutOff}, the output rests for the cool-down: {@link #coolingDown} is
 * positive until it ends. So toggling an output off for a moment does not re-arm the limit, and
 * the sustained duty is at most {@code maxOnTime / (maxOnTime + coolDown)}.
 *
 * <p>Time is passed in as monotonic nanoseconds (tests inject it). Thread-safe: levels are
 * recorded on the actuator thread, questions are asked from any submitting thread.
 */
public final class OnTimeLedger {

  private final long maxOnNanos;
  private final long coolDownNanos;
  private long accumulatedNanos;
  private long awaySince = -1;
  private long safeSince = Long.MIN_VALUE / 2;
  private long coolingUntil = Long.MIN_VALUE / 2;

  /**
   * @param maxOnTime longest on-time, positive
   * @param coolDown rest at the safe level after the limit was reached, positive
   */
  public OnTimeLedger(Duration maxOnTime, Duration coolDown) {
    this.maxOnNanos = positive(maxOnTime, "maxOnTime").toNanos();
    this.coolDownNanos = positive(coolDown, "coolDown").toNanos();
  }

  /**
   * A ledger with new limits that continues {@code before}'s account (on-time counted, the output
   * away or resting, a cool-down running): the account belongs to the output, so a new
   * installation file that changes the limits gives it no fresh allowance.
   */
  public static OnTimeLedger continuing(OnTimeLedger before, Duration maxOnTime, Duration coolDown) {
    OnTimeLedger next = new OnTimeLedger(maxOnTime, coolDown);
    synchronized (before) {
      next.accumulatedNanos = before.accumulatedNanos;
      next.awaySince = before.awaySince;
      next.safeSince = before.safeSince;
      next.coolingUntil = before.coolingUntil;
    }
    return next;
  }

  private static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive, was " + d);
    }
    return d;
  }

  /** Records the output's level now: away from its safe level or at it. */
  public synchronized void level(boolean away, long nowNanos) {
    if (away && awaySince < 0) {
      if (nowNanos - safeSince >= coolDownNanos) {
        accumulatedNanos = 0;
      }
      awaySince = nowNanos;
    } else if (!away && awaySince >= 0) {
      accumulatedNanos += nowNanos - awaySince;
      awaySince = -1;
      safeSince = nowNanos;
    }
  }

  /**
   * Whether the account is empty: the output at its safe level, rested a full cool-down since
   * it came back, and no cool-down running.
   */
  public synchronized boolean forgotten(long nowNanos) {
    return awaySince < 0 && nowNanos - safeSince >= coolDownNanos && nowNanos >= coolingUntil;
  }

  /** Whether the output is away from its safe level (as last recorded). */
  public synchronized boolean away() {
    return awaySince >= 0;
  }

  /** On-time counted now (zero once the output rested for a full cool-down). */
  public synchronized Duration onTime(long nowNanos) {
    if (awaySince >= 0) {
      return Duration.ofNanos(accumulatedNanos + (nowNanos - awaySince));
    }
    return Duration.ofNanos(nowNanos - safeSince >= coolDownNanos ? 0 : accumulatedNanos);
  }

  /** On-time left before the output must go safe; zero when the limit is reached. */
  public synchronized Duration remaining(long nowNanos) {
    long left = maxOnNanos - onTime(nowNanos).toNanos();
    return Duration.ofNanos(Math.max(0, left));
  }

  /** Records that the limit was reached and the output was driven safe now: the cool-down starts. */
  public synchronized void cutOff(long nowNanos) {
    level(false, nowNanos);
    coolingUntil = nowNanos + coolDownNanos;
  }

  /** Time left of the cool-down; zero when none runs. */
  public synchronized Duration coolingDown(long nowNanos) {
    return Duration.ofNanos(Math.max(0, coolingUntil - nowNanos));
  }

  public Duration maxOnTime() {
    return Duration.ofNanos(maxOnNanos);
  }

  public Duration coolDown() {
    return Duration.ofNanos(coolDownNanos);
  }
}
