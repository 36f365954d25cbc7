package org.streetsense.gateway.config.impl;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.streetsense.gateway.config.ActuatorOperation;
import org.streetsense.gateway.config.ActuatorRole;
import org.streetsense.gateway.config.ActuatorSpec;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.LevelRange;
import org.streetsense.gateway.config.QuietBehaviour;
import org.streetsense.gateway.config.QuietHoursSpec;
import org.streetsense.gateway.config.QuietPeriod;
import org.streetsense.gateway.config.SafetySettings;

/**
 * Reads {@code safety}: the time zone, quiet hours and the actuator allow-list, checking that each
 * actuator is an output device (led, relay) or a pca9685 channel written {@code device/channel}.
 */
final class SafetyReader {

  private static final List<String> DAYS =
      List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");
  private static final Set<ActuatorOperation> DEFAULT_OPERATIONS =
      EnumSet.of(ActuatorOperation.SET, ActuatorOperation.ON, ActuatorOperation.OFF);

  private final Problems problems;
  private final OutputCatalog outputs;
  private final Set<String> unreadable;
  private final Set<String> unchecked = new java.util.HashSet<>();
  private boolean actuatorsUnreadable;
  private boolean quietDeclared;

  /**
   * @param devices the installation's devices that could be read
   * @param unreadable ids of devices that had errors: actuators on them are not cross-checked,
   *     to avoid follow-on errors
   */
  SafetyReader(Problems problems, List<DeviceSpec> devices, Set<String> unreadable) {
    this(problems, devices, unreadable, List.of(), Map.of(), false);
  }

  /**
   * @param fixtureActuators the actuator ids of the {@code dmx} fixtures (dimmers, strobes, pans
   *     and tilts)
   * @param homes the home (safe position 0..1) of each fixture pan and tilt, by actuator id
   * @param dmxUnreadable whether the {@code dmx} section had errors: then an unknown actuator id
   *     may be one of its fixtures and is not reported again
   */
  SafetyReader(Problems problems, List<DeviceSpec> devices, Set<String> unreadable,
      List<String> fixtureActuators, Map<String, Double> homes, boolean dmxUnreadable) {
    this.problems = problems;
    this.homes = Map.copyOf(homes);
    this.outputs = new OutputCatalog(devices, fixtureActuators);
    this.unreadable = Set.copyOf(unreadable);
    this.dmxUnreadable = dmxUnreadable;
  }

  private final boolean dmxUnreadable;
  private final Map<String, Double> homes;

  /** Operations that make sense for a brightness, not for a position (a fixture's pan or tilt). */
  private static final Set<ActuatorOperation> NOT_FOR_A_POSITION =
      EnumSet.of(ActuatorOperation.ON, ActuatorOperation.OFF, ActuatorOperation.COLOR);

  /**
   * The settings, {@link SafetySettings#NONE} when absent. With errors in the timezone, quiet
   * hours or single actuators, the settings of the actuators that could be read (so reflexes are
   * still checked against them; {@link #uncheckedActuators} names the others); null when the
   * section could not be read at all (so reflexes skip their actuator checks).
   */
  SafetySettings read(YamlNode node) {
    if (node == null) {
      return SafetySettings.NONE;
    }
    int mark = problems.mark();
    Fields f = Fields.of(node, problems, "the safety settings", "timezone", "quietHours",
        "actuators", "maxDuration");
    if (f == null) {
      return null;
    }
    ZoneId zone = f.has("timezone") ? zone(f.node("timezone")) : ZoneOffset.UTC;
    QuietHoursSpec quiet = f.has("quietHours") ? quietHours(f.node("quietHours"))
        : QuietHoursSpec.NONE;
    Duration maxDuration = f.duration("maxDuration", SafetySettings.DEFAULT_MAX_DURATION,
        Duration.ofMillis(1), Duration.ofDays(1));
    quietDeclared = f.has("quietHours");
    List<ActuatorSpec> actuators = f.has("actuators") ? actuators(f.node("actuators")) : List.of();
    if (actuatorsUnreadable) {
      return null;
    }
    if (problems.since(mark)) {
      // the installation is invalid anyway; these settings only serve to check the reflexes
      return new SafetySettings(zone == null ? ZoneOffset.UTC : zone,
          quiet == null ? QuietHoursSpec.NONE : quiet, actuators,
          maxDuration == null ? SafetySettings.DEFAULT_MAX_DURATION : maxDuration);
    }
    return new SafetySettings(zone, quiet, actuators, maxDuration);
  }

