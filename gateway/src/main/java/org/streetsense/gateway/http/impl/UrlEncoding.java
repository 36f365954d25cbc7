package org.streetsense.gateway.http.impl;

import java.util.regex.Pattern;

/**
 * Checks the percent-encoding of a request target before any route decodes it, so that a
 * malformed escape ({@code %zz}, a lone {@code %}) is the client's 400 naming the parameter
 * rather than a decoding exception deep in the router (decision 0264). Pure; thread-safe.
 */
final class UrlEncoding {

  /** A {@code %} not followed by two hex digits. */
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  /** A parameter name that can be echoed as it is (in the answer and the log). */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._~-]{1,64}");

  private UrlEncoding() {}

  /**
   * The problem with {@code uri} (path and optional query, as received), or null if every
   * escape in it is well-formed. The parameter of the answer is the query parameter whose value is
   * malformed, when its name is plain (letters, digits, {@code ._~-}, at most 64); otherwise
   * it is null.
   */
  static BadParameterException check(String uri) {
    if (uri == null || uri.indexOf('%') < 0) {
      return null;
    }
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    if (BAD_ESCAPE.matcher(path).find()) {
      return new BadParameterException(null, "malformed URL encoding in the path");
    }
    if (q < 0) {
      return null;
    }
    for (String pair : uri.substring(q + 1).split("&", -1)) {
      if (!BAD_ESCAPE.matcher(pair).find()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (!PLAIN_NAME.matcher(name).matches()) {
        return new BadParameterException(null, "malformed URL encoding in the query");
      }
      return new BadParameterException(name, "malformed URL encoding in parameter '" + name
          + "' (a '%' must be followed by two hexadecimal digits)");
    }
    return null;
  }
}
