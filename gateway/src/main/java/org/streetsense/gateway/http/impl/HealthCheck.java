package org.streetsense.gateway.http.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.streetsense.gateway.http.HealthThresholds;
import org.streetsense.gateway.status.DeviceState;
import org.streetsense.gateway.status.DeviceStatus;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.ListenerStatus;
import org.streetsense.gateway.status.UplinkStatus;

/** Computes {@link HealthReport}s from a {@link GatewayStatus} and {@link HealthThresholds}. */
final class HealthCheck {

  /** The reason given while a client-id takeover is probable. */
  static final String TAKEOVER = "client id takeover: the broker keeps ending the MQTT session "
      + "soon after accepting it; another client probably uses this gateway's client id (or the "
      + "broker keeps restarting)";

  private final GatewayStatus status;
  private final HealthThresholds thresholds;

  HealthCheck(GatewayStatus status, HealthThresholds thresholds) {
    this.status = status;
    this.thresholds = thresholds;
  }

  /**
   * The current report. Reasons, in this order: {@code broker down}, {@code client id takeover:
   * ...} (whether or not a broker is required), {@code device <id> fault},
   * {@code device <id> absent}, {@code spool at <n>% of cap}, {@code listener <name> down: <why>}.
   */
  /** Keys of {@code ConfigSummary.details()} with the file's delivery version and full digest. */
  static final String CONFIG_VERSION = "config version";
  static final String CONFIG_DIGEST = "config digest";
  static final String CONFIG_NOTICE = "config notice";

  HealthReport evaluate() {
    List<String> reasons = new ArrayList<>();
    UplinkStatus uplink = status.uplink();
    if (thresholds.brokerRequired() && !uplink.connected()) {
      reasons.add("broker down");
    }
    if (uplink.takeover()) {
      reasons.add(TAKEOVER);
    }
    if (thresholds.devicesRequired()) {
      for (DeviceStatus device : status.devices()) {
        if (device.state() != DeviceState.OK) {
          reasons.add("device " + device.id() + " " + device.state().wireName());
        }
      }
    }
    if (uplink.spoolFill() >= thresholds.spoolFillLimit()) {
      reasons.add(String.format(Locale.ROOT, "spool at %d%% of cap",
          (int) Math.floor(uplink.spoolFill() * 100)));
    }
    for (ListenerStatus listener : status.listeners()) {
      if (!listener.up()) {
        reasons.add("listener " + listener.name() + " down: " + listener.detail());
      }
    }
    // which installation file runs (docs/deploy.md, changing an installation remotely)
    java.util.Map<String, String> details = status.config().details();
    String version = details.get(CONFIG_VERSION);
    return new HealthReport(true, reasons.isEmpty(), reasons,
        version == null ? -1 : Long.parseLong(version),
        details.getOrDefault(CONFIG_DIGEST, status.config().digest()), details.get(CONFIG_NOTICE));
  }
}
