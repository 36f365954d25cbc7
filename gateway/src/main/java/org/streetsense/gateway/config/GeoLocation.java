package org.streetsense.gateway.config;

/**
 * Where an installation stands, in WGS84 decimal degrees.
 *
 * @param lat latitude, -90..90
 * @param lon longitude, -180..180
 */
public record GeoLocation(double lat, double lon) {

  public GeoLocation {
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("lat must be -90..90 and lon -180..180");
    }
  }
}
