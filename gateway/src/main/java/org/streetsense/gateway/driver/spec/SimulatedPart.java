package org.streetsense.gateway.driver.spec;

/**
 * A driver's part of the simulated installation: attaches the chip model or scripts the pin of
 * one device, and the street that drives it. Called once per device when {@code demo} or
 * {@code backend: simulated} starts.
 */
@FunctionalInterface
public interface SimulatedPart {

  /** Nothing to attach (outputs: the backend's pins record what is driven). */
  SimulatedPart NONE = context -> { };

  void attach(SimulationContext context);
}
