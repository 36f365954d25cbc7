package org.streetsense.gateway.safety;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.streetsense.gateway.actuator.Operation;

/**
 * What the safety policy allows one actuator. Built with {@link #builder(String)}.
 *
 * @param actuator actuator id
 * @param operations operations allowed ({@link Operation#SAFE} is always allowed)
 * @param min lowest level a command may ask for
 * @param max highest level a command may ask for
 * @param commandsPerMinute accepted commands per minute at most (a burst of that size is allowed)
 * @param maxOnTime longest time the actuator may spend above its safe level, added up across
 *     commands, before the gateway returns it to safe (see {@link OnTimeLedger}); empty for no
 *     limit
 * @param coolDown how long the actuator then rests at its safe level, refusing commands that
 *     would leave it; with a max on-time it defaults to the max on-time; empty without one
 * @param quiet what quiet hours do to it; empty for the default of its kind
 *     ({@link QuietRule#defaultFor})
 */
public record ActuatorLimits(
    String actuator,
    Set<Operation> operations,
    double min,
    double max,
    int commandsPerMinute,
    Optional<Duration> maxOnTime,
    Optional<Duration> coolDown,
    Optional<QuietRule> quiet) {

  public ActuatorLimits {
    Objects.requireNonNull(quiet, "quiet");
    Objects.requireNonNull(actuator, "actuator");
    operations = operations.isEmpty() ? EnumSet.noneOf(Operation.class) : EnumSet.copyOf(operations);
    operations.add(Operation.SAFE);
    operations = Set.copyOf(operations);
    if (!(min <= max)) {
      throw new IllegalArgumentException(actuator + ": min " + min + " must be <= max " + max);
    }
    if (commandsPerMinute < 1) {
      throw new IllegalArgumentException(actuator + ": commandsPerMinute must be >= 1, was " + commandsPerMinute);
    }
    Objects.requireNonNull(maxOnTime, "maxOnTime");
    Objects.requireNonNull(coolDown, "coolDown");
    maxOnTime.ifPresent(d -> positive(actuator, "maxOnTime", d));
    coolDown.ifPresent(d -> positive(actuator, "coolDown", d));
    if (coolDown.isPresent() && maxOnTime.isEmpty()) {
      throw new IllegalArgumentException(actuator + ": coolDown needs a maxOnTime");
    }
    if (coolDown.isEmpty()) {
      coolDown = maxOnTime;
    }
  }

  private static void positive(String actuator, String what, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(actuator + ": " + what + " must be positive, was " + d);
    }
  }

  public static Builder builder(String actuator) {
    return new Builder(actuator);
  }

  /**
   * Builder with conservative defaults: set/on/off/safe, 0..1, 60 per minute, no max on-time
   * (and so no cool-down).
   */
  public static final class Builder {
    private final String actuator;
    private Set<Operation> operations = EnumSet.of(Operation.SET, Operation.ON, Operation.OFF);
    private double min = 0;
    private double max = 1;
    private int commandsPerMinute = 60;
    private Duration maxOnTime;
    private Duration coolDown;
    private QuietRule quiet;

    private Builder(String actuator) {
      this.actuator = actuator;
    }

    public Builder operations(Set<Operation> ops) {
      this.operations = EnumSet.copyOf(ops);
      return this;
    }

    public Builder range(double min, double max) {
      this.min = min;
      this.max = max;
      return this;
    }

    public Builder commandsPerMinute(int n) {
      this.commandsPerMinute = n;
      return this;
    }

    public Builder maxOnTime(Duration d) {
      this.maxOnTime = d;
      return this;
    }

    /** The rest after the max on-time was reached; default: the max on-time. */
    public Builder coolDown(Duration d) {
      this.coolDown = d;
      return this;
    }

    /** What quiet hours do to the actuator; default: the rule of its kind. */
    public Builder quiet(QuietRule rule) {
      this.quiet = rule;
      return this;
    }

    public ActuatorLimits build() {
      return new ActuatorLimits(actuator, operations, min, max, commandsPerMinute,
          Optional.ofNullable(maxOnTime), Optional.ofNullable(coolDown), Optional.ofNullable(quiet));
    }
  }
}
