package org.streetsense.gateway.app;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.config.ActuatorOperation;
import org.streetsense.gateway.config.ActuatorRole;
import org.streetsense.gateway.config.ActuatorSpec;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InteractionSettings;
import org.streetsense.gateway.config.OscListen;
import org.streetsense.gateway.config.QuietHoursSpec;
import org.streetsense.gateway.config.QuietPeriod;
import org.streetsense.gateway.config.ReflexSpec;
import org.streetsense.gateway.config.ReflexStep;
import org.streetsense.gateway.config.ReflexWhen;
import org.streetsense.gateway.osc.ChannelRange;
import org.streetsense.gateway.osc.OscTarget;
import org.streetsense.gateway.reflex.ReflexAction;
import org.streetsense.gateway.reflex.ReflexRule;
import org.streetsense.gateway.reflex.ReflexTrigger;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.QuietRule;
import org.streetsense.gateway.safety.QuietWindow;

/**
 * The runtime objects of an installation's interaction sections, ready to wire:
 * {@code new SafetyPolicy(plan.limits(), plan.quietHours(), plan.maxDuration(), wall, mono)},
 * {@code new ReflexEngine(plan.reflexes(), processor, time)},
 * {@code new OscOut(plan.oscTargets(), plan.oscRanges())} and, when {@link #oscListen()} is
 * present, {@code new OscIn(plan.oscListen().get(), plan.oscPrefix(), processor, time)}.
 *
 * <p>Built by {@link #from(Installation)} from a loaded installation, whose reader has already
 * checked every reference, so building never fails for a loaded file. Immutable.
 *
 * @param limits one entry per allow-listed actuator, in file order
 * @param quietHours quiet windows in the installation's zone with the light and sound limits
 * @param reflexes local rules, in file order
 * @param kinds actuator kind by actuator id, in file order
 * @param oscTargets where readings and events go, with the installation's OSC prefix
 * @param oscRanges declared channel ranges by {@code device/channel}, for normalised targets
 * @param oscListen where OSC commands are received; empty when the input is off
 * @param oscPrefix the OSC address prefix of both directions, e.g. {@code /streetsense}
 * @param snapshotInterval period of snapshot bundles ({@code OscOut.sendSnapshot()})
 * @param maxDuration the longest pulse or fade ({@code safety.maxDuration}), for the policy
 */
