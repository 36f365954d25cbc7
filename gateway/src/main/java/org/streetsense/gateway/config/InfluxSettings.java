package org.streetsense.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The InfluxDB sink. With {@code v1} it writes to {@code /write?db=database}; with {@code v2} to
 * {@code /api/v2/write?org=&bucket=} (InfluxDB 1.8+, 2.x, 3.x, VictoriaMetrics).
 *
 * @param url base URL, http or https
 * @param api write API version (default v2)
 * @param database v1 database
 * @param org v2 organisation
 * @param bucket v2 bucket
 * @param token v2 API token reference
 * @param username v1 user name
 * @param password v1 password reference
 * @param batchSize points per write, 1..{@link #MAX_BATCH_SIZE} (default 1000): also the most
 *     points the spool hands to the InfluxDB sink at once
 * @param flushInterval longest time a committed point waits before the spool looks for it again
 *     without a commit notification, and how often an unavailable InfluxDB is looked at (default
 *     1s)
 */
public record InfluxSettings(
    URI url,
    InfluxApi api,
    Optional<String> database,
    Optional<String> org,
    Optional<String> bucket,
    Optional<SecretRef> token,
    Optional<String> username,
    Optional<SecretRef> password,
    int batchSize,
    Duration flushInterval) {

  /** Most points per write: bounds what one batch holds in memory (4 batches may be in flight). */
  public static final int MAX_BATCH_SIZE = 5_000;

  public InfluxSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(flushInterval, "flushInterval");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
  }
}
