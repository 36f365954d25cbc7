package org.streetsense.gateway.config;

import java.util.Objects;

/**
 * Which hardware backend to use.
 *
 * @param backend {@code pi4j} on a Raspberry Pi, {@code simulated} elsewhere
 * @param seed seed of the simulated signal models, so a run can be repeated exactly (default 0;
 *     unused for pi4j)
 */
public record HardwareSettings(BackendKind backend, long seed) {

  public HardwareSettings {
    Objects.requireNonNull(backend, "backend");
  }
}
