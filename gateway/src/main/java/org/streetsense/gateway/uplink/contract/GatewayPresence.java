package org.streetsense.gateway.uplink.contract;

import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.streetsense.gateway.uplink.MqttUplinkOptions;
import org.streetsense.gateway.uplink.UplinkMessage;

/**
 * Birth and will messages of one gateway run, for {@link MqttUplinkOptions.Builder#birth} and
 * {@link MqttUplinkOptions.Builder#will}: retained, QoS 1, on {@link Topics#gatewayState()},
 * stamped with the current time whenever they are asked for.
 *
 * <pre>{@code
 * GatewayPresence presence = new GatewayPresence(topics, boot, "0.1.0", deviceIds,
 *     System::currentTimeMillis);
 * builder.birth(presence::birth).will(presence::will);
 * }</pre>
 */
public final class GatewayPresence {

  private final Topics topics;
  private final long boot;
  private final String version;
  private final List<String> devices;
  private final LongSupplier clockMillis;
  private final long configVersion;
  private final String configDigest;
  private final PayloadEncoder encoder = new PayloadEncoder();

  public GatewayPresence(Topics topics, long boot, String version, List<String> devices,
      LongSupplier clockMillis) {
    this(topics, boot, version, devices, clockMillis, 0, "unknown");
  }

  /**
   * Presence that also names the installation file in use: {@code configVersion} (0 when never
   * delivered remotely) and {@code configDigest} ({@code sha256:<hex>} of its bytes).
   */
  public GatewayPresence(Topics topics, long boot, String version, List<String> devices,
      LongSupplier clockMillis, long configVersion, String configDigest) {
    this.configVersion = configVersion;
    this.configDigest = Objects.requireNonNull(configDigest, "configDigest");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.boot = boot;
    this.version = Objects.requireNonNull(version, "version");
    this.devices = List.copyOf(devices);
    this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
  }

  /** {@code {"status":"online",...}}, retained. */
  public UplinkMessage birth() {
    return message(true);
  }

  /** {@code {"status":"offline",...}}, retained; registered as the Last Will. */
  public UplinkMessage will() {
    return message(false);
  }

  private UplinkMessage message(boolean online) {
    GatewayState state = new GatewayState(topics.installation(), online,
        clockMillis.getAsLong(), boot, version, devices, configVersion, configDigest);
    return new UplinkMessage(topics.gatewayState(), encoder.state(state), 1, true);
  }
}
