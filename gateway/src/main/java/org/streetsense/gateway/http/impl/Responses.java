package org.streetsense.gateway.http.impl;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Common response writing: JSON errors (never stack traces), security headers. */
final class Responses {

  static final String JSON = "application/json; charset=utf-8";
  static final String HTML = "text/html; charset=utf-8";

  private Responses() {}

  /** Ends with {@code {"error": message, "parameter": parameter}}; parameter may be null. */
  static void error(RoutingContext ctx, int status, String message, String parameter) {
    error(ctx.response(), status, message, parameter);
  }

  /** As {@link #error(RoutingContext, int, String, String)}, on a bare response. */
  static void error(HttpServerResponse response, int status, String message, String parameter) {
    if (response.ended()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    JsonObject body = new JsonObject().put("error", message);
    if (parameter != null) {
      body.put("parameter", parameter);
    }
    response.setStatusCode(status).putHeader("Content-Type", JSON)
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }

  /** Ends 429 with {@code Retry-After} in whole seconds (at least 1). */
  static void tooMany(RoutingContext ctx, Duration retryAfter, String message) {
    ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds(retryAfter)));
    error(ctx, 429, message, null);
  }

  static long retryAfterSeconds(Duration retryAfter) {
    long ms = retryAfter.toMillis();
    return Math.max(1, (ms + 999) / 1000);
  }

  static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", JSON);
    end(ctx, body.encode());
  }

  /** Ends with {@code body}, or for a HEAD request with only its length. */
  static void end(RoutingContext ctx, String body) {
    if (ctx.request().method() == HttpMethod.HEAD) {
      ctx.response().putHeader("Content-Length",
          Integer.toString(body.getBytes(StandardCharsets.UTF_8).length)).end();
    } else {
      ctx.response().end(body);
    }
  }

  /**
   * CORS headers of every answer under {@code /public/}, errors included, so that a web app
   * anywhere can read the data and why a request failed.
   */
  static void cors(HttpServerResponse response) {
    response.putHeader("Access-Control-Allow-Origin", "*")
        .putHeader("Access-Control-Expose-Headers", "Link, X-License, Retry-After");
  }

  /** Headers every response carries. */
  static void securityHeaders(HttpServerResponse response) {
    response.putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY");
  }

  /** Policy for pages we render: our own scripts and styles only, nothing from elsewhere. */
  static void pagePolicy(HttpServerResponse response) {
    response.putHeader("Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'");
  }
}