  /** Ids of actuators listed with errors of their own (or on unreadable devices). */
  Set<String> uncheckedActuators() {
    return Set.copyOf(unchecked);
  }

  private ZoneId zone(YamlNode node) {
    String text = Values.text(node, problems);
    if (text == null) {
      return null;
    }
    Set<String> known = ZoneId.getAvailableZoneIds();
    if (!known.contains(text)) {
      problems.at(node, "'" + text + "' is not an IANA time zone; "
          + Suggestions.didYouMean(text, known) + "use a zone id like Europe/Bratislava or UTC");
      return null;
    }
    return ZoneId.of(text);
  }

  private QuietHoursSpec quietHours(YamlNode node) {
    Fields f = Fields.of(node, problems, "the quiet hours", "windows", "light", "sound");
    if (f == null) {
      return null;
    }
    List<QuietPeriod> windows = new ArrayList<>();
    YamlNode windowsNode = f.required("windows",
        "a list of local-time windows, e.g. - {from: \"22:00\", to: \"07:00\"}");
    YamlList list = windowsNode == null ? null
        : Values.list(windowsNode, problems, "each window is an item like - {from: \"22:00\", "
            + "to: \"07:00\"}");
    if (list != null) {
      for (YamlNode item : list.items()) {
        QuietPeriod window = window(item);
        if (window != null) {
          windows.add(window);
        }
      }
    }
    Double light = Checks.number(f, "light", 0, 1, "a light level", 0.0);
    Double sound = Checks.number(f, "sound", 0, 1, "a sound level", 0.0);
    return light == null || sound == null ? null : new QuietHoursSpec(windows, light, sound);
  }

  private QuietPeriod window(YamlNode node) {
    Fields f = Fields.of(node, problems, "a quiet window", "days", "from", "to");
    if (f == null) {
      return null;
    }
    int mark = problems.mark();
    Set<DayOfWeek> days = f.has("days") ? days(f.node("days")) : EnumSet.allOf(DayOfWeek.class);
    LocalTime from = time(f.required("from", "the local start time, e.g. from: \"22:00\""));
    LocalTime to = time(f.required("to", "the local end time, e.g. to: \"07:00\""));
    if (from != null && from.equals(to)) {
      problems.at(f.node("to"), "from and to are both " + from + "; a window needs a different "
          + "end (a window past midnight is written from: \"22:00\", to: \"07:00\")");
    }
    return problems.since(mark) ? null : new QuietPeriod(days, from, to);
  }

