package org.streetsense.gateway.status;

import java.util.Objects;

/**
 * Where an installation stands.
 *
 * @param latitude WGS 84 degrees, -90..90
 * @param longitude WGS 84 degrees, -180..180
 * @param label human-readable place, for example {@code Hlavné námestie, Košice}
 */
public record Location(double latitude, double longitude, String label) {

  public Location {
    Objects.requireNonNull(label, "label");
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be within -90..90, was " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be within -180..180, was " + longitude);
    }
  }
}
