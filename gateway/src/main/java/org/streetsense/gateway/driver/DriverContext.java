package org.streetsense.gateway.driver;

import java.util.Objects;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.HardwareBackend;

/**
 * What a driver gets when it is opened.
 *
 * @param deviceId device id from the installation file
 * @param backend opens pins and buses (Pi4J or simulated)
 * @param time monotonic and wall time; drivers use its monotonic clock for durations
 * @param scheduler the hardware executor: timers and hand-off from edge listeners
 * @param options the device's options
 * @param sampleRequest asks the runner for an immediate sample (an interrupt line fired); a no-op
 *     for drivers that are not sampled
 */
public record DriverContext(
    String deviceId,
    HardwareBackend backend,
    TimeSource time,
    HardwareScheduler scheduler,
    DeviceOptions options,
    Runnable sampleRequest) {

  public DriverContext {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(sampleRequest, "sampleRequest");
  }

  /** Asks for a sample as soon as possible (for example on an IRQ edge). Any thread. */
  public void requestSample() {
    sampleRequest.run();
  }
}
