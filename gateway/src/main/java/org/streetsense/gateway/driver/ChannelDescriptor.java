package org.streetsense.gateway.driver;

import java.util.Objects;

/**
 * A channel a driver produces, with the unit of its raw values.
 *
 * @param name channel name, unique within the device, snake case (for example {@code temperature})
 * @param unit unit symbol of the raw value (for example {@code degC}, {@code Pa}, {@code V},
 *     {@code counts}, {@code bool})
 */
public record ChannelDescriptor(String name, String unit) {

  public ChannelDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    if (name.isBlank()) {
      throw new IllegalArgumentException("channel name must not be blank");
    }
  }
}