  private Set<DayOfWeek> days(YamlNode node) {
    YamlList list = Values.list(node, problems, "e.g. days: [fri, sat]");
    if (list == null) {
      return null;
    }
    if (list.items().isEmpty()) {
      problems.at(node, "days is empty; name at least one day, or remove days for every day");
      return null;
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (YamlNode item : list.items()) {
      String text = Values.text(item, problems);
      if (text == null) {
        continue;
      }
      int index = DAYS.indexOf(text);
      if (index < 0) {
        String guess = Suggestions.closest(text, DAYS).map(c -> "did you mean '" + c + "'? ")
            .orElse("");
        problems.at(item, "'" + text + "' is not a day; " + guess + "allowed: "
            + String.join(", ", DAYS));
      } else {
        days.add(DayOfWeek.of(index + 1));
      }
    }
    return days;
  }

  private LocalTime time(YamlNode node) {
    if (node == null) {
      return null;
    }
    String text = Values.text(node, problems);
    if (text == null) {
      return null;
    }
    Matcher m = TIME.matcher(text.strip());
    if (!m.matches()) {
      problems.at(node, "'" + text + "' is not a time of day; use HH:MM in 24-hour local time, "
          + "quoted, e.g. \"22:00\"");
      return null;
    }
    return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  private List<ActuatorSpec> actuators(YamlNode node) {
    List<ActuatorSpec> actuators = new ArrayList<>();
    if (!(node instanceof YamlMap)) {
      problems.at(node, "expected a map of actuator id to limits, found " + node.kind()
          + "; e.g. actuators: {lamp: {kind: light}}");
      actuatorsUnreadable = true;
      return actuators;
    }
    YamlMap map = (YamlMap) node;
    for (Map.Entry<String, YamlMap.Entry> entry : map.entries().entrySet()) {
      ActuatorSpec spec = actuator(map, entry.getKey(), entry.getValue().value());
      if (spec != null) {
        actuators.add(spec);
      } else {
        unchecked.add(entry.getKey());
      }
    }
    return actuators;
  }

  private ActuatorSpec actuator(YamlMap parent, String id, YamlNode node) {
    int mark = problems.mark();
    Optional<OutputCatalog.Output> output = unreadable.contains(OutputCatalog.deviceOf(id))
        || dmxUnreadable && !outputs.ids().contains(id)
        ? Optional.empty() : outputs.resolve(id, message -> problems.atKey(parent, id, message));
    Fields f = Fields.of(node, problems, "the limits of actuator '" + id + "'", "kind",
        "operations", "range", "ratePerMinute", "maxOnTime", "coolDown", "quietHours", "quietLevel");
    if (f == null) {
      return null;
    }
    ActuatorRole kind = f.choice("kind", ActuatorRole.class, "actuator kind",
        output.map(OutputCatalog.Output::defaultKind).orElse(ActuatorRole.LIGHT));
    boolean position = outputs.isFixturePosition(id);
    // a servo (a pca9685 channel of kind motion, a board-servo) turns to an angle: on would
    // turn it to 1 degree and off to 0 degrees, not to its safe angle
    boolean servo = !position && kind == ActuatorRole.MOTION;
    // a position or a servo has no on and off: its default is set alone
    Set<ActuatorOperation> operations = f.has("operations") ? operations(f.node("operations"))
        : position || servo ? EnumSet.of(ActuatorOperation.SET) : DEFAULT_OPERATIONS;
    if (servo && operations != null && f.has("operations")) {
      List<String> wrong = operations.stream().filter(NOT_FOR_A_POSITION::contains)
          .map(ActuatorOperation::configName).toList();
      if (!wrong.isEmpty()) {
        problems.at(f.node("operations"), "'" + id + "' is a servo (kind motion), whose level is "
            + "an angle: " + String.join(" and ", wrong) + (wrong.size() == 1
            ? " is not an operation" : " are not operations") + " of a servo (on would turn it to "
            + "1 degree, off to 0 degrees rather than its safe angle); a servo takes set, fade, "
            + "pulse and safe");
      }
    }
    if (position && operations != null && f.has("operations")) {
      List<String> wrong = operations.stream().filter(NOT_FOR_A_POSITION::contains)
          .map(ActuatorOperation::configName).toList();
      if (!wrong.isEmpty()) {
        List<String> why = new ArrayList<>();
        if (wrong.contains("on") || wrong.contains("off")) {
          why.add("on would drive it to its end stop, off to 0 rather than home");
        }
        if (wrong.contains("color")) {
          why.add("it has no colour");
        }
        problems.at(f.node("operations"), "'" + id + "' is a DMX fixture's "
            + id.substring(id.lastIndexOf('/') + 1) + ", a position 0..1: "
            + String.join(" and ", wrong) + (wrong.size() == 1 ? " is not an operation"
            : " are not operations") + " of a position (" + String.join("; ", why)
            + "); a position takes set, fade, pulse and safe");
      }
    }
    if (kind != null && position && kind != ActuatorRole.MOTION) {
      problems.at(f.node("kind"), "'" + id + "' is a DMX fixture's " + id.substring(id.lastIndexOf('/') + 1)
          + ", a position 0..1: its kind is motion");
    } else if (kind != null && !position && kind != ActuatorRole.LIGHT && outputs.isFixture(id)) {
      problems.at(f.node("kind"), "'" + id + "' is a DMX fixture: its kind is light");
    } else if (kind == ActuatorRole.MOTION && !position && output.isPresent() && !output.get().angle()) {
      problems.at(f.node("kind"), "kind motion needs a servo (a pca9685 channel or a "
          + "board-servo); '" + id + "' is " + (output.get().channel().isPresent()
          ? "not a servo" : output.get().dimmable() ? "a dimmable output" : "an on/off output")
          + ", use light, sound or switch");
    } else if (kind == ActuatorRole.MOTION && output.isPresent()
        && outputs.activeLowChip(output.get().device())) {
      problems.at(f.node("kind"), "kind motion is a servo, which needs positive pulses; pca9685 '"
          + output.get().device() + "' is activeLow (its loads are on while outputs are low): put "
          + "servos on a pca9685 without activeLow");
    }
    if (kind != null && kind != ActuatorRole.MOTION && output.isPresent()
        && output.get().onlyAngle()) {
      problems.at(f.node("kind"), "'" + id + "' is a board-servo, whose level is an angle; its "
          + "kind is motion (remove kind or write kind: motion)");
    }
    LevelRange range = kind == null ? null : range(f.node("range"), kind, position);
    if (range != null && f.has("range") && output.isPresent() && output.get().onOff()) {
      onOffRange(f.node("range"), id, output.get(), range);
    }
    Long rate = f.integer("ratePerMinute", 1, 6_000, "a number of commands per minute", 60L);
    Duration maxOnTime = f.duration("maxOnTime", null, Duration.ofMillis(100), Duration.ofDays(1));
    Duration coolDown = f.duration("coolDown", null, Duration.ofMillis(100), Duration.ofDays(1));
    if (f.has("coolDown") && !f.has("maxOnTime")) {
      problems.at(f.node("coolDown"), "coolDown is the rest after the max on-time; give maxOnTime "
          + "too, e.g. {maxOnTime: 10m, coolDown: 10m}");
    }
    QuietBehaviour quiet = kind == null ? null : quietBehaviour(f, id, kind);
    Double quietLevel = Checks.number(f, "quietLevel", 0, 1, "a quiet-hours level", null);
    if (quiet != null && f.has("quietLevel") && quiet != QuietBehaviour.CAP) {
      problems.at(f.node("quietLevel"), "quietLevel is the cap during quiet hours; it needs "
          + "quietHours: cap, but '" + id + "' is " + quiet.configName());
    }
    if (quiet == QuietBehaviour.CAP && !f.has("quietLevel")
        && (kind == ActuatorRole.SWITCH || kind == ActuatorRole.MOTION)) {
      problems.at(f.node("quietHours"), "a " + kind.configName() + " capped in quiet hours needs "
          + "its own cap: add quietLevel (0..1), or choose quietHours: block or unaffected");
    }
    if (quiet == QuietBehaviour.CAP && kind == ActuatorRole.MOTION && position) {
      problems.at(f.has("quietHours") ? f.node("quietHours") : f.map(), "quietHours: cap limits "
          + "a brightness, but '" + id + "' is a position: capped, it would move towards 0; write "
          + "quietHours: block (it rests at its home during quiet hours) or unaffected");
    } else if (quiet == QuietBehaviour.CAP && kind == ActuatorRole.MOTION) {
      problems.at(f.has("quietHours") ? f.node("quietHours") : f.map(), "quietHours: cap limits "
          + "a level 0..1, but '" + id + "' is a servo whose level is an angle: capped, it would "
          + "turn to quietLevel degrees (0..1), outside any useful range; write quietHours: block "
          + "(it rests at its safe angle during quiet hours) or unaffected");
    }
    if (range != null && output.isPresent() && output.get().onlyAngle()) {
      outputs.safeAngle(output.get().device()).filter(a -> a < range.min() || a > range.max())
          .ifPresent(a -> problems.at(f.has("range") ? f.node("range") : f.map(), "'" + id
              + "' rests at its safeAngle " + Checks.plain(a) + ", outside its range "
              + Checks.plain(range.min()) + ".." + Checks.plain(range.max()) + "; its safe angle "
              + "must be one the range allows: move safeAngle into the range or widen the range"));
    }
    Double home = homes.get(id);
    if (range != null && position && home != null && (home < range.min() || home > range.max())) {
      String key = id.endsWith("/pan") ? "safePan" : "safeTilt";
      problems.at(f.has("range") ? f.node("range") : f.map(), "'" + id + "' rests at its home, "
          + key + " " + Checks.plain(home) + " of fixture '" + OutputCatalog.deviceOf(id)
          + "', outside its range " + Checks.plain(range.min()) + ".." + Checks.plain(range.max())
          + "; its home must be a position the range allows: move " + key + " into the range or "
          + "widen the range");
    }
    if (problems.since(mark) || output.isEmpty()) {
      return null;
    }
    return new ActuatorSpec(id, output.get().device(), output.get().channel(), kind, operations,
        range, rate.intValue(), Optional.ofNullable(maxOnTime), Optional.ofNullable(coolDown),
        quiet, Optional.ofNullable(quietLevel));
  }

  /**
   * The declared quiet-hours behaviour or the default of the kind; a switch must declare one
   * when the file has quiet hours (a fog machine or a pump is the artist's decision).
   */
  private QuietBehaviour quietBehaviour(Fields f, String id, ActuatorRole kind) {
    if (!f.has("quietHours") && kind == ActuatorRole.SWITCH && quietDeclared) {
      problems.at(f.map(), "'" + id + "' is a switch and the installation has quiet hours; say "
          + "what they do to it: quietHours: block, unaffected, or cap (with quietLevel)");
      return null;
    }
    return f.choice("quietHours", QuietBehaviour.class, "quiet-hours behaviour",
        QuietBehaviour.defaultFor(kind));
  }

  private Set<ActuatorOperation> operations(YamlNode node) {
    YamlList list = Values.list(node, problems, "e.g. operations: [set, on, off]");
    if (list == null) {
      return null;
    }
    Set<ActuatorOperation> operations = EnumSet.noneOf(ActuatorOperation.class);
    for (YamlNode item : list.items()) {
      ActuatorOperation op = Values.choice(item, problems, ActuatorOperation.class, "operation");
      if (op != null) {
        operations.add(op);
      }
    }
    return operations;
  }

  /**
   * An on/off output is off (0) or on (1) and nothing between: a range whose bounds are not 0 or
   * 1 cannot be honoured (a command inside it is refused or would round past it).
   */
  private void onOffRange(YamlNode node, String id, OutputCatalog.Output output, LevelRange range) {
    for (double bound : new double[] {range.min(), range.max()}) {
      if (bound != 0 && bound != 1) {
        String hint = output.what().startsWith("a led")
            ? "; to dim it, give the led a hardware-PWM pin (12, 13, 18 or 19) and "
                + "options: {dimmable: true}, or use a pca9685 channel"
            : "";
        problems.at(node, "range " + Checks.plain(range.min()) + ".." + Checks.plain(range.max())
            + " cannot be honoured by '" + id + "': it is an on/off output (" + output.what()
            + "), only 0 (off) or 1 (on); use min and max of 0 or 1" + hint);
        return;
      }
    }
  }

  /** @param position a DMX fixture's pan or tilt: 0..1 whatever the kind's own top */
  private LevelRange range(YamlNode node, ActuatorRole kind, boolean position) {
    double top = position ? 1 : kind.maxLevel();
    if (node == null) {
      return new LevelRange(0, top);
    }
    Fields f = Fields.of(node, problems, "a level range", "min", "max");
    if (f == null) {
      return null;
    }
    String what = position ? "a position (0..1 over the channel's range)"
        : "a " + kind.configName() + " level";
    Double min = Checks.number(f, "min", 0, top, what, 0.0);
    Double max = Checks.number(f, "max", 0, top, what, top);
    if (min == null || max == null) {
      return null;
    }
    if (min > max) {
      problems.at(node, "min " + Checks.plain(min) + " is above max " + Checks.plain(max));
      return null;
    }
    return new LevelRange(min, max);
  }
}
