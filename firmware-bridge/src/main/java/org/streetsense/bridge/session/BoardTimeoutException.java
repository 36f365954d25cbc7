package org.streetsense.bridge.session;

/** The board did not answer (HELLO, CAPABILITIES or a command's ACK) in time, retries included. */
public class BoardTimeoutException extends RuntimeException {

  public BoardTimeoutException(String message) {
    super(message);
  }
}
