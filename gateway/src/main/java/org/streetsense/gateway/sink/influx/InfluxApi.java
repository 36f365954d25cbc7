package org.streetsense.gateway.sink.influx;

/** Which InfluxDB write endpoint the sink uses. */
public enum InfluxApi {
  /**
   * {@code /api/v2/write} with org, bucket and token, through influxdb-client-java's blocking
   * write API: InfluxDB 1.8+ (bucket {@code db/rp}, token {@code user:password}), 2.x, 3.x and
   * VictoriaMetrics.
   */
  V2,
  /** {@code /write?db=} with username and password: InfluxDB 1.x before 1.8 (Debian's 1.6.7). */
  V1
}
