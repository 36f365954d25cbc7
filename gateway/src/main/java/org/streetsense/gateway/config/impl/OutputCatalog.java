package org.streetsense.gateway.config.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.streetsense.gateway.board.BoardOutputSpec;
import org.streetsense.gateway.config.ActuatorRole;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.driver.boardservo.BoardServoDescriptor;
import org.streetsense.gateway.driver.led.LedDescriptor;
import org.streetsense.gateway.driver.pca9685.Pca9685Descriptor;
import org.streetsense.gateway.driver.spec.ChannelStyle;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OutputCapability;

/**
 * The things an installation can drive, by actuator id: led and relay devices by their id,
 * pca9685 outputs as {@code device/channel}, DMX fixtures by their id and their strobe, pan and
 * tilt as {@code fixture/strobe}, {@code fixture/pan}, {@code fixture/tilt}.
 */
final class OutputCatalog {

  /**
   * A resolved actuator id.
   *
   * @param angle whether its level is an angle (a servo): a board-servo always, a pca9685 channel
   *     when declared kind motion
   * @param onlyAngle whether it can only be a servo (board-servo)
   * @param dimmable whether its level may lie between 0 and 1 (pca9685 channel, board-pwm, a led
   *     declared {@code dimmable})
   * @param what how the output is named in messages, e.g. {@code "a led on GPIO 18"}
   */
  record Output(String device, Optional<String> channel, ActuatorRole defaultKind, boolean angle,
      boolean onlyAngle, boolean dimmable, String what) {

    Output(String device, Optional<String> channel, ActuatorRole defaultKind) {
      this(device, channel, defaultKind, channel.isPresent(), false, channel.isPresent(),
          "a pca9685 channel");
    }

    /** Whether it is only off (0) or on (1): a relay, a led not dimmable, a board-output pin. */
    boolean onOff() {
      return !angle && !dimmable;
    }
  }

  private final List<DeviceSpec> devices;
  private final List<String> ids = new ArrayList<>();
  private final List<String> fixtures;

  OutputCatalog(List<DeviceSpec> devices) {
    this(devices, List.of());
  }

  /** @param fixtures actuator ids of the DMX fixtures (lights) */
  OutputCatalog(List<DeviceSpec> devices, List<String> fixtures) {
    this.devices = List.copyOf(devices);
    this.fixtures = List.copyOf(fixtures);
    for (DeviceSpec d : devices) {
      if (d.driver().isOutput() && d.driver().channelStyle() == ChannelStyle.NONE) {
        ids.add(d.id());
      } else if (d.driver().isOutput()) {
        d.channels().forEach(c -> ids.add(d.id() + "/" + c.name()));
      }
    }
    ids.addAll(fixtures);
  }

  /** Whether {@code id} is a DMX fixture's dimmer, strobe, pan or tilt. */
  boolean isFixture(String id) {
    return fixtures.contains(id);
  }

  /** Whether {@code id} is a DMX fixture's pan or tilt: a position 0..1, kind motion. */
  boolean isFixturePosition(String id) {
    return fixtures.contains(id) && (id.endsWith("/pan") || id.endsWith("/tilt"));
  }

  /** Every actuator id the installation offers, in file order. */
  List<String> ids() {
    return ids;
  }

  /** The output named {@code id}, or empty after passing a message to {@code report}. */
  /** The device part of an actuator id: {@code leds} of {@code leds/ring}. */
  static String deviceOf(String id) {
    int slash = id.indexOf('/');
    return slash < 0 ? id : id.substring(0, slash);
  }

