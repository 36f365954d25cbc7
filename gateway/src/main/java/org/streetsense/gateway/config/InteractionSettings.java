package org.streetsense.gateway.config;

import java.util.List;
import java.util.Objects;

/**
 * The interaction sections of an installation: {@code safety}, {@code reflexes} and {@code osc}.
 * The reader has already checked every cross-reference (devices, channels, allow-listed
 * actuators, operations, ranges), so a runtime built from it refuses nothing for config reasons.
 *
 * @param safety the allow-list and quiet hours ({@link SafetySettings#NONE} when absent)
 * @param reflexes local rules, in file order
 * @param osc OSC prefix, snapshot period and input
 */
public record InteractionSettings(SafetySettings safety, List<ReflexSpec> reflexes,
    OscSettings osc) {

  /** No interaction sections: nothing commandable, no reflexes, no OSC input. */
  public static final InteractionSettings NONE =
      new InteractionSettings(SafetySettings.NONE, List.of(), OscSettings.DEFAULT);

  public InteractionSettings {
    Objects.requireNonNull(safety, "safety");
    Objects.requireNonNull(osc, "osc");
    reflexes = List.copyOf(reflexes);
  }
}
