package org.streetsense.gateway.config.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.streetsense.gateway.config.ActuatorOperation;
import org.streetsense.gateway.config.ActuatorSpec;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Durations;
import org.streetsense.gateway.config.ReflexEvent;
import org.streetsense.gateway.config.ReflexSpec;
import org.streetsense.gateway.config.ReflexStep;
import org.streetsense.gateway.config.ReflexWhen;
import org.streetsense.gateway.config.SafetySettings;

/**
 * Reads {@code reflexes}: each rule's trigger against the devices and each action against the
 * safety allow-list (operation allowed, value in range, duration within the max on-time).
 */
final class ReflexReader {

  private final Problems problems;
  private final List<DeviceSpec> devices;
  private final SafetySettings safety;
  private final Set<String> unreadable;
  private final Set<String> uncheckedActuators;
  private final Map<String, Integer> colourChannels;
  private final boolean dmxUnreadable;
  private final Map<String, YamlNode> names = new HashMap<>();

  /**
   * @param devices the devices that could be read
   * @param safety the allow-list, or null when that section had errors (actions unchecked)
   * @param unreadable ids of devices with errors of their own: triggers and actions on them are
   *     not checked, to avoid follow-on errors
   * @param uncheckedActuators ids in safety.actuators that had errors: actions on them are not
   *     checked
   * @param colourChannels the number of colour channels of each DMX fixture by actuator id (0
   *     for a fixture without colour); op color is allowed on those with at least one
   * @param dmxUnreadable whether the dmx section had errors (op color is then not checked)
   */
  ReflexReader(Problems problems, List<DeviceSpec> devices, SafetySettings safety,
      Set<String> unreadable, Set<String> uncheckedActuators, Map<String, Integer> colourChannels,
      boolean dmxUnreadable) {
    this.problems = problems;
    this.devices = devices;
    this.safety = safety;
    this.unreadable = Set.copyOf(unreadable);
    this.uncheckedActuators = Set.copyOf(uncheckedActuators);
    this.colourChannels = Map.copyOf(colourChannels);
    this.dmxUnreadable = dmxUnreadable;
  }

  /** The rules in file order; an empty list when absent; null entries are never returned. */
  List<ReflexSpec> read(YamlNode node) {
    List<ReflexSpec> rules = new ArrayList<>();
    if (node == null) {
      return rules;
    }
    YamlList list = Values.list(node, problems, "each reflex is an item like - {name: touch-fade, "
        + "when: {...}, do: [...]}");
    if (list == null) {
      return rules;
    }
    for (YamlNode item : list.items()) {
      ReflexSpec rule = rule(item);
      if (rule != null) {
        rules.add(rule);
      }
    }
    return rules;
  }

  private ReflexSpec rule(YamlNode node) {
    Fields f = Fields.of(node, problems, "a reflex", "name", "when", "every", "cooldown", "do");
    if (f == null) {
      return null;
    }
    int mark = problems.mark();
    String name = Checks.slug(f, "name", "the reflex name", "touch-fade");
    if (name != null) {
      YamlNode first = names.putIfAbsent(name, node);
      if (first != null) {
        problems.at(f.node("name"), "duplicate reflex name '" + name + "'; already used by "
            + first.path() + " on line " + first.line());
      }
    }
    YamlNode whenNode = f.required("when", "the trigger, e.g. when: {device: touch-wall, "
        + "event: touch_start}");
    ReflexWhen when = whenNode == null ? null : when(whenNode);
    Long every = f.integer("every", 1, 1_000_000, "a firing count", 1L);
    Duration cooldown = f.duration("cooldown", Duration.ZERO, Duration.ZERO, Duration.ofDays(1));
    List<ReflexStep> actions = actions(f.required("do", "a list of actions, e.g. - {actuator: "
        + "lamp, op: on}"));
    if (problems.since(mark) || when == null || actions == null || actions.isEmpty()) {
      return null;
    }
    return new ReflexSpec(name, when, every.intValue(), cooldown, actions);
  }

