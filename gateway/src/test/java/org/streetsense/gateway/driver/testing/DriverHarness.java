package org.streetsense.gateway.driver.testing;

import java.util.List;
import java.util.Map;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.SampleStep;
import org.streetsense.gateway.driver.SampledDriver;
import org.streetsense.gateway.hardware.HardwareIoException;

/** Drives a {@link SampledDriver} step by step on manual time, as the runner would. */
public final class DriverHarness {

  private final ManualScheduler scheduler;
  private final TestBackend backend;

  public DriverHarness() {
    this.scheduler = new ManualScheduler();
    this.backend = new TestBackend(scheduler);
  }

  public ManualScheduler scheduler() {
    return scheduler;
  }

  public TestBackend backend() {
    return backend;
  }

  public DriverContext context(String deviceId, Map<String, ?> options) {
    return new DriverContext(
        deviceId, backend, scheduler, scheduler, new DeviceOptions(deviceId, options), () -> {});
  }

  /** One complete sample: start, wait each pending step on manual time, collect. */
  public List<ChannelValue> sample(SampledDriver driver) throws HardwareIoException {
    SampleStep step = driver.start();
    for (int i = 0; i < 100; i++) {
      if (step instanceof SampleStep.Ready r) {
        return r.values();
      }
      scheduler.advance(((SampleStep.Pending) step).delay());
      step = driver.collect();
    }
    throw new AssertionError("sample did not complete in 100 steps");
  }

  /** The value of {@code channel} in {@code values}. */
  public static ChannelValue value(List<ChannelValue> values, String channel) {
    return values.stream()
        .filter(v -> v.channel().equals(channel))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no channel " + channel + " in " + values));
  }
}
