package org.streetsense.gateway.actuator;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.PwmChannel;

/**
 * A dimmable light or a servo on a hardware PWM channel.
 *
 * <p>For {@link ActuatorKind#MOTION} the level is an angle in degrees 0..180, mapped to a pulse
 * of 1.0..2.0 ms at 50 Hz (standard hobby servo); otherwise the level is the duty cycle 0..1.
 */
public final class PwmActuator implements Actuator {

  private static final Logger LOG = LoggerFactory.getLogger(PwmActuator.class);
  private static final int SERVO_HZ = 50;

  private final String id;
  private final ActuatorKind kind;
  private final PwmChannel channel;
  private final double safeLevel;
  private final int frequencyHz;
  private double level;

  /**
   * @param frequencyHz PWM frequency for lights (ignored for servos, which run at 50 Hz)
   * @param safeLevel level driven on shutdown (degrees for servos)
   */
  public PwmActuator(String id, ActuatorKind kind, PwmChannel channel, int frequencyHz, double safeLevel) {
    this.id = Objects.requireNonNull(id, "id");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.frequencyHz = kind == ActuatorKind.MOTION ? SERVO_HZ : frequencyHz;
    this.safeLevel = safeLevel;
    this.level = safeLevel;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ActuatorKind kind() {
    return kind;
  }

  @Override
  public synchronized double level() {
    return level;
  }

  @Override
  public double safeLevel() {
    return safeLevel;
  }

  @Override
  public synchronized void apply(double newLevel) throws HardwareIoException {
    channel.set(dutyCycleFor(newLevel), frequencyHz);
    level = newLevel;
  }

  /** Duty cycle for a level: for servos, a 1..2 ms pulse in a 20 ms period. */
  double dutyCycleFor(double newLevel) {
    if (kind == ActuatorKind.MOTION) {
      double pulseMs = 1.0 + Math.max(0, Math.min(180, newLevel)) / 180.0;
      return pulseMs / (1000.0 / SERVO_HZ);
    }
    return Math.max(0, Math.min(1, newLevel));
  }

  @Override
  public synchronized void toSafeState() {
    try {
      apply(safeLevel);
    } catch (HardwareIoException e) {
      LOG.warn("actuator {}: cannot drive safe state: {}", id, e.getMessage());
    }
  }

  @Override
  public void close() {
    toSafeState();
    channel.close();
  }
}
