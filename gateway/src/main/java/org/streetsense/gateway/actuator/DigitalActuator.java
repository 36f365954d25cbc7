package org.streetsense.gateway.actuator;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.hardware.DigitalOutput;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * An on/off actuator (LED, relay, solenoid) on a digital output. Levels at or above 0.5 switch
 * it on. The safe level is the output's declared shutdown state.
 */
public final class DigitalActuator implements Actuator {

  private static final Logger LOG = LoggerFactory.getLogger(DigitalActuator.class);

  private final String id;
  private final ActuatorKind kind;
  private final DigitalOutput output;

  public DigitalActuator(String id, ActuatorKind kind, DigitalOutput output) {
    this.id = Objects.requireNonNull(id, "id");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.output = Objects.requireNonNull(output, "output");
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
    return output.state() ? 1.0 : 0.0;
  }

  @Override
  public double safeLevel() {
    return output.shutdownState() ? 1.0 : 0.0;
  }

  @Override
  public synchronized void apply(double level) throws HardwareIoException {
    output.write(level >= 0.5);
  }

  @Override
  public synchronized void toSafeState() {
    try {
      output.write(output.shutdownState());
    } catch (HardwareIoException e) {
      LOG.warn("actuator {}: cannot drive safe state: {}", id, e.getMessage());
    }
  }

  @Override
  public void close() {
    toSafeState();
    output.close();
  }
}