  private ReflexWhen when(YamlNode node) {
    Fields f = Fields.of(node, problems, "a reflex trigger", "device", "channel", "event",
        "above", "below");
    if (f == null) {
      return null;
    }
    int mark = problems.mark();
    YamlNode deviceNode = f.required("device", "the device that triggers it, e.g. device: motion");
    String deviceId = deviceNode == null ? null : Values.text(deviceNode, problems);
    Optional<DeviceSpec> device = deviceId == null ? Optional.empty() : device(deviceNode,
        deviceId);
    String channel = f.text("channel", null);
    if (channel != null && device.isPresent() && device.get().channel(channel).isEmpty()) {
      List<String> names = device.get().channels().stream().map(ChannelSpec::name).toList();
      problems.at(f.node("channel"), "'" + channel + "' is not a channel of " + deviceId + "; "
          + Suggestions.didYouMean(channel, names) + "allowed: " + String.join(", ", names));
    }
    ReflexEvent event = f.choice("event", ReflexEvent.class, "event type", null);
    Double above = f.number("above", null);
    Double below = f.number("below", null);
    int given = (f.has("event") ? 1 : 0) + (f.has("above") ? 1 : 0) + (f.has("below") ? 1 : 0);
    if (given != 1) {
      problems.at(node, "give exactly one of event, above or below (found " + given + "), e.g. "
          + "event: touch_start or above: 800");
    } else if (channel == null && !f.has("event") && device.isPresent()) {
      List<ChannelSpec> channels = device.get().channels();
      if (channels.size() == 1) {
        channel = channels.get(0).name();
      } else {
        problems.missing(f.map(), "channel", "required with above or below; the channel whose "
            + "readings are compared, one of: " + String.join(", ",
                channels.stream().map(ChannelSpec::name).toList()));
      }
    }
    if (problems.since(mark) || device.isEmpty()) {
      return null;
    }
    return new ReflexWhen(deviceId, Optional.ofNullable(channel), Optional.ofNullable(event),
        above == null ? OptionalDouble.empty() : OptionalDouble.of(above),
        below == null ? OptionalDouble.empty() : OptionalDouble.of(below));
  }

  private Optional<DeviceSpec> device(YamlNode node, String id) {
    if (unreadable.contains(id)) {
      return Optional.empty();
    }
    Optional<DeviceSpec> device = devices.stream().filter(d -> d.id().equals(id)).findFirst();
    List<String> inputs = devices.stream().filter(d -> !d.driver().isOutput())
        .map(DeviceSpec::id).toList();
    if (device.isEmpty()) {
      problems.at(node, "no device '" + id + "' in devices; " + Suggestions.didYouMean(id, inputs)
          + "inputs: " + String.join(", ", inputs));
      return Optional.empty();
    }
    if (device.get().driver().isOutput()) {
      problems.at(node, "'" + id + "' is an output (" + device.get().driver().configName()
          + "); a reflex is triggered by an input, one of: " + String.join(", ", inputs));
      return Optional.empty();
    }
    return device;
  }

  /** The actions; null when any could not be read or checked. */
  private List<ReflexStep> actions(YamlNode node) {
    List<ReflexStep> steps = new ArrayList<>();
    if (node == null) {
      return steps;
    }
    YamlList list = Values.list(node, problems, "each action is an item like - {actuator: lamp, "
        + "op: on}");
    if (list == null) {
      return steps;
    }
    if (list.items().isEmpty()) {
      problems.at(node, "a reflex needs at least one action, e.g. - {actuator: lamp, op: on}");
    }
    boolean complete = true;
    for (YamlNode item : list.items()) {
      ReflexStep step = action(item);
      complete &= step != null;
      steps.add(step);
    }
    return complete ? steps : null;
  }

