package org.streetsense.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The MQTT uplink.
 *
 * @param url broker URL, scheme {@code tcp}, {@code ssl}, {@code mqtt} or {@code mqtts}, with a
 *     port (default 1883, 8883 with TLS)
 * @param clientId MQTT client id (default: the installation id)
 * @param username user name, if the broker wants one
 * @param password password reference, resolved at start-up
 * @param tls TLS settings; present exactly when the scheme is {@code ssl} or {@code mqtts}
 * @param keepAlive keep-alive interval (default 30s)
 * @param qos QoS of published readings, 0 or 1 (default 1)
 * @param readingsPerMessage most readings of one device in one message, 1 to
 *     {@link #MAX_READINGS_PER_MESSAGE} (default 1): with 1 every reading is one JSON object, with
 *     more the readings of a device that the spool hands over together go as JSON arrays of at
 *     most this many, and a paced backlog is handed over in multiples of it; events are always
 *     one object per message (decision 0384)
 * @param topicPrefix first levels of every topic the gateway publishes and subscribes to (default
 *     {@code streetsense/v1}): {@link #MAX_TOPIC_PREFIX_LEVELS} levels and
 *     {@link #MAX_TOPIC_PREFIX_BYTES} at most, see {@link #topicPrefixProblem}
 */
public record MqttSettings(
    URI url,
    String clientId,
    Optional<String> username,
    Optional<SecretRef> password,
    Optional<TlsSettings> tls,
    Duration keepAlive,
    int qos,
    int readingsPerMessage,
    String topicPrefix) {

  public static final String DEFAULT_TOPIC_PREFIX = "streetsense/v1";
  /** Most levels of a topic prefix. */
  public static final int MAX_TOPIC_PREFIX_LEVELS = 16;
  /** Longest topic prefix, in UTF-8 bytes. */
  public static final int MAX_TOPIC_PREFIX_BYTES = 256;
  /** Most readings per message: the most observations the spool hands the MQTT sink at once. */
  public static final int MAX_READINGS_PER_MESSAGE = 500;

  public MqttSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    String wrong = topicPrefixProblem(topicPrefix);
    if (wrong != null) {
      throw new IllegalArgumentException("topicPrefix: " + wrong);
    }
    if (qos != 0 && qos != 1) {
      throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
    }
    if (readingsPerMessage < 1 || readingsPerMessage > MAX_READINGS_PER_MESSAGE) {
      throw new IllegalArgumentException("readingsPerMessage must be 1 to "
          + MAX_READINGS_PER_MESSAGE + ", was " + readingsPerMessage);
    }
  }

  /**
   * What is wrong with {@code prefix} as a topic prefix, or null when it is usable: levels
   * separated by '/', none empty, without the wildcards {@code + #}, NUL or other control
   * characters, not starting with '$' (the broker's own topics), at most
   * {@link #MAX_TOPIC_PREFIX_LEVELS} levels and {@link #MAX_TOPIC_PREFIX_BYTES} bytes. One pass
   * over the text, no recursion, whatever its length.
   */
  public static String topicPrefixProblem(String prefix) {
    String rule = "; use at most " + MAX_TOPIC_PREFIX_LEVELS + " levels separated by '/', "
        + "without wildcards (+ #), control characters, a leading '$' or a leading or trailing "
        + "'/', e.g. city/streetsense/v1";
    if (prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TOPIC_PREFIX_BYTES) {
      return "a topic prefix of " + prefix.length() + " characters is longer than "
          + MAX_TOPIC_PREFIX_BYTES + " bytes" + rule;
    }
    int levels = 1;
    boolean emptyLevel = prefix.isEmpty();
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '/') {
        levels++;
        emptyLevel |= i == 0 || i == prefix.length() - 1 || prefix.charAt(i - 1) == '/';
      } else if (c == '+' || c == '#' || Character.isISOControl(c)) {
        return "'" + prefix + "' is not a topic prefix" + rule;
      }
    }
    if (emptyLevel || prefix.startsWith("$")) {
      return "'" + prefix + "' is not a topic prefix" + rule;
    }
    if (levels > MAX_TOPIC_PREFIX_LEVELS) {
      return "a topic prefix of " + levels + " levels; at most " + MAX_TOPIC_PREFIX_LEVELS
          + " are allowed" + rule;
    }
    return null;
  }

  /** A copy pointing at another broker port, same host and scheme (e.g. {@code --mqtt-port}). */
  public MqttSettings withPort(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    URI moved = URI.create(url.getScheme() + "://" + url.getHost() + ":" + port);
    return new MqttSettings(moved, clientId, username, password, tls, keepAlive, qos,
        readingsPerMessage, topicPrefix);
  }

  /** Whether the connection uses TLS. */
  public boolean secure() {
    return tls.isPresent();
  }

  /** The URL in Paho's spelling: {@code tcp://host:port} or {@code ssl://host:port}. */
  public String pahoUrl() {
    return (secure() ? "ssl" : "tcp") + "://" + url.getHost() + ":" + url.getPort();
  }
}
