package org.streetsense.gateway.driver.relay;

import java.util.List;
import org.streetsense.gateway.driver.ChannelDescriptor;
import org.streetsense.gateway.driver.Driver;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.SwitchedOutput;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * A relay module on a GPIO pin (an optocoupled module with its own transistor and flyback diode;
 * never a bare coil on a Pi pin). Most such modules switch on a low input, so {@code active_low}
 * defaults to true. The relay starts in and falls back to its safe state ({@code safe_state},
 * default "off"). Options: {@code pin}, {@code active_low} (true), {@code safe_state}.
 */
public final class RelayDriver implements Driver {

  private final SwitchedOutput output = new SwitchedOutput(true);

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
