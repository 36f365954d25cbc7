package org.streetsense.gateway.actuator;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.driver.pca9685.Pca9685Driver;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * One output of a PCA9685 16-channel PWM chip, the usual way to drive many LEDs or servos from a
 * Pi: a dimmable light (level = duty cycle 0..1) or a servo ({@link ActuatorKind#MOTION}: level =
 * angle in degrees, mapped by the driver's servo pulse range). The chip is shared by its channels;
 * the driver serialises bus access. Levels are logical (at the load); an active-low chip inverts
 * them ({@link Pca9685Driver#activeLow()}). When the driver re-initialised the chip after a bus
 * failure (every output then safe), {@link #level()} is the safe level until the next apply.
 */
public final class Pca9685ChannelActuator implements Actuator {

  private static final Logger LOG = LoggerFactory.getLogger(Pca9685ChannelActuator.class);

  private final String id;
  private final ActuatorKind kind;
  private final Pca9685Driver chip;
  private final int channel;
  private final double safeLevel;
  private double level;
  private int initSeen;

  /**
   * @param id actuator id, {@code device/channel}
   * @param channel output number 0..15
   * @param safeLevel level on shutdown: 0 for lights, a resting angle for servos
   */
  public Pca9685ChannelActuator(String id, ActuatorKind kind, Pca9685Driver chip, int channel, double safeLevel) {
    this.id = Objects.requireNonNull(id, "id");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.chip = Objects.requireNonNull(chip, "chip");
    this.channel = channel;
    this.safeLevel = safeLevel;
    this.level = safeLevel;
    this.initSeen = chip.initCount();
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
    return chip.initCount() == initSeen ? level : safeLevel;
  }

  /** The channel's output read back from the chip; NaN when it cannot be read. */
  @Override
  public double outputHigh() {
    try {
      return chip.outputHigh(channel);
    } catch (HardwareIoException | RuntimeException e) {
      LOG.warn("actuator {}: cannot read the output back: {}", id, e.getMessage());
      return Double.NaN;
    }
  }

  @Override
  public double safeLevel() {
    return safeLevel;
  }

  @Override
  public synchronized void apply(double newLevel) throws HardwareIoException {
    if (kind == ActuatorKind.MOTION) {
      chip.setServoAngle(channel, newLevel);
    } else {
      chip.setDuty(channel, Math.max(0, Math.min(1, newLevel)));
    }
    level = newLevel;
    initSeen = chip.initCount();
  }

  @Override
  public synchronized void toSafeState() {
    try {
      apply(safeLevel);
    } catch (HardwareIoException | RuntimeException e) {
      LOG.warn("actuator {}: cannot drive safe state: {}", id, e.getMessage());
    }
  }

  /** Drives the safe level; the chip itself is closed by its owner. */
  @Override
  public void close() {
    toSafeState();
  }
}
