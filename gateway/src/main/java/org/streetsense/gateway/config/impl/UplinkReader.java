package org.streetsense.gateway.config.impl;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.streetsense.gateway.config.MqttSettings;
import org.streetsense.gateway.config.SecretRef;
import org.streetsense.gateway.config.TlsSettings;
import org.streetsense.gateway.config.UplinkSettings;

/** Reads {@code uplink.mqtt}. */
final class UplinkReader {

  private final Problems problems;

  UplinkReader(Problems problems) {
    this.problems = problems;
  }

  /** @param installation the installation id (default client id), or null if it is broken */
  UplinkSettings read(YamlNode node, String installation) {
    Fields f = Fields.of(node, problems, "the uplink", "mqtt");
    if (f == null) {
      return null;
    }
    YamlNode mqtt = f.required("mqtt", "the MQTT broker, e.g. mqtt: {url: tcp://localhost:1883}");
    if (mqtt == null) {
      return null;
    }
    MqttSettings settings = mqtt(mqtt, installation);
    return settings == null ? null : new UplinkSettings(settings);
  }

  private MqttSettings mqtt(YamlNode node, String installation) {
    int mark = problems.mark();
    Fields f = Fields.of(node, problems, "the MQTT uplink", "url", "clientId", "username",
        "password", "tls", "keepAlive", "qos", "readingsPerMessage", "topicPrefix");
    if (f == null) {
      return null;
    }
    URI url = url(f);
    String clientId = f.text("clientId", installation);
    if (clientId != null && !clientId.matches("[A-Za-z0-9._-]{1,64}")) {
      problems.at(f.node("clientId"), "'" + clientId + "' is not a usable client id; use 1..64 "
          + "letters, digits, '.', '_' or '-'");
    }
    Optional<String> username = Optional.ofNullable(f.text("username", null));
    Optional<SecretRef> password = f.secret("password");
    if (password.isPresent() && username.isEmpty()) {
      problems.atKey(f.map(), "password", "password needs a username; add username");
    }
    Optional<TlsSettings> tls = tls(f, url);
    Duration keepAlive = f.duration("keepAlive", Duration.ofSeconds(30), Duration.ofSeconds(1),
        Duration.ofSeconds(65_535));
    Long qos = f.integer("qos", 0, 1, "a supported QoS level", 1L);
    Long perMessage = f.integer("readingsPerMessage", 1, MqttSettings.MAX_READINGS_PER_MESSAGE,
        "a number of readings per message", 1L);
    String prefix = f.text("topicPrefix", MqttSettings.DEFAULT_TOPIC_PREFIX);
    String wrong = prefix == null ? null : MqttSettings.topicPrefixProblem(prefix);
    if (wrong != null) {
      problems.at(f.node("topicPrefix"), wrong);
    }
    if (problems.since(mark) || installation == null && clientId == null) {
      return null;
    }
    return new MqttSettings(url, clientId, username, password, tls, keepAlive, qos.intValue(),
        perMessage.intValue(), prefix);
  }

  private URI url(Fields f) {
    String text = f.requiredText("url", "the broker URL, e.g. tcp://localhost:1883 or "
        + "ssl://broker.example.org:8883");
    if (text == null) {
      return null;
    }
    String allowed = "allowed tcp://, ssl://, mqtt:// or mqtts:// with a host, e.g. "
        + "tcp://localhost:1883";
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean secure = scheme.equals("ssl") || scheme.equals("mqtts");
      if (!secure && !scheme.equals("tcp") && !scheme.equals("mqtt")) {
        problems.at(f.node("url"), "'" + text + "' is not an MQTT broker URL; " + allowed);
        return null;
      }
      if (uri.getHost() == null) {
        problems.at(f.node("url"), "'" + text + "' has no host; " + allowed);
        return null;
      }
      int port = uri.getPort() > 0 ? uri.getPort() : secure ? 8883 : 1883;
      return new URI(secure ? "ssl" : "tcp", null, uri.getHost(), port, null, null, null);
    } catch (URISyntaxException e) {
      problems.at(f.node("url"), "'" + text + "' is not a URL; " + allowed);
      return null;
    }
  }

  private Optional<TlsSettings> tls(Fields f, URI url) {
    YamlNode node = f.node("tls");
    boolean secure = url != null && url.getScheme().equals("ssl");
    if (node == null) {
      return secure ? Optional.of(TlsSettings.DEFAULT) : Optional.empty();
    }
    if (url != null && !secure) {
      problems.atKey(f.map(), "tls", "tls needs a TLS broker URL; use ssl:// or mqtts:// "
          + "(usually port 8883) instead of " + f.text("url", "") + ", or remove tls");
      return Optional.empty();
    }
    return Optional.ofNullable(tlsSettings(node, problems));
  }

  /** Reads a TLS block; shared with other sections that need TLS. */
  static TlsSettings tlsSettings(YamlNode node, Problems problems) {
    Fields t = Fields.of(node, problems, "TLS settings", "caFile", "certFile", "keyFile",
        "insecureSkipVerify");
    if (t == null) {
      return null;
    }
    int mark = problems.mark();
    Optional<Path> ca = Optional.ofNullable(t.text("caFile", null)).map(Path::of);
    Optional<Path> cert = Optional.ofNullable(t.text("certFile", null)).map(Path::of);
    Optional<Path> key = Optional.ofNullable(t.text("keyFile", null)).map(Path::of);
    Boolean insecure = t.bool("insecureSkipVerify", false);
    if (cert.isPresent() != key.isPresent()) {
      String given = cert.isPresent() ? "certFile" : "keyFile";
      problems.atKey(t.map(), given, (cert.isPresent() ? "certFile needs keyFile"
          : "keyFile needs certFile") + "; client certificates take both, or neither");
    }
    if (cert.isPresent() && key.isPresent() && ca.isEmpty()) {
      // without it the client certificate could not be used (decision 0266)
      problems.atKey(t.map(), "certFile", "a client certificate needs caFile, the PEM CA "
          + "certificates that signed the broker's certificate");
    }
    if (Boolean.TRUE.equals(insecure)) {
      // not honoured and not to be: give the broker's CA instead (decision 0266)
      problems.atKey(t.map(), "insecureSkipVerify", "the broker's certificate is always "
          + "verified; for a bench broker with its own CA give caFile, or remove "
          + "insecureSkipVerify");
    }
    if (problems.since(mark) || insecure == null) {
      return null;
    }
    return new TlsSettings(ca, cert, key, insecure);
  }
}