  private ReflexStep action(YamlNode node) {
    Fields f = Fields.of(node, problems, "a reflex action", "actuator", "op", "value",
        "duration", "color");
    if (f == null) {
      return null;
    }
    int mark = problems.mark();
    YamlNode actuatorNode = f.required("actuator", "an id from safety.actuators, e.g. "
        + "actuator: lamp");
    String id = actuatorNode == null ? null : Values.text(actuatorNode, problems);
    Optional<ActuatorSpec> actuator = id == null ? Optional.empty() : actuator(actuatorNode, id);
    YamlNode opNode = f.required("op", "one of set, on, off, pulse, fade, safe, color");
    ActuatorOperation op = opNode == null ? null
        : Values.choice(opNode, problems, ActuatorOperation.class, "operation");
    Double value = null;
    Duration duration = null;
    List<Integer> colour = List.of();
    if (op != null && op != ActuatorOperation.COLOR) {
      Checks.forbid(f, "color", "with op " + op.configName() + " (only color takes a color)");
    }
    if (op == ActuatorOperation.COLOR) {
      if (actuator.isPresent() && !actuator.get().allows(op)) {
        problems.at(opNode, "'color' is not allowed on '" + id + "' by safety.actuators." + id
            + ".operations; allowed: " + String.join(", ", actuator.get().operations().stream()
                .sorted().map(ActuatorOperation::configName).toList()));
      }
      Checks.forbid(f, "value", "with op color (the colour is given by color: [r, g, b]; the "
          + "level stays as it is)");
      colour = colour(f, opNode, id, actuator.isPresent());
      duration = f.has("duration") ? duration(f, op, actuator) : null;
    } else if (op != null) {
      if (actuator.isPresent() && !actuator.get().allows(op)) {
        problems.at(opNode, "'" + op.configName() + "' is not allowed on '" + id + "' by "
            + "safety.actuators." + id + ".operations; allowed: " + String.join(", ",
                actuator.get().operations().stream().sorted()
                    .map(ActuatorOperation::configName).toList()));
      }
      if (op == ActuatorOperation.FADE && actuator.isPresent() && actuator.get().allows(op)) {
        Optional<OutputCatalog.Output> output =
            new OutputCatalog(devices).resolve(actuator.get().id(), message -> { });
        if (output.isPresent() && output.get().onOff()) {
          problems.at(opNode, "'" + id + "' is an on/off output (" + output.get().what()
              + "): an on/off output cannot fade; use on, off or pulse");
        }
      }
      value = value(f, op, actuator);
      duration = duration(f, op, actuator);
    }
    if (problems.since(mark) || actuator.isEmpty()) {
      return null;
    }
    return new ReflexStep(id, op, value == null ? OptionalDouble.empty()
        : OptionalDouble.of(value), Optional.ofNullable(duration), colour);
  }

  /**
   * The {@code color} of an op color action: one integer 0..255 per colour channel of the
   * fixture; null (with a problem) when absent, malformed, or the actuator has no colour.
   */
  private List<Integer> colour(Fields f, YamlNode opNode, String id, boolean checkActuator) {
    Integer size = null;
    if (checkActuator && !dmxUnreadable) {
      size = colourChannels.get(id);
      if (size == null || size == 0) {
        List<String> coloured = colourChannels.entrySet().stream().filter(e -> e.getValue() > 0)
            .map(Map.Entry::getKey).sorted().toList();
        problems.at(opNode, "op color needs a DMX fixture with colour channels (red, green, "
            + "blue, white, amber); '" + id + "' has none" + (coloured.isEmpty() ? ""
                : "; fixtures with colour: " + String.join(", ", coloured)));
        return null;
      }
    }
    YamlNode node = f.required("color", "op color needs the colour, one value 0..255 per "
        + "colour channel, e.g. color: [255, 120, 0]");
    if (node == null) {
      return null;
    }
    YamlList list = Values.list(node, problems, "one value 0..255 per colour channel, e.g. "
        + "color: [255, 120, 0]");
    if (list == null) {
      return null;
    }
    if (size != null && list.items().size() != size) {
      problems.at(node, "color has " + list.items().size() + " values; '" + id + "' has " + size
          + " colour channels");
      return null;
    }
    List<Integer> values = new ArrayList<>();
    for (YamlNode item : list.items()) {
      Long v = Values.integer(item, problems, 0, 255, "a DMX value 0..255");
      if (v == null) {
        return null;
      }
      values.add(v.intValue());
    }
    return values;
  }

