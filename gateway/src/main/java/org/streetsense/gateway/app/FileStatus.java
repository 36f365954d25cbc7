package org.streetsense.gateway.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.status.ActuatorState;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.ConfigSummary;
import org.streetsense.gateway.status.DeviceStatus;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.InstallationInfo;
import org.streetsense.gateway.status.LatestValue;
import org.streetsense.gateway.status.PublicDisclosure;
import org.streetsense.gateway.status.RecentEvent;
import org.streetsense.gateway.status.UplinkStatus;

/**
 * What an installation file alone says, as a {@link GatewayStatus} without a running gateway: no
 * devices, values or events. For offline outputs such as the printed sign, which must say the
 * same as the running gateway's pages (both map the file through {@link StatusMapping}).
 * Immutable.
 */
public final class FileStatus implements GatewayStatus {

  private final Installation installation;
  private final InstallationInfo info;
  private final List<ChannelInfo> channels;
  private final PublicDisclosure disclosure;

  private FileStatus(Installation installation) {
    this.installation = installation;
    this.info = StatusMapping.installation(installation);
    this.channels = StatusMapping.channels(installation);
    this.disclosure = StatusMapping.disclosure(installation);
  }

  /** The status of {@code installation} as its file states it. */
  public static GatewayStatus of(Installation installation) {
    return new FileStatus(installation);
  }

  @Override
  public InstallationInfo installation() {
    return info;
  }

  @Override
  public PublicDisclosure disclosure() {
    return disclosure;
  }

  @Override
  public List<ChannelInfo> channels() {
    return channels;
  }

  @Override
  public List<DeviceStatus> devices() {
    return List.of();
  }

  @Override
  public List<LatestValue> latestValues() {
    return List.of();
  }

  @Override
  public UplinkStatus uplink() {
    return new UplinkStatus(false, installation.uplink().mqtt().pahoUrl(), 0, 0, Duration.ZERO,
        Map.of(), 0, false, 0);
  }

  @Override
  public List<RecentEvent> recentEvents() {
    return List.of();
  }

  @Override
  public List<ActuatorState> actuators() {
    return List.of();
  }

  @Override
  public ConfigSummary config() {
    return new ConfigSummary(installation.source(), "", Instant.now(), List.of(), Map.of());
  }
}
