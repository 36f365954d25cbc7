package org.streetsense.gateway.config;

/**
 * A {@link SecretRef} could not be resolved. The message names where the secret was declared and
 * which variable or file was tried; it never contains a secret value. The message is one line:
 * control characters in the names are escaped ({@link Echo#line}).
 */
public final class SecretException extends Exception {

  public SecretException(String message) {
    super(Echo.line(message), null, false, false);
  }
}
