package org.streetsense.gateway.uplink.contract;

import java.util.Objects;

/**
 * Topic names of contract version 1 for one installation:
 * {@code <prefix>/<installation>/<device>/<kind>} for device streams and
 * {@code <prefix>/<installation>/state} for the gateway's retained state. The prefix is
 * {@code uplink.mqtt.topicPrefix} of the installation file, {@link #ROOT} by default; every topic
 * the gateway publishes or subscribes to is built here, so a broker ACL written for the declared
 * prefix matches all of them. Installation and device ids become topic levels, so they must be
 * non-empty and free of {@code / + #}, NUL and a leading {@code $}.
 */
public final class Topics {

  /** The default prefix of every topic of contract version 1. */
  public static final String ROOT = "streetsense/v1";

  private final String prefix;
  private final String installation;

  /** Topics under the default prefix {@link #ROOT}. */
  public Topics(String installation) {
    this(ROOT, installation);
  }

  /**
   * Topics under {@code prefix} (levels separated by '/', each a valid level, as
   * {@code MqttSettings.topicPrefixProblem} checks).
   */
  public Topics(String prefix, String installation) {
    Objects.requireNonNull(prefix, "prefix");
    for (String level : prefix.split("/", -1)) {
      requireLevel(level, "topic prefix level");
    }
    this.prefix = prefix;
    this.installation = requireLevel(installation, "installation");
  }

  /** The first levels of every topic, e.g. {@code streetsense/v1}. */
  public String prefix() {
    return prefix;
  }

  public String installation() {
    return installation;
  }

  /** {@code <prefix>/<installation>/}: every topic of the installation starts with it. */
  public String base() {
    return prefix + "/" + installation + "/";
  }

  /** {@code <prefix>/<installation>/<device>/<kind>}. */
  public String device(String device, TopicKind kind) {
    Objects.requireNonNull(kind, "kind");
    return base() + requireLevel(device, "device") + "/" + kind.level();
  }

  public String reading(String device) {
    return device(device, TopicKind.READING);
  }

  public String event(String device) {
    return device(device, TopicKind.EVENT);
  }

  public String gap(String device) {
    return device(device, TopicKind.GAP);
  }

  /** The gateway's retained birth/will state: {@code <prefix>/<installation>/state}. */
  public String gatewayState() {
    return base() + "state";
  }

  /** Filter for one kind across all devices: {@code <prefix>/<installation>/+/<kind>}. */
  public String allDevices(TopicKind kind) {
    Objects.requireNonNull(kind, "kind");
    return base() + "+/" + kind.level();
  }

  /**
   * The levels between {@code <prefix>/<installation>/} and the last level of {@code topic}
   * (the actuator of a command topic, one or two levels), or "" when the topic is not of this
   * installation or has none.
   */
  public String between(String topic) {
    String start = base();
    int last = topic.lastIndexOf('/');
    if (!topic.startsWith(start) || last < start.length()) {
      return "";
    }
    return topic.substring(start.length(), last);
  }

  /** Checks a value that becomes one topic level; the message names {@code what}. */
  public static String requireLevel(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " id must not be empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || c == '+' || c == '#' || c == '\u0000') {
        throw new IllegalArgumentException(what + " id '" + value
            + "' must not contain '/', '+', '#' or NUL: it becomes an MQTT topic level");
      }
    }
    if (value.charAt(0) == '$') {
      throw new IllegalArgumentException(what + " id '" + value + "' must not start with '$'");
    }
    return value;
  }
}