public record InteractionPlan(
    List<ActuatorLimits> limits,
    QuietHours quietHours,
    List<ReflexRule> reflexes,
    Map<String, ActuatorKind> kinds,
    List<OscTarget> oscTargets,
    Map<String, ChannelRange> oscRanges,
    Optional<InetSocketAddress> oscListen,
    String oscPrefix,
    Duration snapshotInterval,
    Duration maxDuration) {

  public InteractionPlan {
    limits = List.copyOf(limits);
    Objects.requireNonNull(quietHours, "quietHours");
    reflexes = List.copyOf(reflexes);
    kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    oscTargets = List.copyOf(oscTargets);
    oscRanges = Map.copyOf(oscRanges);
    Objects.requireNonNull(oscListen, "oscListen");
    Objects.requireNonNull(oscPrefix, "oscPrefix");
    Objects.requireNonNull(snapshotInterval, "snapshotInterval");
    Objects.requireNonNull(maxDuration, "maxDuration");
  }

  /** Maps the interaction sections of {@code installation}. Does no I/O. */
  public static InteractionPlan from(Installation installation) {
    InteractionSettings settings = installation.interaction();
    List<ActuatorLimits> limits = new ArrayList<>();
    Map<String, ActuatorKind> kinds = new LinkedHashMap<>();
    for (ActuatorSpec a : settings.safety().actuators()) {
      limits.add(limits(a, settings.safety().quietHours()));
      kinds.put(a.id(), kind(a.kind()));
    }
    List<ReflexRule> reflexes = new ArrayList<>();
    for (ReflexSpec r : settings.reflexes()) {
      reflexes.add(new ReflexRule(r.name(), trigger(r.when()), r.every(), r.cooldown(),
          r.actions().stream().map(InteractionPlan::action).toList()));
    }
    String prefix = settings.osc().prefix();
    List<OscTarget> targets = installation.sinks().osc().stream()
        .map(t -> OscTarget.builder(t.host(), t.port()).normalise(t.normalise())
            .bundle(t.bundle()).prefix(prefix).build())
        .toList();
    Optional<InetSocketAddress> listen = settings.osc().listen().map(InteractionPlan::address);
    return new InteractionPlan(limits, quietHours(installation), reflexes, kinds, targets,
        ranges(installation.devices()), listen, prefix, settings.osc().snapshotInterval(),
        settings.safety().maxDuration());
  }

  /** The kind of {@code actuator}, if it is allow-listed. */
  public Optional<ActuatorKind> kindOf(String actuator) {
    return Optional.ofNullable(kinds.get(actuator));
  }

  private static ActuatorLimits limits(ActuatorSpec a, QuietHoursSpec quiet) {
    Set<Operation> ops = EnumSet.noneOf(Operation.class);
    a.operations().forEach(op -> ops.add(operation(op)));
    ActuatorLimits.Builder builder = ActuatorLimits.builder(a.id()).operations(ops)
        .range(a.range().min(), a.range().max()).commandsPerMinute(a.ratePerMinute());
    a.maxOnTime().ifPresent(builder::maxOnTime);
    a.coolDown().ifPresent(builder::coolDown);
    builder.quiet(switch (a.quietHours()) {
      case CAP -> QuietRule.cap(a.quietLevel().orElse(a.kind() == ActuatorRole.SOUND ? quiet.sound()
          : quiet.light()));
      case BLOCK -> QuietRule.block();
      case UNAFFECTED -> QuietRule.unaffected();
    });
    return builder.build();
  }

  private static QuietHours quietHours(Installation installation) {
    var safety = installation.interaction().safety();
    List<QuietWindow> windows = new ArrayList<>();
    for (QuietPeriod p : safety.quietHours().windows()) {
      windows.add(new QuietWindow(p.days(), p.from(), p.to()));
    }
    return new QuietHours(windows, safety.timezone(), safety.quietHours().light(),
        safety.quietHours().sound());
  }

  private static ReflexTrigger trigger(ReflexWhen when) {
    if (when.event().isPresent()) {
      return ReflexTrigger.onEvent(when.device(), when.channel().orElse(null),
          when.event().get().configName());
    }
    String channel = when.channel().orElseThrow();
    return when.above().isPresent()
        ? ReflexTrigger.above(when.device(), channel, when.above().getAsDouble())
        : ReflexTrigger.below(when.device(), channel, when.below().getAsDouble());
  }

  private static ReflexAction action(ReflexStep step) {
    return new ReflexAction(step.actuator(), operation(step.op()),
        step.value().orElse(Double.NaN), step.duration().orElse(Duration.ZERO), step.colour());
  }

  private static Map<String, ChannelRange> ranges(List<DeviceSpec> devices) {
    Map<String, ChannelRange> ranges = new LinkedHashMap<>();
    for (DeviceSpec d : devices) {
      for (ChannelSpec c : d.channels()) {
        c.range().ifPresent(r -> ranges.put(d.id() + "/" + c.name(),
            new ChannelRange(r.min(), r.max())));
      }
    }
    return ranges;
  }

  private static InetSocketAddress address(OscListen listen) {
    return new InetSocketAddress(listen.host(), listen.port());
  }

  static ActuatorKind kind(ActuatorRole role) {
    return switch (role) {
      case LIGHT -> ActuatorKind.LIGHT;
      case SOUND -> ActuatorKind.SOUND;
      case MOTION -> ActuatorKind.MOTION;
      case SWITCH -> ActuatorKind.SWITCH;
    };
  }

  static Operation operation(ActuatorOperation op) {
    return switch (op) {
      case SET -> Operation.SET;
      case ON -> Operation.ON;
      case OFF -> Operation.OFF;
      case PULSE -> Operation.PULSE;
      case FADE -> Operation.FADE;
      case SAFE -> Operation.SAFE;
      case COLOR -> Operation.COLOR;
    };
  }
}
