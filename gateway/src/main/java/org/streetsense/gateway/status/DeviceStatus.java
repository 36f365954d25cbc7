package org.streetsense.gateway.status;

import java.time.Instant;
import java.util.Objects;

/**
 * Status of one configured device.
 *
 * @param id device id, unique within the installation
 * @param driver driver name, for example {@code bme280}
 * @param state present and healthy, failing, or absent
 * @param lastError message of the most recent error, or {@code null} if there was none
 * @param lastErrorAt when the most recent error happened, or {@code null}
 * @param errorCount errors since the gateway started, {@code >= 0}
 */
public record DeviceStatus(
    String id,
    String driver,
    DeviceState state,
    String lastError,
    Instant lastErrorAt,
    long errorCount) {

  public DeviceStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(state, "state");
    if (errorCount < 0) {
      throw new IllegalArgumentException("errorCount must be >= 0, was " + errorCount);
    }
  }
}
