package org.streetsense.gateway.http;

/**
 * When {@code /health} reports the gateway not ready.
 *
 * @param spoolFillLimit spool fill (0..1 of its cap) at or above which the gateway is not ready
 * @param brokerRequired whether a broker connection is needed to be ready
 * @param devicesRequired whether every device must be OK (not faulty, not absent) to be ready
 */
public record HealthThresholds(double spoolFillLimit, boolean brokerRequired,
    boolean devicesRequired) {

  /** Not ready at 90 % spool fill, without a broker, or with a faulty or absent device. */
  public static final HealthThresholds DEFAULT = new HealthThresholds(0.9, true, true);

  public HealthThresholds {
    if (!(spoolFillLimit > 0 && spoolFillLimit <= 1)) {
      throw new IllegalArgumentException(
          "spoolFillLimit must be within (0, 1], was " + spoolFillLimit);
    }
  }
}
