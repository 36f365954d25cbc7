package org.streetsense.bridge.protocol;

/** A packet whose payload does not match its type's layout. Names the type and the problem. */
public class ProtocolException extends Exception {

  public ProtocolException(String message) {
    super(message);
  }
}
