package org.streetsense.gateway.status;

import java.util.List;

/**
 * Read model of a running gateway, for the HTTP surfaces (dashboard, health, public data).
 *
 * <p>Threading: every method may be called from a Vert.x event-loop thread and must return
 * quickly without blocking (return a snapshot kept up to date elsewhere). Implementations are
 * thread-safe. Returned collections are immutable snapshots.
 */
public interface GatewayStatus {

  /** Identity of the installation; stable for the life of the process. */
  InstallationInfo installation();

  /** Every configured device, in configuration order. */
  List<DeviceStatus> devices();

  /** Every configured channel, public and private, in configuration order. */
  List<ChannelInfo> channels();

  /** The latest accepted reading of each channel that has one. */
  List<LatestValue> latestValues();

  /** State of the uplink and spool. */
  UplinkStatus uplink();

  /** Recent interaction events, newest first, at most a few dozen. */
  List<RecentEvent> recentEvents();

  /** Current actuator states, in configuration order. */
  List<ActuatorState> actuators();

  /** Summary of the running configuration. */
  ConfigSummary config();

  /** The network listeners with a receive loop of their own (OSC input); empty when none. */
  default List<ListenerStatus> listeners() {
    return List.of();
  }

  /**
   * Where data goes and what the piece does back, for the citizens' page. The default discloses
   * nothing beyond the UTC zone; the running gateway derives it from the installation file.
   */
  default PublicDisclosure disclosure() {
    return PublicDisclosure.minimal(java.time.ZoneOffset.UTC);
  }
}
