package org.streetsense.gateway.uplink.contract;

import java.util.List;
import java.util.Objects;

/**
 * The gateway's session state, published retained on {@link Topics#gatewayState()}: the birth
 * message ({@code online}) after every connect, and the same shape with {@code offline} as the
 * Last Will and on a clean stop. {@code boot} matches a death to its birth.
 *
 * @param installation installation id
 * @param online whether the gateway is online
 * @param ts when the message was made, Unix milliseconds (for a will: when it was registered)
 * @param boot boot counter, persisted by the caller and incremented on every gateway start
 * @param version gateway software version, for example {@code 0.1.0}
 * @param devices device ids of the installation, in configuration order
 * @param configVersion version of the installation file in use: the version it was delivered
 *     with over {@code config/set}, 0 for a file that was never delivered remotely
 * @param configDigest {@code sha256:<hex>} of the installation file's bytes
 */
public record GatewayState(
    String installation, boolean online, long ts, long boot, String version,
    List<String> devices, long configVersion, String configDigest) {

  /** A state without configuration stamp (version 0, digest {@code unknown}). */
  public GatewayState(String installation, boolean online, long ts, long boot, String version,
      List<String> devices) {
    this(installation, online, ts, boot, version, devices, 0, "unknown");
  }

  public GatewayState {
    Topics.requireLevel(installation, "installation");
    Objects.requireNonNull(version, "version");
    devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
    Objects.requireNonNull(configDigest, "configDigest");
    if (configVersion < 0) {
      throw new IllegalArgumentException("configVersion must be >= 0, was " + configVersion);
    }
    if (boot < 0) {
      throw new IllegalArgumentException("boot must be >= 0, was " + boot);
    }
  }

  /** Wire value of the {@code status} field. */
  public String status() {
    return online ? "online" : "offline";
  }
}
