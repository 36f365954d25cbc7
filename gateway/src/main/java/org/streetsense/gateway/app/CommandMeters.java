package org.streetsense.gateway.app;

import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.command.CommandStats;
import org.streetsense.gateway.command.MqttCommandFront;
import org.streetsense.gateway.metrics.GatewayMetrics;

/** Exports the command counters kept by the command processor and the MQTT front. */
final class CommandMeters {

  private CommandMeters() {}

  /**
   * Registers {@code streetsense_commands_accepted_total}, {@code
   * streetsense_commands_duplicates_total}, {@code streetsense_commands_rejected_total{reason}}
   * (every reason, zeros included, so alerts can rely on the series) and {@code
   * streetsense_command_answers_unpublished_total} (answers the uplink could not take).
   */
  static void register(GatewayMetrics metrics, CommandStats stats, MqttCommandFront front) {
    metrics.total("commands.accepted", "Commands accepted and queued for an actuator",
        stats::acceptedCount);
    metrics.total("commands.duplicates", "Replayed command ids answered with the first answer",
        stats::duplicateCount);
    for (RejectReason r : RejectReason.values()) {
      metrics.total("commands.rejected", "Commands refused, by reason",
          () -> stats.rejectedCount(r), "reason", r.wireName());
    }
    metrics.total("command.answers.unpublished",
        "Command answers that could not be published to the broker", front::unpublishedCount);
  }
}
