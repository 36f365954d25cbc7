package org.streetsense.gateway.actuator;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.hardware.DigitalOutput;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * An on/off actuator (LED, relay, solenoid) on a digital output. Levels at or above 0.5 switch
 * it on. Levels are logical ("on" is 1.0); the pin's physical level is the logical level XOR
 * {@code activeLow} (an active-low relay module is on while its input is low). The output's
 * declared initial and shutdown states are physical levels, so the safe level is the shutdown
 * state mapped back through the active level.
 */
public final class DigitalActuator implements Actuator {

  private static final Logger LOG = LoggerFactory.getLogger(DigitalActuator.class);

  private final String id;
  private final ActuatorKind kind;
  private final DigitalOutput output;
  private final boolean activeLow;

  /**
   * @param output the pin, opened with its physical initial and shutdown levels
   * @param activeLow whether the device is on while the pin is low
   */
  public DigitalActuator(String id, ActuatorKind kind, DigitalOutput output, boolean activeLow) {
    this.id = Objects.requireNonNull(id, "id");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.output = Objects.requireNonNull(output, "output");
    this.activeLow = activeLow;
  }

  /** The physical pin level that puts the device in logical state {@code on}. */
  public static boolean pinLevel(boolean on, boolean activeLow) {
    return on != activeLow;
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
    return output.state() != activeLow ? 1.0 : 0.0;
  }

  @Override
  public double safeLevel() {
    return output.shutdownState() != activeLow ? 1.0 : 0.0;
  }

  /** Always true: the pin is low or high, nothing between. */
  @Override
  public boolean onOff() {
    return true;
  }

  /** The pin level the output holds: 1 high, 0 low. */
  @Override
  public synchronized double outputHigh() {
    return output.state() ? 1.0 : 0.0;
  }

  /** True: a GPIO pin's level is set in place (Pi4J's provider, or the simulated pin). */
  @Override
  public boolean writesInPlace() {
    return true;
  }

  @Override
  public synchronized void apply(double level) throws HardwareIoException {
    output.write(pinLevel(level >= 0.5, activeLow));
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
