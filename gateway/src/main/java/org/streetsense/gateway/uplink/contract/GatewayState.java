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
 */
public record GatewayState(
    String installation, boolean online, long ts, long boot, String version,
    List<String> devices) {

  public GatewayState {
    Topics.requireLevel(installation, "installation");
    Objects.requireNonNull(version, "version");
    devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
    if (boot < 0) {
      throw new IllegalArgumentException("boot must be >= 0, was " + boot);
    }
  }

  /** Wire value of the {@code status} field. */
  public String status() {
    return online ? "online" : "offline";
  }
}
