package org.streetsense.gateway.http.impl;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the HTTP server's connections (Vert.x has no such option): {@link #opened} closes a
 * connection at once when {@code maxConnections} are already open, and gives every other one a
 * request deadline: the head of a request must arrive within {@code requestTimeout} of the
 * connection's opening or of the end of the previous response, and its body within {@code
 * requestTimeout} of its head. A connection that misses it is closed. Both are counted and
 * logged through {@link ThrottledLog}.
 *
 * <p>Called on the server's event loop; the counters may be read from any thread.
 */
final class ConnectionGuard {

  /** Per-connection state: the deadline timer and the request being received, if any. */
  private static final class Tracked {
    long timer = -1;
    HttpServerRequest current;
  }

  private final Vertx vertx;
  private final int maxConnections;
  private final long timeoutMillis;
  private final ThrottledLog log;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();
  private final Map<HttpConnection, Tracked> tracked = new ConcurrentHashMap<>();

  ConnectionGuard(Vertx vertx, int maxConnections, Duration requestTimeout, ThrottledLog log) {
    this.vertx = vertx;
    this.maxConnections = maxConnections;
    this.timeoutMillis = Math.max(1, requestTimeout.toMillis());
    this.log = log;
  }

  /** Server connection handler: admits {@code conn} or closes it when the server is full. */
  void opened(HttpConnection conn) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      refused.incrementAndGet();
      log.client("connection refused", "already " + maxConnections
          + " connections open (http maxConnections)");
      conn.close();
      return;
    }
    Tracked t = new Tracked();
    tracked.put(conn, t);
    conn.closeHandler(v -> {
      open.decrementAndGet();
      Tracked gone = tracked.remove(conn);
      if (gone != null && gone.timer >= 0) {
        vertx.cancelTimer(gone.timer);
      }
    });
    arm(conn, t);
  }

  /** First route of the router: the request's head has arrived. */
  void requestStarted(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    HttpConnection conn = req.connection();
    Tracked t = conn == null ? null : tracked.get(conn);
    if (t != null) {
      t.current = req;
      arm(conn, t);
      ctx.addEndHandler(done -> {
        if (t.current == req) {
          t.current = null;
          arm(conn, t);
        }
      });
    }
    ctx.next();
  }

  /** Connections open now. */
  int open() {
    return open.get();
  }

  /** Connections closed at once because {@code maxConnections} were open. */
  long refused() {
    return refused.get();
  }

  /** Connections closed because a request's head or body missed its deadline. */
  long timedOut() {
    return timedOut.get();
  }

  private void arm(HttpConnection conn, Tracked t) {
    if (t.timer >= 0) {
      vertx.cancelTimer(t.timer);
    }
    t.timer = vertx.setTimer(timeoutMillis, id -> {
      t.timer = -1;
      HttpServerRequest req = t.current;
      if (req != null && bodyComplete(req)) {
        return; // being answered; the end of the response re-arms
      }
      timedOut.incrementAndGet();
      log.client("connection timed out", req == null
          ? "no request head within " + timeoutMillis + " ms"
          : "request body not complete within " + timeoutMillis + " ms of its head");
      conn.close();
    });
  }

  private static boolean bodyComplete(HttpServerRequest req) {
    if (req.isEnded()) {
      return true;
    }
    String length = req.getHeader("Content-Length");
    return req.getHeader("Transfer-Encoding") == null && (length == null || length.equals("0"));
  }
}
