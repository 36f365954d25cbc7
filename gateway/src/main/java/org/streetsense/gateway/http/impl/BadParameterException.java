package org.streetsense.gateway.http.impl;

/** A request parameter was missing or malformed; answered 400 naming the parameter. */
final class BadParameterException extends RuntimeException {

  private final String parameter;

  BadParameterException(String parameter, String message) {
    super(message, null, false, false);
    this.parameter = parameter;
  }

  String parameter() {
    return parameter;
  }
}
