package org.streetsense.gateway.driver;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.streetsense.gateway.channel.ChannelOptions;

/**
 * How one device is run.
 *
 * @param installation installation id stamped on observations
 * @param deviceId device id
 * @param driverOptions the device's driver options
 * @param interval time between the starts of two samples (sampled drivers)
 * @param maxPolls how many {@link SampleStep.Pending} steps one sample may take before it counts
 *     as a timeout fault
 * @param backoff delays between attempts to re-open a faulty device
 * @param tickInterval how often time windows (aggregates, passers-by) are closed without samples
 * @param channels per-channel processing by channel name; channels not listed get
 *     {@link ChannelOptions#defaults(String)}
 */
public record DeviceRunnerOptions(
    String installation,
    String deviceId,
    DeviceOptions driverOptions,
    Duration interval,
    int maxPolls,
    RetryBackoff backoff,
    Duration tickInterval,
    Map<String, ChannelOptions> channels) {

  public DeviceRunnerOptions {
    Objects.requireNonNull(installation, "installation");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(driverOptions, "driverOptions");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(tickInterval, "tickInterval");
    channels = Map.copyOf(Objects.requireNonNull(channels, "channels"));
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "device '" + deviceId + "' interval must be positive, was " + interval);
    }
    if (maxPolls < 1) {
      throw new IllegalArgumentException(
          "device '" + deviceId + "' maxPolls must be >= 1, was " + maxPolls);
    }
    if (tickInterval.isNegative() || tickInterval.isZero()) {
      throw new IllegalArgumentException(
          "device '" + deviceId + "' tickInterval must be positive, was " + tickInterval);
    }
  }

  /** Defaults: 1 s interval, 50 polls, {@link RetryBackoff#DEFAULT}, 1 s tick, no channel options. */
  public static DeviceRunnerOptions of(String installation, DeviceOptions driverOptions) {
    return new DeviceRunnerOptions(
        installation,
        driverOptions.deviceId(),
        driverOptions,
        Duration.ofSeconds(1),
        50,
        RetryBackoff.DEFAULT,
        Duration.ofSeconds(1),
        Map.of());
  }

  public DeviceRunnerOptions withInterval(Duration v) {
    return new DeviceRunnerOptions(
        installation, deviceId, driverOptions, v, maxPolls, backoff, tickInterval, channels);
  }

  public DeviceRunnerOptions withBackoff(RetryBackoff v) {
    return new DeviceRunnerOptions(
        installation, deviceId, driverOptions, interval, maxPolls, v, tickInterval, channels);
  }

  public DeviceRunnerOptions withChannels(Map<String, ChannelOptions> v) {
    return new DeviceRunnerOptions(
        installation, deviceId, driverOptions, interval, maxPolls, backoff, tickInterval, v);
  }
}
