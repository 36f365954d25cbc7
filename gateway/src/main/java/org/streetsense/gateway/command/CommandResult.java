package org.streetsense.gateway.command;

import java.util.Objects;
import java.util.Optional;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.RejectReason;

/**
 * One answer to a command.
 *
 * @param commandId the command's id (may be empty when a malformed command had none)
 * @param correlationId the command's correlation id, echoed
 * @param actuator the actuator addressed
 * @param status the answer
 * @param reason why, for REJECTED and FAILED; null otherwise
 * @param detail a human explanation naming what was wrong (value, limit, field); empty if none
 * @param tsMillis when the answer was given (unix ms)
 * @param cappedTo with ACCEPTED and DONE: the level the command ran at instead of the one it asked
 *     for, because quiet hours cap the actuator; NaN when it ran as asked
 */
public record CommandResult(
    String commandId,
    String correlationId,
    String actuator,
    CommandStatus status,
    RejectReason reason,
    String detail,
    long tsMillis,
    double cappedTo) {

  /** An answer to a command that was not capped. */
  public CommandResult(String commandId, String correlationId, String actuator, CommandStatus status,
      RejectReason reason, String detail, long tsMillis) {
    this(commandId, correlationId, actuator, status, reason, detail, tsMillis, Double.NaN);
  }

  public CommandResult {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(actuator, "actuator");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  /** Whether the command ran at a quiet-hours cap ({@link #cappedTo}). */
  public boolean capped() {
    return !Double.isNaN(cappedTo);
  }

  public Optional<RejectReason> rejectReason() {
    return Optional.ofNullable(reason);
  }

  static CommandResult of(Command c, CommandStatus status, long ts) {
    return new CommandResult(c.id(), c.correlationId(), c.actuator(), status, null, "", ts);
  }

  /** ACCEPTED or DONE at a quiet-hours cap, with the detail that says so. */
  static CommandResult capped(Command c, CommandStatus status, double level, String detail, long ts) {
    return new CommandResult(c.id(), c.correlationId(), c.actuator(), status, null, detail, ts, level);
  }

  static CommandResult rejected(Command c, RejectReason reason, String detail, long ts) {
    return new CommandResult(c.id(), c.correlationId(), c.actuator(), CommandStatus.REJECTED, reason, detail, ts);
  }
}
