package org.streetsense.gateway.command;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.hardware.HardwareIoException;

/** An actuator that records every level applied and can be made to fail like lost hardware. */
public final class RecordingActuator implements Actuator {

  private final String id;
  private final ActuatorKind kind;
  private final double safeLevel;
  private final List<Double> applied = new CopyOnWriteArrayList<>();
  private volatile double level;
  private volatile boolean broken;

  public RecordingActuator(String id, ActuatorKind kind, double safeLevel) {
    this.id = id;
    this.kind = kind;
    this.safeLevel = safeLevel;
    this.level = safeLevel;
  }

  public List<Double> applied() {
    return applied;
  }

  public void breakHardware() {
    broken = true;
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
  public double level() {
    return level;
  }

  @Override
  public double safeLevel() {
    return safeLevel;
  }

  @Override
  public void apply(double newLevel) throws HardwareIoException {
    if (broken) {
      throw new HardwareIoException(HardwareIoException.Kind.NACK, id + ": no ACK");
    }
    applied.add(newLevel);
    level = newLevel;
  }

  @Override
  public void toSafeState() {
    level = safeLevel;
    applied.add(safeLevel);
  }

  @Override
  public void close() {
    toSafeState();
  }
}
