package org.streetsense.gateway.http.impl;

import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.streetsense.gateway.http.MetricsAccess;
import org.streetsense.gateway.metrics.GatewayMetrics;

/** {@code GET /metrics}: the Prometheus text exposition, scraped on a worker thread. */
final class MetricsRoute {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Vertx vertx;
  private final GatewayMetrics metrics;
  private final MetricsAccess access;
  private final DashboardAuth auth;

  MetricsRoute(Vertx vertx, GatewayMetrics metrics, MetricsAccess access, DashboardAuth auth) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.access = access;
    this.auth = auth;
  }

  void handle(RoutingContext ctx) {
    if (!allowed(ctx)) {
      return;
    }
    vertx.executeBlocking(metrics::scrape, false).onComplete(r -> {
      if (r.succeeded()) {
        ctx.response().putHeader("Content-Type", CONTENT_TYPE)
            .putHeader("Cache-Control", "no-store").end(r.result());
      } else {
        ctx.fail(r.cause());
      }
    });
  }

  private boolean allowed(RoutingContext ctx) {
    if (access == MetricsAccess.OPEN
        || (access == MetricsAccess.LOCALHOST_OR_TOKEN && loopback(ctx))) {
      return true;
    }
    switch (auth.check(ctx)) {
      case GRANTED -> {
        return true;
      }
      case THROTTLED -> Responses.tooMany(ctx, auth.retryAfter(ctx),
          "too many failed attempts from your address");
      default -> {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"streetsense\"");
        Responses.error(ctx, 401, "/metrics needs the dashboard token "
            + "(Authorization: Bearer)", null);
      }
    }
    return false;
  }

  private static boolean loopback(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    if (remote == null || remote.hostAddress() == null) {
      return false;
    }
    try {
      String host = remote.hostAddress();
      return (host.indexOf(':') >= 0 || Character.isDigit(host.charAt(0)))
          && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
