package org.streetsense.gateway.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.streetsense.gateway.driver.spec.DriverDescriptor;

/**
 * One device of an installation.
 *
 * @param id device id, a lowercase slug unique within the installation (used in MQTT topics)
 * @param driver which driver runs it
 * @param connection where it is attached; the variant matches {@link DriverDescriptor#kind()}
 * @param sampling periodic or event; empty for outputs
 * @param channels its channels, in file order (for FIXED drivers without {@code channels}, the
 *     driver's channels with default units)
 * @param safeState for outputs, the level driven on shutdown (default off); empty for inputs
 * @param options the driver options the file gives, checked against the driver's descriptor and
 *     typed by it: Boolean, Long, Double, Duration or String, by the file's key ({@code debounce})
 */
public record DeviceSpec(
    String id,
    DriverDescriptor driver,
    Connection connection,
    Optional<Sampling> sampling,
    List<ChannelSpec> channels,
    Optional<SafeState> safeState,
    Map<String, Object> options) {

  public DeviceSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(sampling, "sampling");
    Objects.requireNonNull(safeState, "safeState");
    channels = List.copyOf(channels);
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /** The channel named {@code name}, if the device has one. */
  public Optional<ChannelSpec> channel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
