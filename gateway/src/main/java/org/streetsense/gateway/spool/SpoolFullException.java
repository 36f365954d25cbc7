package org.streetsense.gateway.spool;

/** An append was refused because the spool is at its cap or the disk is full. */
public final class SpoolFullException extends RuntimeException {

  public SpoolFullException(String message) {
    super(message);
  }

  public SpoolFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
