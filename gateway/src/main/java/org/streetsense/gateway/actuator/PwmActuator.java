package org.streetsense.gateway.actuator;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.PwmChannel;

/**
 * A dimmable light on a hardware PWM channel (a {@code led} declared {@code dimmable}): level
 * 0..1 is the logical brightness, and the pin's duty cycle is the level, or {@code 1 - level} for
 * an active-low load (on while the pin is low). The channel is opened with its physical safe duty
 * as its initial and shutdown duty, so the output is safe at open, at close and when the backend
 * goes away.
 *
 * <p>{@link #apply} blocks for one PWM write: call it on the actuator thread. Synchronised.
 */
public final class PwmActuator implements Actuator {

  private static final Logger LOG = LoggerFactory.getLogger(PwmActuator.class);

  private final String id;
  private final ActuatorKind kind;
  private final PwmChannel channel;
  private final int frequencyHz;
  private final boolean activeLow;
  private final double safeLevel;
  private double level;

  /**
   * @param channel opened with {@code shutdownDuty = duty(safeLevel, activeLow)}
   * @param frequencyHz the PWM frequency every write uses
   * @param activeLow whether the load is on while the pin is low
   * @param safeLevel the logical level on shutdown, 0 (off) or 1 (on)
   */
  public PwmActuator(String id, ActuatorKind kind, PwmChannel channel, int frequencyHz,
      boolean activeLow, double safeLevel) {
    this.id = Objects.requireNonNull(id, "id");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.frequencyHz = frequencyHz;
    this.activeLow = activeLow;
    this.safeLevel = safeLevel;
    this.level = safeLevel;
  }

  /** The duty cycle (fraction of each period the pin is high) that gives logical {@code level}. */
  public static double duty(double level, boolean activeLow) {
    return activeLow ? 1.0 - level : level;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ActuatorKind kind() {
    return kind;
  }

  /**
   * The level last applied, or, when the channel was driven elsewhere (the backend went away and
   * drove its shutdown duty), the level its duty means now.
   */
  @Override
  public synchronized double level() {
    double now = channel.dutyCycle();
    return now == duty(level, activeLow) ? level : duty(now, activeLow);
  }

  @Override
  public double safeLevel() {
    return safeLevel;
  }

  /** The duty cycle the channel drives now. */
  @Override
  public synchronized double outputHigh() {
    return channel.dutyCycle();
  }

  /** @throws IllegalArgumentException outside 0..1 (the safety policy keeps commands inside) */
  @Override
  public synchronized void apply(double newLevel) throws HardwareIoException {
    if (!(newLevel >= 0 && newLevel <= 1)) {
      throw new IllegalArgumentException(id + ": level must be 0..1, was " + newLevel);
    }
    channel.set(duty(newLevel, activeLow), frequencyHz);
    level = newLevel;
  }

  @Override
  public synchronized void toSafeState() {
    try {
      apply(safeLevel);
    } catch (HardwareIoException | RuntimeException e) {
      LOG.warn("actuator {}: cannot drive safe state: {}", id, e.getMessage());
    }
  }

  /** Drives the safe level and releases the channel (which ends at its shutdown duty). */
  @Override
  public void close() {
    toSafeState();
    channel.close();
  }
}
