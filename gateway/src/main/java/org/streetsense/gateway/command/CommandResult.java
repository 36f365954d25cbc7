package org.streetsense.gateway.command;

import java.util.Objects;
import java.util.Optional;

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
 */
public record CommandResult(
    String commandId,
    String correlationId,
    String actuator,
    CommandStatus status,
    RejectReason reason,
    String detail,
    long tsMillis) {

  public CommandResult {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(actuator, "actuator");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  public Optional<RejectReason> rejectReason() {
    return Optional.ofNullable(reason);
  }

  static CommandResult of(Command c, CommandStatus status, long ts) {
    return new CommandResult(c.id(), c.correlationId(), c.actuator(), status, null, "", ts);
  }

  static CommandResult rejected(Command c, RejectReason reason, String detail, long ts) {
    return new CommandResult(c.id(), c.correlationId(), c.actuator(), CommandStatus.REJECTED, reason, detail, ts);
  }
}
