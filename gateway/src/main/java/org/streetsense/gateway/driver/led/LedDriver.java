package org.streetsense.gateway.driver.led;

import java.util.List;
import org.streetsense.gateway.driver.ChannelDescriptor;
import org.streetsense.gateway.driver.Driver;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.SwitchedOutput;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * An LED on a GPIO pin (through a series resistor, or a transistor for more than a few mA). Safe
 * state off unless {@code safe_state} says "on". Options: {@code pin}, {@code active_low} (false),
 * {@code safe_state}. For dimming use a PCA9685 channel.
 */
public final class LedDriver implements Driver {

  private final SwitchedOutput output = new SwitchedOutput(false);

  @Override
  public List<ChannelDescriptor> channels() {
    return List.of();
  }

  @Override
  public void open(DriverContext context) throws HardwareIoException {
    output.open(context);
  }

  public void set(boolean on) throws HardwareIoException {
    output.set(on);
  }

  public boolean isOn() {
    return output.isOn();
  }

  @Override
  public void close() {
    output.close();
  }
}
