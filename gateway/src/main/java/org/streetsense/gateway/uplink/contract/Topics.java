package org.streetsense.gateway.uplink.contract;

import java.util.Objects;

/**
 * Topic names of contract version 1 for one installation:
 * {@code streetsense/v1/<installation>/<device>/<kind>} for device streams and
 * {@code streetsense/v1/<installation>/state} for the gateway's retained state. Installation and
 * device ids become topic levels, so they must be non-empty and free of {@code / + #}, NUL and a
 * leading {@code $}.
 */
public final class Topics {

  /** Prefix of every topic of contract version 1. */
  public static final String ROOT = "streetsense/v1";

  private final String installation;

  public Topics(String installation) {
    this.installation = requireLevel(installation, "installation");
  }

  public String installation() {
    return installation;
  }

  /** {@code streetsense/v1/<installation>/<device>/<kind>}. */
  public String device(String device, TopicKind kind) {
    Objects.requireNonNull(kind, "kind");
    return ROOT + "/" + installation + "/" + requireLevel(device, "device") + "/" + kind.level();
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

  /** The gateway's retained birth/will state: {@code streetsense/v1/<installation>/state}. */
  public String gatewayState() {
    return ROOT + "/" + installation + "/state";
  }

  /** Filter for one kind across all devices: {@code streetsense/v1/<installation>/+/<kind>}. */
  public String allDevices(TopicKind kind) {
    Objects.requireNonNull(kind, "kind");
    return ROOT + "/" + installation + "/+/" + kind.level();
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
