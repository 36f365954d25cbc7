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
 * @param topicPrefix first topic levels (default {@code streetsense/v1})
 */
public record MqttSettings(
    URI url,
    String clientId,
    Optional<String> username,
    Optional<SecretRef> password,
    Optional<TlsSettings> tls,
    Duration keepAlive,
    int qos,
    String topicPrefix) {

  public static final String DEFAULT_TOPIC_PREFIX = "streetsense/v1";

  public MqttSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    if (qos != 0 && qos != 1) {
      throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
    }
  }

  /** A copy pointing at another broker port, same host and scheme (e.g. {@code --mqtt-port}). */
  public MqttSettings withPort(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    URI moved = URI.create(url.getScheme() + "://" + url.getHost() + ":" + port);
    return new MqttSettings(moved, clientId, username, password, tls, keepAlive, qos, topicPrefix);
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