  private Optional<ActuatorSpec> actuator(YamlNode node, String id) {
    if (safety == null || unreadable.contains(OutputCatalog.deviceOf(id))
        || uncheckedActuators.contains(id)) {
      return Optional.empty();
    }
    Optional<ActuatorSpec> actuator = safety.actuator(id);
    if (actuator.isEmpty()) {
      List<String> ids = safety.actuators().stream().map(ActuatorSpec::id).toList();
      problems.at(node, "'" + id + "' is not in safety.actuators; "
          + (ids.isEmpty() ? "add it there first" : Suggestions.didYouMean(id, ids) + "allowed: "
              + String.join(", ", ids)));
    }
    return actuator;
  }

  private Double value(Fields f, ActuatorOperation op, Optional<ActuatorSpec> actuator) {
    if (!op.needsValue()) {
      Checks.forbid(f, "value", "with op " + op.configName() + " (only set, pulse and fade take "
          + "a value)");
      return null;
    }
    YamlNode node = f.required("value", "op " + op.configName() + " needs the target level, "
        + "e.g. value: 1.0");
    Double value = node == null ? null : Values.number(node, problems);
    if (value != null && actuator.isPresent() && !actuator.get().range().contains(value)) {
      ActuatorSpec a = actuator.get();
      problems.at(node, Checks.plain(value) + " is out of the range of '" + a.id() + "'; allowed "
          + Checks.plain(a.range().min()) + ".." + Checks.plain(a.range().max())
          + " (safety.actuators." + a.id() + ".range)");
      return null;
    }
    if (value != null && value > 0 && value < 1 && actuator.isPresent()) {
      Optional<OutputCatalog.Output> output =
          new OutputCatalog(devices).resolve(actuator.get().id(), message -> { });
      if (output.isPresent() && output.get().onOff()) {
        problems.at(node, Checks.plain(value) + " cannot be set on '" + actuator.get().id()
            + "': it is an on/off output (" + output.get().what() + "), only 0 (off) or 1 (on)");
        return null;
      }
    }
    return value;
  }

  private Duration duration(Fields f, ActuatorOperation op, Optional<ActuatorSpec> actuator) {
    if (!op.needsDuration() && op != ActuatorOperation.COLOR) {
      Checks.forbid(f, "duration", "with op " + op.configName() + " (only pulse, fade and color "
          + "take a duration)");
      return null;
    }
    YamlNode node = f.required("duration", "op " + op.configName() + " needs a duration, e.g. "
        + "duration: 300ms");
    if (node == null) {
      return null;
    }
    Duration duration = f.duration("duration", null, Duration.ofMillis(1), Duration.ofHours(1));
    if (duration != null && safety != null && duration.compareTo(safety.maxDuration()) > 0) {
      problems.at(node, Durations.format(duration) + " is longer than the longest pulse or fade "
          + Durations.format(safety.maxDuration()) + " (safety.maxDuration)");
      return null;
    }
    // a colour fade leaves the level, so the max on-time (a limit on the level) does not apply
    Optional<Duration> maxOn = op == ActuatorOperation.COLOR ? Optional.empty()
        : actuator.flatMap(ActuatorSpec::maxOnTime);
    if (duration != null && maxOn.isPresent() && duration.compareTo(maxOn.get()) > 0) {
      problems.at(node, Durations.format(duration) + " is longer than the max on-time "
          + Durations.format(maxOn.get()) + " of '" + actuator.get().id() + "' (safety.actuators."
          + actuator.get().id() + ".maxOnTime)");
      return null;
    }
    return duration;
  }
}
