package org.streetsense.gateway.app;

import org.streetsense.gateway.metrics.GatewayMetrics;
import org.streetsense.gateway.osc.OscDropReason;
import org.streetsense.gateway.osc.OscIn;
import org.streetsense.gateway.osc.OscInStats;

/** Exports the OSC input's counters and liveness. */
final class OscMeters {

  private OscMeters() {}

  /**
   * Registers {@code streetsense_osc_datagrams_total} (received), {@code
   * streetsense_osc_dropped_total{reason}} (every reason, zeros included), {@code
   * streetsense_osc_messages_total} (messages taken from decoded datagrams), {@code
   * streetsense_listener_restarts_total{listener="osc-in"}} and {@code
   * streetsense_listener_up{listener="osc-in"}} (1 while the receive loop runs).
   */
  static void register(GatewayMetrics metrics, OscIn in) {
    OscInStats stats = in.stats();
    metrics.total("osc.datagrams", "OSC datagrams received", stats::receivedCount);
    metrics.total("osc.messages", "OSC messages taken from decoded datagrams", stats::messageCount);
    for (OscDropReason r : OscDropReason.values()) {
      metrics.total("osc.dropped", "OSC datagrams dropped whole, by reason",
          () -> stats.droppedCount(r), "reason", r.wireName());
    }
    metrics.total("listener.restarts", "Restarts of a network listener's receive loop",
        stats::restartCount, "listener", OscIn.LISTENER_NAME);
    metrics.gauge("listener.up", "1 while the network listener's receive loop runs", in,
        i -> i.status().up() ? 1 : 0, "listener", OscIn.LISTENER_NAME);
  }
}
