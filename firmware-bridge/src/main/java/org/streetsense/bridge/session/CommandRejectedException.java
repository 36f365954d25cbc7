package org.streetsense.bridge.session;

import org.streetsense.bridge.protocol.BoardCommand;
import org.streetsense.bridge.protocol.NackReason;

/** The board answered a command with NACK. */
public class CommandRejectedException extends RuntimeException {

  private final transient BoardCommand command;
  private final NackReason reason;

  public CommandRejectedException(BoardCommand command, NackReason reason) {
    super("board refused " + command + ": " + reason);
    this.command = command;
    this.reason = reason;
  }

  public BoardCommand command() {
    return command;
  }

  public NackReason reason() {
    return reason;
  }
}
