package org.streetsense.gateway.driver;

import java.util.Objects;
import org.streetsense.gateway.pipeline.Quality;

/**
 * One raw value a driver read from one channel of its device, before channel processing
 * (calibration, range, smoothing). {@code raw} is in the driver's native unit (see
 * {@link ChannelDescriptor#unit()}); it is NaN when {@code quality} is {@link Quality#FAULT}.
 *
 * @param channel channel name, unique within the device
 * @param raw value in the driver's native unit
 * @param quality how far the driver trusts the value
 */
public record ChannelValue(String channel, double raw, Quality quality) {

  public ChannelValue {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(quality, "quality");
  }

  public static ChannelValue good(String channel, double raw) {
    return new ChannelValue(channel, raw, Quality.GOOD);
  }

  public static ChannelValue suspect(String channel, double raw) {
    return new ChannelValue(channel, raw, Quality.SUSPECT);
  }

  public static ChannelValue fault(String channel) {
    return new ChannelValue(channel, Double.NaN, Quality.FAULT);
  }
}