  Optional<Output> resolve(String id, Consumer<String> report) {
    if (fixtures.contains(id)) {
      int at = id.indexOf('/');
      // a fixture's dimmer or strobe: a dimmable light, never an angle; its pan or tilt: a
      // position 0..1 (kind motion), not an angle either
      return Optional.of(new Output(deviceOf(id), at < 0 ? Optional.empty()
          : Optional.of(id.substring(at + 1)), isFixturePosition(id) ? ActuatorRole.MOTION
          : ActuatorRole.LIGHT, false, false, true, "a DMX fixture"));
    }
    int slash = id.indexOf('/');
    String deviceId = deviceOf(id);
    List<String> parts = fixtures.stream().filter(a -> a.startsWith(id + "/")).toList();
    if (slash < 0 && !parts.isEmpty()) {
      report.accept("DMX fixture '" + id + "' has no dimmer (nor colour channels), so no level of "
          + "its own to command; its actuators: " + String.join(", ", parts));
      return Optional.empty();
    }
    Optional<DeviceSpec> device = devices.stream().filter(d -> d.id().equals(deviceId))
        .findFirst();
    if (device.isEmpty()) {
      report.accept("no output '" + id + "' in devices; " + Suggestions.didYouMean(id, ids)
          + known());
      return Optional.empty();
    }
    DriverDescriptor driver = device.get().driver();
    if (!driver.isOutput()) {
      report.accept("'" + deviceId + "' is a " + driver.configName() + ", not an output; "
          + known());
      return Optional.empty();
    }
    var can = driver.output().orElseThrow().capabilities();
    ActuatorRole role = ActuatorRole.valueOf(driver.output().orElseThrow().defaultRole()
        .toUpperCase(java.util.Locale.ROOT));
    if (driver.channelStyle() == ChannelStyle.NONE) {
      if (slash >= 0) {
        report.accept("'" + deviceId + "' is a " + driver.configName() + " with no channels; "
            + "write its id alone: " + deviceId);
        return Optional.empty();
      }
      if (can.equals(java.util.Set.of(OutputCapability.ANGLE))) {
        return Optional.of(new Output(deviceId, Optional.empty(), role, true, true, false,
            "a " + driver.configName()));
      }
      if (can.contains(OutputCapability.DIMMABLE)) {
        return Optional.of(new Output(deviceId, Optional.empty(), role, false, false, true,
            "a " + driver.configName() + " pin"));
      }
      if (device.get().connection() instanceof org.streetsense.gateway.config.Connection.Gpio g) {
        boolean dimmable = driver == LedDescriptor.DESCRIPTOR && dimmable(device.get());
        String what = (dimmable ? "a dimmable " : "a ") + driver.configName() + " on GPIO "
            + g.pin();
        return Optional.of(new Output(deviceId, Optional.empty(), role, false, false, dimmable,
            what));
      }
      return Optional.of(new Output(deviceId, Optional.empty(), role, false, false, false,
          "a " + driver.configName() + " pin"));
    }
    List<String> channels = device.get().channels().stream().map(ChannelSpec::name).toList();
    String channel = slash < 0 ? "" : id.substring(slash + 1);
    if (!channels.contains(channel)) {
      String hint = channels.isEmpty() ? "it declares no channels"
          : "name one of its channels as " + deviceId + "/<channel>; "
              + Suggestions.didYouMean(channel, channels) + "allowed: "
              + String.join(", ", channels);
      report.accept("'" + id + "' is not a channel of " + driver.configName() + " '" + deviceId
          + "'; " + hint);
      return Optional.empty();
    }
    return Optional.of(new Output(deviceId, Optional.of(channel), role));
  }

  /**
   * The safe angle of board-servo {@code deviceId}: its {@code safeAngle} option, or the default;
   * empty if it is not a board-servo or the option is not a number.
   */
  Optional<Double> safeAngle(String deviceId) {
    return devices.stream().filter(d -> d.id().equals(deviceId)
            && d.driver() == BoardServoDescriptor.DESCRIPTOR).findFirst()
        .flatMap(d -> {
          Object v = d.options().getOrDefault("safeAngle", BoardOutputSpec.DEFAULT_SAFE_ANGLE);
          return v instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
        });
  }

  /** Whether {@code deviceId} is a pca9685 declared {@code activeLow: true}. */
  boolean activeLowChip(String deviceId) {
    return devices.stream().anyMatch(d -> d.id().equals(deviceId)
        && d.driver() == Pca9685Descriptor.DESCRIPTOR
        && Boolean.TRUE.equals(d.options().get("activeLow")));
  }

  /** Whether a {@code led} declares {@code options: {dimmable: true}} (PWM on its pin). */
  static boolean dimmable(DeviceSpec d) {
    return Boolean.TRUE.equals(d.options().get("dimmable"));
  }

  private String known() {
    return ids.isEmpty() ? "the installation has no outputs (led, relay, board outputs, pca9685 "
        + "channels or dmx fixtures)"
        : "outputs: " + String.join(", ", ids);
  }
}
