package org.streetsense.gateway.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The local HTTP server: public page and read-only API, technician endpoints.
 *
 * @param host bind address (default 0.0.0.0)
 * @param port TCP port, 1..65535 (default 8080)
 * @param token technician token reference; without it technician endpoints are refused
 * @param publicRateLimit per-client limit on public endpoints (default 60/min)
 * @param maxConnections most TCP connections open at once, 1..10000 (default 256); more are
 *     closed as soon as they are accepted
 */
public record HttpSettings(String host, int port, Optional<SecretRef> token,
    RateLimit publicRateLimit, int maxConnections) {

  /** Default of {@link #maxConnections()}. */
  public static final int DEFAULT_MAX_CONNECTIONS = 256;

  public static final HttpSettings DEFAULT = new HttpSettings("0.0.0.0", 8080, Optional.empty(),
      RateLimit.parse("60/min"), DEFAULT_MAX_CONNECTIONS);

  public HttpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(publicRateLimit, "publicRateLimit");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    if (maxConnections < 1 || maxConnections > 10_000) {
      throw new IllegalArgumentException("maxConnections must be 1..10000, was " + maxConnections);
    }
  }
}
