package org.streetsense.gateway.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.Operation;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.hardware.TimeSource;
import org.streetsense.gateway.osc.ChannelRange;
import org.streetsense.gateway.osc.OscOut;
import org.streetsense.gateway.osc.OscTarget;
import org.streetsense.gateway.reflex.ReflexRule;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;

/** Builds the safety policy, reflexes and OSC bridge of an installation. */
final class Interaction {

  private Interaction() {}

  static SafetyPolicy policy(Installation inst, List<Actuator> actuators) {
    List<ActuatorLimits> limits = actuators.stream()
        .map(a -> ActuatorLimits.builder(a.id())
            .operations(EnumSet.of(Operation.SET, Operation.ON, Operation.OFF, Operation.PULSE, Operation.FADE))
            .build())
        .toList();
    return new SafetyPolicy(limits, QuietHours.none(), System::currentTimeMillis, System::nanoTime);
  }

  static List<ReflexRule> reflexes(Installation inst) {
    return List.of();
  }

  static Optional<OscOut> osc(Installation inst, CommandProcessor commands, TimeSource time) {
    if (inst.sinks().osc().isEmpty()) {
      return Optional.empty();
    }
    Map<String, ChannelRange> ranges = new HashMap<>();
    for (DeviceSpec d : inst.devices()) {
      for (ChannelSpec c : d.channels()) {
        c.range().filter(r -> r.min() < r.max())
            .ifPresent(r -> ranges.put(d.id() + "/" + c.name(), new ChannelRange(r.min(), r.max())));
      }
    }
    List<OscTarget> targets = inst.sinks().osc().stream()
        .map(t -> OscTarget.builder(t.host(), t.port()).normalise(t.normalise()).bundle(t.bundle()).build())
        .toList();
    try {
      return Optional.of(new OscOut(targets, ranges));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open OSC targets: " + e.getMessage(), e);
    }
  }
}
