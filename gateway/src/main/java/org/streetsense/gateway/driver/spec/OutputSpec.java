package org.streetsense.gateway.driver.spec;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a driver that drives something offers: what each output can do, the role its outputs have
 * when the safety section names none, and its wiring: the active level (whether the load is on
 * while the pin is low, by default) and the safe state a device takes when the file gives none.
 *
 * @param capabilities what an output can do with a value
 * @param defaultRole the actuator role ({@code light}, {@code switch}) when the file names none
 * @param activeLowByDefault whether the load is on while the pin is low unless the file says
 *     {@code activeLow}
 * @param defaultSafeState {@code off} or {@code on}; empty for an output that rests at a position
 *     given by its options instead (a servo's {@code safeAngle}), which then has no {@code safeState}
 */
public record OutputSpec(Set<OutputCapability> capabilities, String defaultRole,
    boolean activeLowByDefault, String defaultSafeState) {

  public OutputSpec {
    Objects.requireNonNull(defaultRole, "defaultRole");
    Objects.requireNonNull(defaultSafeState, "defaultSafeState");
    if (capabilities == null || capabilities.isEmpty()) {
      throw new IllegalArgumentException("an output needs at least one capability");
    }
    capabilities = Set.copyOf(EnumSet.copyOf(capabilities));
    if (!defaultSafeState.equals("off") && !defaultSafeState.equals("on")
        && !defaultSafeState.isEmpty()) {
      throw new IllegalArgumentException("safe state must be off, on or empty, was "
          + defaultSafeState);
    }
  }

  /** An on/off output (LED, relay) with the given role and default active level, safe off. */
  public static OutputSpec onOff(String role, boolean activeLowByDefault) {
    return new OutputSpec(Set.of(OutputCapability.ON_OFF), role, activeLowByDefault, "off");
  }

  /** Whether the file declares its {@code safeState} (on or off). */
  public boolean hasSafeState() {
    return !defaultSafeState.isEmpty();
  }

  /** The capabilities as the docs list them: "on/off", "dimmable 0..1, angle". */
  public String capabilityText() {
    return capabilities.stream().sorted().map(OutputCapability::label)
        .reduce((a, b) -> a + ", " + b).orElse("");
  }
}
