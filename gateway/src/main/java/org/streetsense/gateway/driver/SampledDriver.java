package org.streetsense.gateway.driver;

import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * A driver whose device is read on a schedule. One sample is {@link #start()} followed by one or
 * more {@link #collect()} calls until it returns {@link SampleStep.Ready}. Between steps the
 * {@link DeviceRunner} waits on its scheduler, never with a blocked thread.
 *
 * <p>Threads: called on the hardware executor, never the event loop; each call blocks only for its
 * own bus transactions.
 */
public interface SampledDriver extends Driver {

  /**
   * Starts a measurement (for example, writes forced mode or the OS bit).
   *
   * @return what to do next: usually {@link SampleStep.Pending} with the conversion time
   */
  SampleStep start() throws HardwareIoException;

  /**
   * Reads the measurement, or reports that the device is still busy.
   *
   * @throws HardwareIoException the device stopped answering; the runner reports FAULT
   */
  SampleStep collect() throws HardwareIoException;
}
