package org.streetsense.gateway.config;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of the safety allow-list ({@code safety.actuators.<id>}).
 *
 * @param id actuator id: an output device id ({@code lamp}) or {@code device/channel} for a
 *     pca9685 output ({@code leds/ch2})
 * @param device the output device it drives
 * @param channel the pca9685 channel name; empty for led and relay devices
 * @param kind light, sound, motion or switch (default from the driver)
 * @param operations operations allowed; {@link ActuatorOperation#SAFE} is always included
 * @param range levels a command may ask for (0..1, or degrees 0..180 for motion)
 * @param ratePerMinute accepted commands per minute at most, >= 1 (default 60)
 * @param maxOnTime longest time above the safe level, added up across commands, before the
 *     gateway returns it to safe; empty for no limit
 * @param coolDown how long it then stays at its safe level, refusing commands that would leave
 *     it; empty for the default (equal to {@code maxOnTime}); only with a max on-time
 */
public record ActuatorSpec(
    String id,
    String device,
    Optional<String> channel,
    ActuatorRole kind,
    Set<ActuatorOperation> operations,
    LevelRange range,
    int ratePerMinute,
    Optional<Duration> maxOnTime,
    Optional<Duration> coolDown) {

  /** An entry without a declared cool-down (the default applies). */
  public ActuatorSpec(String id, String device, Optional<String> channel, ActuatorRole kind,
      Set<ActuatorOperation> operations, LevelRange range, int ratePerMinute,
      Optional<Duration> maxOnTime) {
    this(id, device, channel, kind, operations, range, ratePerMinute, maxOnTime, Optional.empty());
  }

  public ActuatorSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(maxOnTime, "maxOnTime");
    Objects.requireNonNull(coolDown, "coolDown");
    if (coolDown.isPresent() && maxOnTime.isEmpty()) {
      throw new IllegalArgumentException(id + ": coolDown needs a maxOnTime");
    }
    EnumSet<ActuatorOperation> ops = EnumSet.of(ActuatorOperation.SAFE);
    ops.addAll(operations);
    operations = Set.copyOf(ops);
    if (ratePerMinute < 1) {
      throw new IllegalArgumentException(id + ": ratePerMinute must be >= 1, was " + ratePerMinute);
    }
  }

  /** Whether {@code op} is allowed. */
  public boolean allows(ActuatorOperation op) {
    return operations.contains(op);
  }
}
