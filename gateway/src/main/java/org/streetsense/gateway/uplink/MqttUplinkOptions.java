package org.streetsense.gateway.uplink;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Immutable configuration of an {@link MqttUplink}, built with {@link #builder()}. Invalid values
 * are refused by the builder with a message naming the option.
 *
 * <p>Defaults: keep-alive 30 s (the broker drops the session, and publishes the will, after
 * 1.5 x keep-alive without traffic, so a dead gateway shows as offline within 45 s), connect
 * timeout 10 s, reconnect delay from 1 s growing to 60 s (reset once a session has stayed up for
 * 10 s), 1000 publishes in flight and 10,000 queued behind them, stop timeout 5 s, clean session.
 */
public final class MqttUplinkOptions {

  private final String serverUri;
  private final String clientId;
  private final Duration keepAlive;
  private final Duration connectTimeout;
  private final Duration reconnectMinDelay;
  private final Duration reconnectMaxDelay;
  private final Duration stableSession;
  private final Duration stopTimeout;
  private final int maxInflight;
  private final int maxQueued;
  private final int maxUnwritten;
  private final String username;
  private final Supplier<char[]> password;
  private final TlsOptions tls;
  private final Supplier<UplinkMessage> will;
  private final Supplier<UplinkMessage> birth;
  private final Long jitterSeed;

  private MqttUplinkOptions(Builder b) {
    this.serverUri = b.serverUri;
    this.clientId = b.clientId;
    this.keepAlive = b.keepAlive;
    this.connectTimeout = b.connectTimeout;
    this.reconnectMinDelay = b.reconnectMinDelay;
    this.reconnectMaxDelay = b.reconnectMaxDelay;
    this.stableSession = b.stableSession;
    this.stopTimeout = b.stopTimeout;
    this.maxInflight = b.maxInflight;
    this.maxQueued = b.maxQueued;
    this.maxUnwritten = b.maxUnwritten;
    this.username = b.username;
    this.password = b.password;
    this.tls = b.tls;
    this.will = b.will;
    this.birth = b.birth;
    this.jitterSeed = b.jitterSeed;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Broker URI, {@code tcp://host:port} or {@code ssl://host:port}. */
  public String serverUri() {
    return serverUri;
  }

  /** MQTT client id; one session per id, a second connection with it takes the session over. */
  public String clientId() {
    return clientId;
  }

  /** MQTT keep-alive interval, whole seconds. */
  public Duration keepAlive() {
    return keepAlive;
  }

  /** How long one connect attempt (TCP, TLS and CONNACK) may take, whole seconds. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Delay before the first retry after a failure; the backoff never goes below it. */
  public Duration reconnectMinDelay() {
    return reconnectMinDelay;
  }

  /** Cap of the exponential reconnect backoff. */
  public Duration reconnectMaxDelay() {
    return reconnectMaxDelay;
  }

  /**
   * How long a session must stay up to count as established: only then does the reconnect
   * backoff start again from {@link #reconnectMinDelay()}, and only then does a suspected
   * client-id takeover end. Sessions that end sooner, three in a row, are reported as a probable
   * takeover ({@link MqttUplink#takeoverSuspected()}).
   */
  public Duration stableSession() {
    return stableSession;
  }

  /** How long {@link MqttUplink#stop()} waits for the offline message and the disconnect. */
  public Duration stopTimeout() {
    return stopTimeout;
  }

  /** Publishes awaiting acknowledgement at most (also Paho's max inflight). */
  public int maxInflight() {
    return maxInflight;
  }

  /** Publishes waiting behind the in-flight ones at most before publish fails as overloaded. */
  public int maxQueued() {
    return maxQueued;
  }

  /**
   * Ordinary publishes handed to the MQTT client and not yet written to the connection, at most;
   * the rest wait in the uplink's queue. An urgent publish ({@link MqttUplink#publishUrgent}) is
   * handed over at once, so it waits behind at most this many publishes to be written before it
   * (decision 0383). Publishes written and awaiting their acknowledgement are not counted: the
   * acknowledgement window stays {@link #maxInflight()}.
   */
  public int maxUnwritten() {
    return maxUnwritten;
  }

  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** Password source, asked on every connect (so a rotated secret file is picked up). */
  public Optional<Supplier<char[]>> password() {
    return Optional.ofNullable(password);
  }

  public Optional<TlsOptions> tls() {
    return Optional.ofNullable(tls);
  }

  /** Last Will, asked on every connect and on stop (when it is published by the uplink). */
  public Optional<Supplier<UplinkMessage>> will() {
    return Optional.ofNullable(will);
  }

  /** Birth message, asked and published after every connect. */
  public Optional<Supplier<UplinkMessage>> birth() {
    return Optional.ofNullable(birth);
  }

  /** Seed of the backoff jitter; empty means a random seed. Tests fix it. */
  public OptionalLong jitterSeed() {
    return jitterSeed == null ? OptionalLong.empty() : OptionalLong.of(jitterSeed);
  }

  @Override
  public String toString() {
    return "MqttUplinkOptions[serverUri=" + serverUri + ", clientId=" + clientId
        + ", username=" + username + ", password=" + (password == null ? "none" : "***")
        + ", tls=" + tls + ", keepAlive=" + keepAlive + "]";
  }

  /** Builder; {@link #build()} checks that the options fit together. */
  public static final class Builder {
    private String serverUri;
    private String clientId;
    private Duration keepAlive = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration reconnectMinDelay = Duration.ofSeconds(1);
    private Duration reconnectMaxDelay = Duration.ofSeconds(60);
    private Duration stableSession = Duration.ofSeconds(10);
    private Duration stopTimeout = Duration.ofSeconds(5);
    private int maxInflight = 1000;
    private int maxQueued = 10_000;
    private int maxUnwritten = 16;
    private String username;
    private Supplier<char[]> password;
    private TlsOptions tls;
    private Supplier<UplinkMessage> will;
    private Supplier<UplinkMessage> birth;
    private Long jitterSeed;

    private Builder() {}

    public Builder serverUri(String uri) {
      Objects.requireNonNull(uri, "serverUri");
      try {
        URI parsed = new URI(uri);
        String scheme = parsed.getScheme();
        if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
          throw new IllegalArgumentException("serverUri must start with tcp:// or ssl://, was '"
              + uri + "'");
        }
        if (parsed.getHost() == null || parsed.getPort() < 1) {
          throw new IllegalArgumentException("serverUri must name a host and a port, e.g. "
              + "tcp://broker.example:1883, was '" + uri + "'");
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("serverUri is not a URI: '" + uri + "'", e);
      }
      this.serverUri = uri;
      return this;
    }

    public Builder clientId(String id) {
      Objects.requireNonNull(id, "clientId");
      if (id.isEmpty() || id.length() > 256) {
        throw new IllegalArgumentException("clientId must be 1 to 256 characters, was '" + id
            + "'");
      }
      this.clientId = id;
      return this;
    }

    public Builder keepAlive(Duration d) {
      this.keepAlive = wholeSeconds(d, "keepAlive", 1, 65_535);
      return this;
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = wholeSeconds(d, "connectTimeout", 1, 3_600);
      return this;
    }

    public Builder reconnectMinDelay(Duration d) {
      this.reconnectMinDelay = positive(d, "reconnectMinDelay");
      return this;
    }

    public Builder reconnectMaxDelay(Duration d) {
      this.reconnectMaxDelay = positive(d, "reconnectMaxDelay");
      return this;
    }

    public Builder stableSession(Duration d) {
      this.stableSession = positive(d, "stableSession");
      return this;
    }

    public Builder stopTimeout(Duration d) {
      this.stopTimeout = positive(d, "stopTimeout");
      return this;
    }

    public Builder maxInflight(int n) {
      if (n < 1 || n > 65_535) {
        throw new IllegalArgumentException("maxInflight must be 1 to 65535, was " + n);
      }
      this.maxInflight = n;
      return this;
    }

    public Builder maxQueued(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxQueued must be >= 0, was " + n);
      }
      this.maxQueued = n;
      return this;
    }

    /** See {@link MqttUplinkOptions#maxUnwritten()}; 1 to 65535, default 16. */
    public Builder maxUnwritten(int n) {
      if (n < 1 || n > 65_535) {
        throw new IllegalArgumentException("maxUnwritten must be 1 to 65535, was " + n);
      }
      this.maxUnwritten = n;
      return this;
    }

    public Builder username(String name) {
      if (name != null && name.isEmpty()) {
        throw new IllegalArgumentException("username must not be empty when given");
      }
      this.username = name;
      return this;
    }

    /** A fixed password; the array is copied. */
    public Builder password(char[] secret) {
      Objects.requireNonNull(secret, "password");
      char[] copy = Arrays.copyOf(secret, secret.length);
      this.password = () -> Arrays.copyOf(copy, copy.length);
      return this;
    }

    /** A password read on every connect, for example from a secret file or the environment. */
    public Builder password(Supplier<char[]> source) {
      this.password = Objects.requireNonNull(source, "password");
      return this;
    }

    public Builder tls(TlsOptions options) {
      this.tls = options;
      return this;
    }

    public Builder will(Supplier<UplinkMessage> message) {
      this.will = message;
      return this;
    }

    public Builder birth(Supplier<UplinkMessage> message) {
      this.birth = message;
      return this;
    }

    public Builder jitterSeed(long seed) {
      this.jitterSeed = seed;
      return this;
    }

    public MqttUplinkOptions build() {
      if (serverUri == null) {
        throw new IllegalStateException("serverUri is required");
      }
      if (clientId == null) {
        throw new IllegalStateException("clientId is required");
      }
      if (reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
        throw new IllegalStateException("reconnectMaxDelay (" + reconnectMaxDelay
            + ") must be >= reconnectMinDelay (" + reconnectMinDelay + ")");
      }
      if (password != null && username == null) {
        throw new IllegalStateException("password is set but username is not");
      }
      if (tls != null && !serverUri.startsWith("ssl://")) {
        throw new IllegalStateException("tls is set but serverUri '" + serverUri
            + "' is not ssl://");
      }
      return new MqttUplinkOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }

    private static Duration wholeSeconds(Duration d, String name, long min, long max) {
      Objects.requireNonNull(d, name);
      if (d.toMillis() % 1000 != 0 || d.toSeconds() < min || d.toSeconds() > max) {
        throw new IllegalArgumentException(name + " must be whole seconds from " + min + " to "
            + max + ", was " + d);
      }
      return d;
    }
  }
}
