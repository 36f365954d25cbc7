package org.streetsense.gateway.driver;

import java.util.List;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * A device driver: talks to one device through the {@code hardware} interfaces only, so the same
 * code runs on a Raspberry Pi and on the simulated rig.
 *
 * <p>Lifecycle: {@link #open(DriverContext)} initialises the chip (reset, identity check,
 * configuration); {@link #close()} releases what it opened and drives outputs to their safe state.
 * After a fault the {@link DeviceRunner} closes the driver and opens it again once the device
 * answers, so {@code open} must fully re-initialise the chip and may be called again after
 * {@code close}.
 *
 * <p>Threads: all calls come from the hardware executor, one at a time per driver, never from the
 * Vert.x event loop. Calls block for the bus transactions they make.
 */
public interface Driver extends AutoCloseable {

  /** The channels this driver produces, known before {@link #open}. */
  List<ChannelDescriptor> channels();

  /**
   * Initialises the device.
   *
   * @throws HardwareIoException the device did not answer or is not the expected chip; the runner
   *     reports FAULT and retries with backoff
   */
  void open(DriverContext context) throws HardwareIoException;

  /** Releases the device handles. Idempotent; never throws. */
  @Override
  void close();
}
