package org.streetsense.gateway.http;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.streetsense.gateway.status.ObservationBus;

/**
 * Immutable configuration of the HTTP surfaces. Build with {@link #builder()}; every setter
 * validates and names the offending option.
 */
public final class HttpSurfaceOptions {

  private final String host;
  private final int port;
  private final Supplier<char[]> token;
  private final Duration sessionTtl;
  private final boolean secureCookies;
  private final MetricsAccess metricsAccess;
  private final LoginThrottleOptions loginThrottle;
  private final RateLimitOptions publicRateLimit;
  private final HealthThresholds health;
  private final Duration historyMaxRange;
  private final int historyMaxPoints;
  private final Duration statusPushInterval;
  private final Duration streamHeartbeat;
  private final String observationAddress;
  private final int maxTrackedClients;
  private final int maxConnections;
  private final int maxConnectionsPerAddress;
  private final Duration idleTimeout;
  private final Duration requestTimeout;

  private HttpSurfaceOptions(Builder b) {
    host = b.host;
    port = b.port;
    token = Objects.requireNonNull(b.token, "token: a dashboard token supplier is required");
    sessionTtl = b.sessionTtl;
    secureCookies = b.secureCookies;
    metricsAccess = b.metricsAccess;
    loginThrottle = b.loginThrottle;
    publicRateLimit = b.publicRateLimit;
    health = b.health;
    historyMaxRange = b.historyMaxRange;
    historyMaxPoints = b.historyMaxPoints;
    statusPushInterval = b.statusPushInterval;
    streamHeartbeat = b.streamHeartbeat;
    observationAddress = b.observationAddress;
    maxTrackedClients = b.maxTrackedClients;
    maxConnections = b.maxConnections;
    maxConnectionsPerAddress = b.maxConnectionsPerAddress;
    idleTimeout = b.idleTimeout;
    requestTimeout = b.requestTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Interface to bind; default {@code 0.0.0.0}. */
  public String host() {
    return host;
  }

  /** TCP port; 0 picks a free one (see {@link HttpSurface#actualPort()}); default 8080. */
  public int port() {
    return port;
  }

  /** Supplier of a fresh copy of the dashboard token on each call; the caller wipes it. */
  public Supplier<char[]> token() {
    return token;
  }

  /** How long a dashboard session lasts after login; default 12 hours. */
  public Duration sessionTtl() {
    return sessionTtl;
  }

  /** Whether the session cookie carries {@code Secure} (behind TLS); default false. */
  public boolean secureCookies() {
    return secureCookies;
  }

  /** Who may read {@code /metrics}; default {@link MetricsAccess#LOCALHOST_OR_TOKEN}. */
  public MetricsAccess metricsAccess() {
    return metricsAccess;
  }

  public LoginThrottleOptions loginThrottle() {
    return loginThrottle;
  }

  public RateLimitOptions publicRateLimit() {
    return publicRateLimit;
  }

  public HealthThresholds health() {
    return health;
  }

  /** Longest time range of one history export or aggregate window; default 7 days. */
  public Duration historyMaxRange() {
    return historyMaxRange;
  }

  /** Most points in one history export; default 10,000. */
  public int historyMaxPoints() {
    return historyMaxPoints;
  }

  /** How often the dashboard stream pushes device, uplink and health status; default 2 s. */
  public Duration statusPushInterval() {
    return statusPushInterval;
  }

  /** Interval of keep-alive comments on the dashboard stream; default 15 s. */
  public Duration streamHeartbeat() {
    return streamHeartbeat;
  }

  /** Event-bus address of live observations; default {@value ObservationBus#ADDRESS}. */
  public String observationAddress() {
    return observationAddress;
  }

  /** Most client addresses tracked by the login throttle and rate limiter; default 10,000. */
  public int maxTrackedClients() {
    return maxTrackedClients;
  }

  /**
   * Most TCP connections open at once; a connection beyond it is closed as soon as it is accepted
   * (and counted). Default {@value #DEFAULT_MAX_CONNECTIONS}.
   */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * Most TCP connections open at once from one client address, so one address cannot take every
   * slot; default 32. Behind a reverse proxy on the same host every client shares one address:
   * raise it to {@link #maxConnections()} there.
   */
  public int maxConnectionsPerAddress() {
    return maxConnectionsPerAddress;
  }

  /**
   * A connection on which nothing is read or written for this long is closed; default 30 s (the
   * dashboard stream's heartbeat keeps a live stream busy well within it).
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * Deadline of a request's head, counted from the connection's opening or the end of the
   * previous response, and of its body, counted from its head; a connection that misses it is
   * closed (and counted). Default 10 s.
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Default of {@link #maxConnections()}. */
  public static final int DEFAULT_MAX_CONNECTIONS = 256;

  /** Builder of {@link HttpSurfaceOptions}. Not thread-safe. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 8080;
    private Supplier<char[]> token;
    private Duration sessionTtl = Duration.ofHours(12);
    private boolean secureCookies;
    private MetricsAccess metricsAccess = MetricsAccess.LOCALHOST_OR_TOKEN;
    private LoginThrottleOptions loginThrottle = LoginThrottleOptions.DEFAULT;
    private RateLimitOptions publicRateLimit = RateLimitOptions.DEFAULT;
    private HealthThresholds health = HealthThresholds.DEFAULT;
    private Duration historyMaxRange = Duration.ofDays(7);
    private int historyMaxPoints = 10_000;
    private Duration statusPushInterval = Duration.ofSeconds(2);
    private Duration streamHeartbeat = Duration.ofSeconds(15);
    private String observationAddress = ObservationBus.ADDRESS;
    private int maxTrackedClients = 10_000;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int maxConnectionsPerAddress = 32;
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofSeconds(10);

    private Builder() {}

    public Builder host(String host) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be within 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** See {@link TokenSources} for suppliers from env or a file. */
    public Builder token(Supplier<char[]> token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    public Builder sessionTtl(Duration ttl) {
      this.sessionTtl = positive(ttl, "sessionTtl");
      return this;
    }

    public Builder secureCookies(boolean secure) {
      this.secureCookies = secure;
      return this;
    }

    public Builder metricsAccess(MetricsAccess access) {
      this.metricsAccess = Objects.requireNonNull(access, "metricsAccess");
      return this;
    }

    public Builder loginThrottle(LoginThrottleOptions throttle) {
      this.loginThrottle = Objects.requireNonNull(throttle, "loginThrottle");
      return this;
    }

    public Builder publicRateLimit(RateLimitOptions limit) {
      this.publicRateLimit = Objects.requireNonNull(limit, "publicRateLimit");
      return this;
    }

    public Builder health(HealthThresholds thresholds) {
      this.health = Objects.requireNonNull(thresholds, "health");
      return this;
    }

    public Builder historyMaxRange(Duration range) {
      this.historyMaxRange = positive(range, "historyMaxRange");
      return this;
    }

    public Builder historyMaxPoints(int points) {
      if (points < 1) {
        throw new IllegalArgumentException("historyMaxPoints must be >= 1, was " + points);
      }
      this.historyMaxPoints = points;
      return this;
    }

    public Builder statusPushInterval(Duration interval) {
      this.statusPushInterval = atLeastMillis(interval, "statusPushInterval");
      return this;
    }

    public Builder streamHeartbeat(Duration interval) {
      this.streamHeartbeat = atLeastMillis(interval, "streamHeartbeat");
      return this;
    }

    public Builder observationAddress(String address) {
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException("observationAddress must not be blank");
      }
      this.observationAddress = address;
      return this;
    }

    public Builder maxTrackedClients(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxTrackedClients must be >= 1, was " + max);
      }
      this.maxTrackedClients = max;
      return this;
    }

    public Builder maxConnections(int max) {
      if (max < 1 || max > 100_000) {
        throw new IllegalArgumentException("maxConnections must be within 1..100000, was " + max);
      }
      this.maxConnections = max;
      return this;
    }

    public Builder maxConnectionsPerAddress(int max) {
      if (max < 1 || max > 100_000) {
        throw new IllegalArgumentException(
            "maxConnectionsPerAddress must be within 1..100000, was " + max);
      }
      this.maxConnectionsPerAddress = max;
      return this;
    }

    /** Whole seconds, at least 1 s. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = wholeSeconds(timeout, "idleTimeout");
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = atLeastMillis(timeout, "requestTimeout");
      return this;
    }

    /**
     * @throws NullPointerException naming {@code token} if no token supplier was set
     */
    public HttpSurfaceOptions build() {
      return new HttpSurfaceOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }

    private static Duration wholeSeconds(Duration d, String name) {
      positive(d, name);
      if (d.toSeconds() < 1 || d.toNanos() % 1_000_000_000L != 0) {
        throw new IllegalArgumentException(name + " must be whole seconds, at least 1 s, was " + d);
      }
      return d;
    }

    private static Duration atLeastMillis(Duration d, String name) {
      positive(d, name);
      if (d.toMillis() < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 ms, was " + d);
      }
      return d;
    }
  }
}
