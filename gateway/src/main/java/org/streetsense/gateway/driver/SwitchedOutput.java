package org.streetsense.gateway.driver;

import java.util.Objects;
import org.streetsense.gateway.hardware.DigitalOutput;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * An on/off actuator on a digital output with a declared safe state, shared by the LED and relay
 * drivers. "On" is the logical state; {@code activeLow} maps it to the pin level (most relay
 * modules switch on a low input). The output starts in its safe state and returns to it on close.
 *
 * <p>Options: {@code pin} (BCM, required), {@code active_low}, {@code safe_state} ("off" or "on",
 * default "off").
 */
public final class SwitchedOutput {

  private final boolean activeLowDefault;
  private DigitalOutput output;
  private boolean activeLow;
  private boolean safeOn;

  public SwitchedOutput(boolean activeLowDefault) {
    this.activeLowDefault = activeLowDefault;
  }

  public void open(DriverContext context) throws HardwareIoException {
    DeviceOptions o = context.options();
    activeLow = o.booleanValue("active_low", activeLowDefault);
    String safe = o.stringValue("safe_state", "off");
    if (!safe.equals("off") && !safe.equals("on")) {
      throw o.error("safe_state", "must be \"off\" or \"on\", was \"" + safe + "\"");
    }
    safeOn = safe.equals("on");
    boolean safeLevel = safeOn != activeLow;
    output =
        context.backend().digitalOutput(
            new DigitalOutputOptions(o.intValue("pin"), safeLevel, safeLevel));
  }

  /** Switches on or off. */
  public void set(boolean on) throws HardwareIoException {
    Objects.requireNonNull(output, "output not open").write(on != activeLow);
  }

  public boolean isOn() {
    return output != null && output.state() != activeLow;
  }

  /** The logical state the output falls back to. */
  public boolean safeOn() {
    return safeOn;
  }

  /** Drives the safe state and releases the pin. Never throws. */
  public void close() {
    if (output != null) {
      output.close();
      output = null;
    }
  }
}
